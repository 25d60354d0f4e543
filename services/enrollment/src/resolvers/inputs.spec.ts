import { creditCodeCheckCharacter, residentIdCheckCharacter } from '@yibao/shared';
import type { GraphQLError } from 'graphql';
import type { InputProblem } from '../domain';
import { signConsentArgs, signConsentDomain } from './consents.inputs';
import { recordContributionArgs, recordContributionDomain, recordRefundArgs } from './contributions.inputs';
import { parseArgs, type EdgeSchema } from './edge';
import { creditCodeArgs, employersArgs, registerEmployerArgs } from './employers.inputs';
import { idArgs, personByIdNumberArgs, personsArgs, recordNewbornIdArgs, registerPersonArgs } from './persons.inputs';
import {
  applySuspensionArgs,
  registerRelationArgs,
  registerRelationDomain,
  registrationNoticeArgs,
  registrationNoticeDomain,
  relationChangeArgs,
} from './relations.inputs';

const TODAY = '2026-03-02';
const ID = '3f2b8c1e-7d4a-4b6e-9a1c-2e5f8d7c6b4a';
const withCheck = (first17: string, check: (s: string) => string) => first17 + check(first17);
const RESIDENT_ID = withCheck('12010419850505123', residentIdCheckCharacter);
const WRONG_RESIDENT_ID = RESIDENT_ID.slice(0, 17) + (RESIDENT_ID.endsWith('0') ? '1' : '0');
const CREDIT_CODE = withCheck('91120104MA05T1234', creditCodeCheckCharacter);
const WRONG_CREDIT_CODE = CREDIT_CODE.slice(0, 17) + (CREDIT_CODE.endsWith('0') ? '1' : '0');

type DomainCheck = (args: never) => readonly InputProblem[];

interface Field {
  field: string;
  zh: string;
  en: string;
}

/** The BAD_USER_INPUT fields that parsing `args` reports (none when it parses). */
function problemsOf(schema: EdgeSchema, args: unknown, domain?: DomainCheck): Field[] {
  try {
    parseArgs(schema, args, domain as never);
    return [];
  } catch (e) {
    return (e as GraphQLError).extensions.fields as Field[];
  }
}

const person = { idType: 'RESIDENT_ID', idNumber: RESIDENT_ID, name: '张三' };
const relation = {
  personId: ID,
  scheme: 'RESIDENT',
  residentCategory: 'HOUSEHOLD',
  regionCode: '120104',
  startDate: TODAY,
};
const staff = { ...relation, scheme: 'EMPLOYEE', residentCategory: null, employeeCategory: 'EMPLOYER_STAFF' };
const notice = {
  externalId: 'NP-1',
  idNumber: RESIDENT_ID,
  registration: { scheme: 'RESIDENT', residentCategory: 'HOUSEHOLD', regionCode: '130100', startDate: TODAY },
};
const consent = {
  personId: ID,
  name: '李四',
  phone: '13912345678',
  promiseText: '…',
  signature: 'esign-1',
  channel: 'ONLINE',
};
const contribution = { personId: ID, scheme: 'RESIDENT', year: 2026, kind: 'NORMAL', amountFen: 38000, paidOn: TODAY };

