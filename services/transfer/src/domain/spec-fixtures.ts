/** Builders for the domain specs: a person moving between Tianjin (Nankai, 120104) and Hebei (Shijiazhuang). */
import type { InfoSheet } from './documents';
import type { RelationFacts, TransferApplication } from './types';

export const TODAY = '2026-06-15';
export const NANKAI = '120104';
export const SHIJIAZHUANG = '130102';
export const EMPLOYER = '91120104MA05000000';

export function relation(over: Partial<RelationFacts> = {}): RelationFacts {
  return {
    relationId: 'r1',
    personId: 'p1',
    scheme: 'EMPLOYEE',
    employeeCategory: 'EMPLOYER_STAFF',
    residentCategory: null,
    retired: false,
    regionCode: NANKAI,
    unitCode: EMPLOYER,
    unitName: '天津某科技有限公司',
    periodYear: 2026,
    startDate: '2026-03-01',
    endDate: null,
    status: 'ACTIVE',
    ...over,
  };
}

export function residentRelation(over: Partial<RelationFacts> = {}): RelationFacts {
  return relation({
    relationId: 'r-res',
    scheme: 'RESIDENT',
    employeeCategory: null,
    residentCategory: 'HOUSEHOLD',
    unitCode: 'HH120104001',
    unitName: '南开区家庭虚拟户',
    startDate: '2026-01-01',
    ...over,
  });
}

/** Employee → employee into Tianjin: the employer applies at the counter, postal mode. */
export function inbound(over: Partial<TransferApplication> = {}): TransferApplication {
  return {
    personId: 'p1',
    direction: 'INBOUND',
    mode: 'POSTAL',
    fromScheme: 'EMPLOYEE',
    toScheme: 'EMPLOYEE',
    sourceRegion: SHIJIAZHUANG,
    destinationRegion: NANKAI,
    applicant: { kind: 'EMPLOYER', unitCode: EMPLOYER },
    channel: 'AGENCY_COUNTER',
    veteran: false,
    otherRegion: { status: 'TERMINATED', periodYear: 2026 },
    ...over,
  };
}

/** Employee → employee out of Tianjin, online: the person applies on the national platform. */
export function outbound(over: Partial<TransferApplication> = {}): TransferApplication {
  return {
    personId: 'p1',
    direction: 'OUTBOUND',
    mode: 'ONLINE',
    fromScheme: 'EMPLOYEE',
    toScheme: 'EMPLOYEE',
    sourceRegion: NANKAI,
    destinationRegion: SHIJIAZHUANG,
    applicant: { kind: 'PERSON', personId: 'p1' },
    channel: 'NATIONAL_PLATFORM',
    veteran: false,
    otherRegion: { status: 'ACTIVE', periodYear: 2026 },
    ...over,
  };
}

export function infoSheet(over: Partial<InfoSheet> = {}): InfoSheet {
  return {
    sheetNo: 'HB-2026-0001',
    issuedOn: '2026-06-20',
    mode: 'POSTAL',
    issuingAgency: { regionCode: SHIJIAZHUANG, name: '河北省石家庄市长安区医疗保障经办机构' },
    receivingAgency: { regionCode: NANKAI, name: '天津市南开区医疗保障分中心' },
    person: { name: '张三', idType: 'RESIDENT_ID', idNumber: '11010519491231002X' },
    scheme: 'EMPLOYEE',
    periods: [
      {
        from: '2019-07-01',
        to: '2026-02-28',
        scheme: 'EMPLOYEE',
        regionCode: SHIJIAZHUANG,
        unitName: '石家庄某公司',
        months: 80,
      },
    ],
    actualMonths: 80,
    deemedMonths: 0,
    cumulativeMonths: 80,
    accountBalanceFen: 123_456,
    note: null,
    ...over,
  };
}
