/**
 * One concept, one list of values: the enums of every subgraph's SDL, the domain's enums and types, the entities'
 * types and the event contracts (zod) must agree. A value added in one place and forgotten in another fails here.
 *
 * Runtime lists (SDL, the domain's `as const` objects, zod enums) are compared by this test. Plain union types are
 * turned into lists by `valuesOf<T>()`, which tsc checks to hold exactly the union (`npm test` type-checks first).
 */
import {
  CONTRACTS,
  EmployeeCategory,
  IdType,
  RelationStatus,
  ResidentCategory,
  Scheme,
  SchoolLevel,
} from '@yibao/shared';
import { sdlFiles } from '@yibao/shared';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as domain from '../services/enrollment/src/domain';
import type { BatchJobKind, BatchJobStatus } from '../services/enrollment/src/entities';
import type { Gender, IdType as PersonIdType } from '../services/enrollment/src/entities/person.entity';
import type { PolicyParameterEntity, SuspensionApplicationEntity } from '../services/enrollment/src/entities';
import type { MessageChannel, MessageStatus } from '../services/notification/src/entities/message.entity';
import type { DeadlineAlertEntity } from '../services/notification/src/entities/deadline-alert.entity';
import type * as benefits from '../services/benefits/src/domain';
import type {
  AccountEntryEntity,
  PolicyParameterEntity as BenefitParameterEntity,
} from '../services/benefits/src/entities';
import type { TransferDirection, TransferMode } from '../services/transfer/src/entities/transfer.entity';
import * as transferDomain from '../services/transfer/src/domain';
import type { DocumentKind } from '../services/transfer/src/app/queries';
import {
  TransferDirection as TransferDirectionEvent,
  TransferMode as TransferModeEvent,
  TransferStatus as TransferStatusEvent,
} from '@yibao/shared';

/** The values of a string union, as a list tsc checks to be exactly the union: no value missing, none extra. */
function valuesOf<T extends string>() {
  return <const L extends readonly T[]>(values: L & ([T] extends [L[number]] ? unknown : never)): readonly string[] =>
    values;
}

const SERVICES = ['enrollment', 'transfer', 'benefits', 'notification'];