describe('edge shape checks: well-formed arguments parse, normalised', () => {
  it.each<[string, EdgeSchema, unknown]>([
    ['person(id)', idArgs, { id: ` ${ID.toUpperCase()} ` }],
    ['registerPerson', registerPersonArgs(TODAY), { input: person }],
    ['personByIdNumber (a passport number)', personByIdNumberArgs(TODAY), { idNumber: 'E12345678' }],
    ['persons', personsArgs, { search: { text: ' 张 ' }, first: 100 }],
    ['recordNewbornId', recordNewbornIdArgs(TODAY), { personId: ID, idNumber: RESIDENT_ID }],
    ['registerRelation (household)', registerRelationArgs, { input: relation }],
    ['registerRelation (employer staff)', registerRelationArgs, { input: { ...staff, unitCode: CREDIT_CODE } }],
    ['applySuspension', applySuspensionArgs, { input: { relationId: ID, channel: 'AGENCY_COUNTER' } }],
    ['resumeRelation', relationChangeArgs, { id: ID, reason: { zh: '更正' } }],
    ['recordRegistrationNotice', registrationNoticeArgs(TODAY), { input: notice }],
    ['signConsent (a landline)', signConsentArgs, { input: { ...consent, phone: '022-2345 6789' } }],
    ['recordContribution', recordContributionArgs, { input: contribution }],
    ['recordRefund', recordRefundArgs, { contributionId: ID, refundedOn: TODAY }],
    ['registerEmployer', registerEmployerArgs, { input: { creditCode: CREDIT_CODE, name: '甲', district: '120104' } }],
    ['employerByCreditCode', creditCodeArgs, { creditCode: CREDIT_CODE }],
    ['employers', employersArgs, { search: { district: '120104' } }],
  ])('%s', (_, schema, args) => {
    expect(problemsOf(schema, args)).toEqual([]);
  });

  it('normalises: ids lower-cased, a resident ID gives gender and birth date, the page size defaults to 20', () => {
    expect(parseArgs(idArgs, { id: ` ${ID.toUpperCase()} ` })).toEqual({ id: ID });
    expect(parseArgs(registerPersonArgs(TODAY), { input: person }).input).toMatchObject({
      birthDate: '1985-05-05',
      gender: 'MALE',
    });
    expect(parseArgs(personsArgs, {})).toEqual({ text: null, householdRegion: null, first: 20, after: null });
    expect(parseArgs(relationChangeArgs, { id: ID, reason: { zh: ' 更正 ' } }).reason).toEqual({
      zh: '更正',
      en: '更正',
    });
  });
});

