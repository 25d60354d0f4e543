/** Builders for the domain specs: a person in Tianjin, in 2025, with nothing but what each test adds. */
import { CONSENT_PROMISE_ZH } from './consent';
import type { RegistrationCommand } from './registration';
import type { CentralisedPeriod, Consent, Contribution, InsuranceRelation, Person, PersonSnapshot } from './types';

export const TODAY = '2025-06-15';
/** The centralised enrolment period for 2026. */
export const PERIOD: CentralisedPeriod = { from: '2025-09-01', to: '2025-12-31', forYear: 2026 };
export const IN_PERIOD = '2025-10-10';

export const EMPLOYER = '91350100M000100Y43';
export const HEBEI = '130100';
export const BEIJING = '110105';

export function person(over: Partial<Person> = {}): Person {
  return {
    id: 'p1',
    idType: 'RESIDENT_ID',
    idNumber: '11010519491231002X',
    birthDate: '1990-05-01',
    householdRegion: '120104',
    residenceRegion: '120104',
    schoolRegion: null,
    ...over,
  };
}

export function resident(over: Partial<InsuranceRelation> = {}): InsuranceRelation {
  return {
    id: 'r-res',
    personId: 'p1',
    scheme: 'RESIDENT',
    employeeCategory: null,
    residentCategory: 'HOUSEHOLD',
    schoolLevel: null,
    retired: false,
    regionCode: '120104',
    unitCode: 'HH120104001',
    unitName: '南开区家庭虚拟户',
    periodYear: 2025,
    startDate: '2025-01-01',
    endDate: null,
    status: 'ACTIVE',
    ...over,
  };
}

export function employee(over: Partial<InsuranceRelation> = {}): InsuranceRelation {
  return {
    id: 'r-emp',
    personId: 'p1',
    scheme: 'EMPLOYEE',
    employeeCategory: 'EMPLOYER_STAFF',
    residentCategory: null,
    schoolLevel: null,
    retired: false,
    regionCode: '120104',
    unitCode: EMPLOYER,
    unitName: '天津某科技有限公司',
    periodYear: 2024,
    startDate: '2024-03-01',
    endDate: null,
    status: 'ACTIVE',
    ...over,
  };
}

export function flexible(over: Partial<InsuranceRelation> = {}): InsuranceRelation {
  return employee({
    id: 'r-flex',
    employeeCategory: 'FLEXIBLE',
    unitCode: 'FLEX120104',
    unitName: '灵活就业',
    ...over,
  });
}

export function contribution(over: Partial<Contribution> = {}): Contribution {
  return {
    personId: 'p1',
    year: 2026,
    kind: 'NORMAL',
    scheme: 'RESIDENT',
    employeeCategory: null,
    amountFen: 40_000,
    paidOn: '2025-09-20',
    refundedOn: null,
    ...over,
  };
}

export function consent(over: Partial<Consent> = {}): Consent {
  return {
    id: 'c1',
    personId: 'p1',
    name: '张三',
    phone: '13800138000',
    idType: 'RESIDENT_ID',
    idNumber: '11010519491231002X',
    originalUnitName: '南开区家庭虚拟户',
    originalUnitCode: 'HH120104001',
    newUnitName: '石家庄市某村',
    newUnitCode: 'SJZ-VILLAGE-7',
    promiseText: CONSENT_PROMISE_ZH,
    signature: 'esign-0001',
    signedAt: '2025-06-10T09:30:00+08:00',
    channel: 'ONLINE',
    ...over,
  };
}

export function snapshot(over: Partial<PersonSnapshot> = {}): PersonSnapshot {
  return { person: person(), relations: [], contributions: [], consents: [], ...over };
}

export function employeeCommand(over: Partial<RegistrationCommand> = {}): RegistrationCommand {
  return {
    relationId: 'new',
    scheme: 'EMPLOYEE',
    employeeCategory: 'EMPLOYER_STAFF',
    residentCategory: null,
    schoolLevel: null,
    retired: false,
    regionCode: '120104',
    unitCode: '91120000MA05000000',
    unitName: '天津新单位',
    periodYear: 2025,
    startDate: TODAY,
    ...over,
  };
}

export function residentCommand(over: Partial<RegistrationCommand> = {}): RegistrationCommand {
  return {
    relationId: 'new',
    scheme: 'RESIDENT',
    employeeCategory: null,
    residentCategory: 'VILLAGE',
    schoolLevel: null,
    retired: false,
    regionCode: '120104',
    unitCode: 'VILLAGE-120104-9',
    unitName: '某村民委员会',
    periodYear: 2025,
    startDate: TODAY,
    ...over,
  };
}