/** Every enum of every subgraph's SDL: "<service> SDL <Enum>" → values. */
function sdlEnums(): Map<string, { service: string; values: string[] }[]> {
  const enums = new Map<string, { service: string; values: string[] }[]>();
  for (const service of SERVICES) {
    for (const file of sdlFiles(join(__dirname, '..', 'services', service, 'src'))) {
      for (const def of parse(readFileSync(file, 'utf8')).definitions) {
        if (def.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
        const e = def as EnumTypeDefinitionNode;
        const list = enums.get(e.name.value) ?? [];
        list.push({ service, values: (e.values ?? []).map((v) => v.name.value) });
        enums.set(e.name.value, list);
      }
    }
  }
  return enums;
}

const sdl = sdlEnums();
const contract = CONTRACTS;
type Snapshot = (typeof contract)['relation-registered']['schema']['shape']['relation']['shape'];
const relation: Snapshot = contract['relation-registered'].schema.shape.relation.shape;

/** For each concept: the other lists that must hold the same values as its SDL enum. */
const CONCEPTS: Record<string, Record<string, readonly string[]>> = {
  Scheme: {
    'domain Scheme': Object.values(domain.Scheme),
    'transfer domain Scheme': Object.values(transferDomain.Scheme),
    'contracts Scheme': Scheme.options,
    'relation snapshot scheme': relation.scheme.options,
    'contribution facts scheme': contract['contribution-recorded'].schema.shape.scheme.options,
  },
  EmployeeCategory: {
    'domain EmployeeCategory': Object.values(domain.EmployeeCategory),
    'contracts EmployeeCategory': EmployeeCategory.options,
    'relation snapshot employeeCategory': relation.employeeCategory.unwrap().options,
  },
  ResidentCategory: {
    'domain ResidentCategory': Object.values(domain.ResidentCategory),
    'contracts ResidentCategory': ResidentCategory.options,
    'relation snapshot residentCategory': relation.residentCategory.unwrap().options,
  },
  SchoolLevel: {
    'domain SchoolLevel': Object.values(domain.SchoolLevel),
    'contracts SchoolLevel': SchoolLevel.options,
    'relation snapshot schoolLevel': relation.schoolLevel.unwrap().options,
  },
  RelationStatus: {
    'domain RelationStatus': Object.values(domain.RelationStatus),
    'contracts RelationStatus': RelationStatus.options,
    'relation snapshot status': relation.status.options,
    'status change previousStatus': contract['relation-suspended'].schema.shape.previousStatus.options,
  },
  SuspensionChannel: {
    'domain SuspensionChannel': Object.values(domain.SuspensionChannel),
  },
  PolicyParameterName: {
    'domain PolicyParameterName': Object.values(domain.PolicyParameterName),
    'policy parameter entity name': valuesOf<PolicyParameterEntity['name']>()(['E11_EQUAL_RANK_OVERRIDES']),
  },
  IdType: {
    'domain IdType': valuesOf<domain.IdType>()([
      'RESIDENT_ID',
      'BIRTH_CERTIFICATE',
      'PASSPORT',
      'HK_MACAO_PERMIT',
      'TAIWAN_PERMIT',
      'FOREIGNER_PERMANENT_RESIDENCE',
    ]),
    'person entity IdType': valuesOf<PersonIdType>()([
      'RESIDENT_ID',
      'BIRTH_CERTIFICATE',
      'PASSPORT',
      'HK_MACAO_PERMIT',
      'TAIWAN_PERMIT',
      'FOREIGNER_PERMANENT_RESIDENCE',
    ]),
    'contracts IdType': IdType.options,
    'person-registered idType': contract['person-registered'].schema.shape.idType.options,
  },
  Gender: {
    'person entity Gender': valuesOf<Gender>()(['MALE', 'FEMALE']),
    'person-registered gender': contract['person-registered'].schema.shape.gender.unwrap().options,
    'person-updated gender': contract['person-updated'].schema.shape.gender.unwrap().options,
  },
  ContributionKind: {
    'domain ContributionKind': valuesOf<domain.ContributionKind>()(['NORMAL', 'PREPAYMENT', 'BACK_PAYMENT']),
    'contribution facts kind': contract['contribution-recorded'].schema.shape.kind.options,
  },
  ConsentChannel: {
    'domain ConsentChannel': valuesOf<domain.ConsentChannel>()(['ONLINE', 'COUNTER']),
    'consent-signed channel': contract['consent-signed'].schema.shape.channel.options,
  },
  ApplicantKind: {
    'domain Applicant kind': valuesOf<domain.Applicant['kind']>()(['PERSON', 'EMPLOYER']),
    'transfer domain Applicant kind': valuesOf<transferDomain.Applicant['kind']>()(['PERSON', 'EMPLOYER']),
    'suspension application entity applicantKind': valuesOf<SuspensionApplicationEntity['applicantKind']>()([
      'PERSON',
      'EMPLOYER',
    ]),
  },
  ApplicationOutcome: {
    'suspension application entity outcome': valuesOf<SuspensionApplicationEntity['outcome']>()([
      'ACCEPTED',
      'REFUSED',
    ]),
  },
  NoticeNotSuspendedWhy: {
    'domain NotSuspendedWhy | NO_OVERLAP': valuesOf<domain.NotSuspendedWhy | 'NO_OVERLAP'>()([
      'NO_OVERLAP',
      'EMPLOYEE_RELATION',
      'RETIREE_RELATION',
      'KEPT_BY_PRIORITY',
      'NO_CONSENT',
      'CONSENT_INVALID',
      'CONSENT_MISMATCH',
      'CONSENT_USED',
      'CONSENT_SIGNED_AFTER',
    ]),
  },
  MessageChannel: {
    'message entity MessageChannel': valuesOf<MessageChannel>()(['SMS', 'IN_APP', 'STAFF']),
    'notification-sent channel': contract['notification-sent'].schema.shape.channel.options,
    'notification-failed channel': contract['notification-failed'].schema.shape.channel.options,
  },
  MessageStatus: {
    'message entity MessageStatus': valuesOf<MessageStatus>()(['HELD', 'QUEUED', 'SENT', 'FAILED', 'UNDELIVERABLE']),
  },
  DeadlineLevel: {
    'deadline alert entity level': valuesOf<DeadlineAlertEntity['level']>()(['DUE_SOON', 'OVERDUE']),
    'transfer-deadline-alert level': contract['transfer-deadline-alert'].schema.shape.level.options,
  },
  TransferDirection: {
    'transfer entity TransferDirection': valuesOf<TransferDirection>()(['OUTBOUND', 'INBOUND']),
    'transfer domain Direction': Object.values(transferDomain.Direction),
    'contracts TransferDirection': TransferDirectionEvent.options,
  },
  TransferMode: {
    'transfer entity TransferMode': valuesOf<TransferMode>()(['POSTAL', 'ONLINE']),
    'transfer domain Mode': Object.values(transferDomain.Mode),
    'contracts TransferMode': TransferModeEvent.options,
  },
  TransferStatus: {
    'transfer domain TransferStatus': Object.values(transferDomain.TransferStatus),
    'contracts TransferStatus': TransferStatusEvent.options,
  },
  TransferKind: {
    'transfer domain TransferKind': Object.values(transferDomain.TransferKind),
  },
  TransferChannel: {
    'transfer domain TransferChannel': Object.values(transferDomain.TransferChannel),
  },
  OtherRegionRelationStatus: {
    'transfer domain RelationStatus': Object.values(transferDomain.RelationStatus),
    'contracts RelationStatus': RelationStatus.options,
  },
  TransferStep: {
    'transfer domain StepId': valuesOf<transferDomain.StepId>()([
      'ISSUE_CONTACT_LETTER',
      'AWAIT_INFO_SHEET',
      'COMPLETE_TRANSFER_IN',
      'AWAIT_ACCOUNT_MONEY',
      'COMPLETE_TRANSFER_OUT',
      'SEND_INFO_SHEET',
      'SEND_BALANCE',
    ]),
  },
  StepOwner: {
    'transfer domain OpenStep owner': valuesOf<transferDomain.OpenStep['owner']>()(['AGENCY', 'OTHER_REGION']),
  },
  TransferDocumentKind: {
    'transfer document kind': valuesOf<DocumentKind>()(['CONTACT_LETTER', 'INFO_SHEET']),
  },
  BatchJobKind: {
    'batch job entity BatchJobKind': valuesOf<BatchJobKind>()(['GRADUATION', 'YEAR_END', 'NEWBORN_MONTH_END']),
  },
  BatchJobStatus: {
    'batch job entity BatchJobStatus': valuesOf<BatchJobStatus>()(['RUNNING', 'COMPLETED', 'FAILED']),
  },
  BenefitStatus: {
    'benefits domain BenefitStatus': valuesOf<benefits.BenefitStatus>()([
      'COVERED',
      'WAITING',
      'SUSPENDED',
      'NOT_INSURED',
    ]),
    'benefit-status-changed status': contract['benefit-status-changed'].schema.shape.status.options,
  },
  ParameterBasis: {
    'benefits domain ParameterBasis': valuesOf<benefits.ParameterBasis>()(['NATIONAL', 'TIANJIN', 'PENDING_TIANJIN']),
    'policy parameter entity basis': valuesOf<BenefitParameterEntity['basis']>()([
      'NATIONAL',
      'TIANJIN',
      'PENDING_TIANJIN',
    ]),
  },
  RetirementGroup: {
    'benefits domain RetirementGroup': valuesOf<benefits.RetirementGroup>()(['MALE_60', 'FEMALE_55', 'FEMALE_50']),
  },
  EmployeeYearKind: {
    'benefits domain EmployeeYearKind': valuesOf<benefits.EmployeeYearKind>()(['ACTUAL', 'DEEMED']),
  },
  CoverageOrigin: {
    'benefits domain SpanSource origin': valuesOf<benefits.SpanSource['origin']>()(['RELATION', 'INFO_SHEET']),
  },
  AccountDirection: {
    'benefits domain AccountEntry direction': valuesOf<benefits.AccountEntry['direction']>()(['INBOUND', 'OUTBOUND']),
    'account entry entity direction': valuesOf<AccountEntryEntity['direction']>()(['INBOUND', 'OUTBOUND']),
    'account-transferred direction': contract['account-transferred'].schema.shape.direction.options,
  },
};

describe('enum values agree across SDL, domain, entities and event contracts', () => {
  it('every enum in the subgraphs’ SDL is checked here', () => {
    expect([...sdl.keys()].sort()).toEqual(Object.keys(CONCEPTS).sort());
  });

  it.each(Object.entries(CONCEPTS))('%s', (concept, others) => {
    const lists: Array<[string, readonly string[]]> = [
      ...(sdl.get(concept) ?? []).map((d): [string, string[]] => [`${d.service} SDL ${concept}`, d.values]),
      ...Object.entries(others),
    ];
    expect(lists.length).toBeGreaterThan(1);
    const [reference, ...rest] = lists;
    const sorted = (v: readonly string[]) => [...v].sort();
    for (const [where, values] of rest) {
      expect({ where, values: sorted(values) }).toEqual({ where, values: sorted(reference![1]) });
    }
  });
});