describe('edge shape checks: each bad argument is named by its path, in Chinese and English', () => {
  it.each<[string, EdgeSchema, unknown, string, string]>([
    ['an id that is not an id', idArgs, { id: 'abc' }, 'id', 'not a valid id'],
    [
      'a resident ID with a wrong check character',
      registerPersonArgs(TODAY),
      { input: { ...person, idNumber: WRONG_RESIDENT_ID } },
      'input.idNumber',
      'wrong check character',
    ],
    [
      'a blank name',
      registerPersonArgs(TODAY),
      { input: { ...person, name: '  ' } },
      'input.name',
      'the name is required',
    ],
    [
      'a name of 51 characters',
      registerPersonArgs(TODAY),
      { input: { ...person, name: '张'.repeat(51) } },
      'input.name',
      'more than 50',
    ],
    [
      'a passport number of 41 characters',
      registerPersonArgs(TODAY),
      { input: { ...person, idType: 'PASSPORT', idNumber: 'E'.repeat(41), birthDate: '1990-01-01' } },
      'input.idNumber',
      'more than 40',
    ],
    ['a bad mobile', registerPersonArgs(TODAY), { input: { ...person, mobile: '12345' } }, 'input.mobile', ''],
    [
      'an unknown household region',
      registerPersonArgs(TODAY),
      { input: { ...person, householdRegion: '999999' } },
      'input.householdRegion',
      'does not exist',
    ],
    ['a page size of 0', personsArgs, { first: 0 }, 'first', 'between 1 and 100'],
    ['a page size of 101', employersArgs, { first: 101 }, 'first', 'between 1 and 100'],
    ['a page size of 2.5', personsArgs, { first: 2.5 }, 'first', 'between 1 and 100'],
    [
      'a search text of 51 characters',
      personsArgs,
      { search: { text: 'x'.repeat(51) } },
      'search.text',
      'more than 50',
    ],
    [
      'a newborn ID with a wrong check character',
      recordNewbornIdArgs(TODAY),
      { personId: ID, idNumber: WRONG_RESIDENT_ID },
      'idNumber',
      'wrong check character',
    ],
    [
      'a person id that is not an id',
      registerRelationArgs,
      { input: { ...relation, personId: '42' } },
      'input.personId',
      'the person id',
    ],
    [
      'an unknown region',
      registerRelationArgs,
      { input: { ...relation, regionCode: '999999' } },
      'input.regionCode',
      'does not exist',
    ],
    [
      'a staff credit code with a wrong check character',
      registerRelationArgs,
      { input: { ...staff, unitCode: WRONG_CREDIT_CODE } },
      'input.unitCode',
      'check character',
    ],
    [
      'a unit code of 51 characters',
      registerRelationArgs,
      { input: { ...relation, unitCode: 'U'.repeat(51) } },
      'input.unitCode',
      'more than 50',
    ],
    [
      'a person applying without a person',
      applySuspensionArgs,
      { input: { relationId: ID, channel: 'AGENCY_COUNTER', applicant: { kind: 'PERSON' } } },
      'input.applicant.personId',
      'name the applying person',
    ],
    [
      'an employer applying without its code',
      applySuspensionArgs,
      { input: { relationId: ID, channel: 'AGENCY_COUNTER', applicant: { kind: 'EMPLOYER' } } },
      'input.applicant.unitCode',
      'credit code',
    ],
    ['a blank reason', relationChangeArgs, { id: ID, reason: { zh: ' ' } }, 'reason.zh', 'the reason is required'],
    [
      'a notice with a blank external id',
      registrationNoticeArgs(TODAY),
      { input: { ...notice, externalId: ' ' } },
      'input.externalId',
      'externalId is required',
    ],
    ['a consent with a bad phone', signConsentArgs, { input: { ...consent, phone: '12345' } }, 'input.phone', ''],
    [
      'a contribution for a person id that is not an id',
      recordContributionArgs,
      { input: { ...contribution, personId: 'x' } },
      'input.personId',
      'the person id',
    ],
    [
      'a refund of a contribution id that is not an id',
      recordRefundArgs,
      { contributionId: 'x', refundedOn: TODAY },
      'contributionId',
      'the contribution id',
    ],
    [
      'an employer district outside Tianjin',
      registerEmployerArgs,
      { input: { creditCode: CREDIT_CODE, name: '甲', district: '110101' } },
      'input.district',
      'not a Tianjin district',
    ],
    [
      'an employer credit code with a wrong check character',
      creditCodeArgs,
      { creditCode: WRONG_CREDIT_CODE },
      'creditCode',
      'check character',
    ],
  ])('%s', (_, schema, args, field, en) => {
    const problems = problemsOf(schema, args);
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0]?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(problems[0]?.en).toContain(en);
  });
});

describe('edge shape checks report the domain’s problems too, so every problem is reported at once', () => {
  it.each<[string, EdgeSchema, unknown, DomainCheck, string[]]>([
    [
      'E5: an ID number of a wrong check character and a notice from Tianjin',
      registrationNoticeArgs(TODAY),
      {
        input: {
          ...notice,
          idNumber: WRONG_RESIDENT_ID,
          registration: { ...notice.registration, regionCode: '120104' },
        },
      },
      registrationNoticeDomain(TODAY),
      ['input.idNumber', 'input.registration.regionCode'],
    ],
    [
      'a bad person id and a retired resident',
      registerRelationArgs,
      { input: { ...relation, personId: 'x', retired: true } },
      registerRelationDomain(TODAY),
      ['input.personId', 'input.retired'],
    ],
    [
      'E16: a bad phone (named once) and a missing signature',
      signConsentArgs,
      { input: { ...consent, phone: '12345', signature: ' ' } },
      signConsentDomain,
      ['input.phone', 'input.promiseText', 'input.signature'],
    ],
    [
      'a bad person id and a negative amount',
      recordContributionArgs,
      { input: { ...contribution, personId: 'x', amountFen: -1 } },
      recordContributionDomain(TODAY),
      ['input.personId', 'input.amountFen'],
    ],
  ])('%s', (_, schema, args, domain, fields) => {
    expect(problemsOf(schema, args, domain).map((p) => p.field)).toEqual(fields);
  });
});
