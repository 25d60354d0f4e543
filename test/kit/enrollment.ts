import type { EnrollmentApp } from '../../services/enrollment/src/app';
import type { RegisterRelationCommand } from '../../services/enrollment/src/app/relation.service';
import type { EnrollmentContext } from '../../services/enrollment/src/context';
import { enrollment } from '../../services/enrollment/src/service';
import { SettableClock } from '@yibao/shared';
import { residentId } from './ids';
import { CITY_STAFF } from './identities';
import { SubgraphHarness } from './subgraph';

/** The enrollment subgraph on a clock the test moves ("today" for the rules, the date of every timestamp). */
export class EnrollmentHarness extends SubgraphHarness<EnrollmentApp, EnrollmentContext> {
  constructor(readonly clock = new SettableClock('2026-03-02')) {
    super(enrollment, { clock });
  }
}

let seq = 0;
/** Registers a person directly through the application (not the subject of these tests) and returns its id. */
export async function newPerson(
  h: EnrollmentHarness,
  opts: { birthDate?: string; householdRegion?: string; name?: string } = {},
): Promise<string> {
  seq = (seq + 1) % 1000;
  const birth = (opts.birthDate ?? '1990-01-01').replace(/-/g, '');
  for (;;) {
    const idNumber = residentId(birth, '120104', Math.floor(Math.random() * 1000));
    const existing = await h.app.persons.byIdNumber(idNumber, CITY_STAFF);
    if (existing) continue;
    const p = await h.app.persons.register(
      {
        idType: 'RESIDENT_ID',
        idNumber,
        name: opts.name ?? `测试${seq}`,
        gender: null,
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
        mobile: null,
        householdRegion: opts.householdRegion ?? '120104',
        residenceRegion: opts.householdRegion ?? '120104',
        schoolRegion: null,
      },
      CITY_STAFF,
    );
    return p.id;
  }
}

/** A 2026 household resident registration in Nankai district (120104), with the given fields changed. */
export function residentCommand(
  personId: string,
  over: Partial<RegisterRelationCommand> = {},
): RegisterRelationCommand {
  return {
    personId,
    scheme: 'RESIDENT',
    employeeCategory: null,
    residentCategory: 'HOUSEHOLD',
    schoolLevel: null,
    expectedGraduation: null,
    retired: false,
    regionCode: '120104',
    unitCode: 'HH120104001',
    unitName: '南开区家庭虚拟户',
    periodYear: 2026,
    startDate: '2026-01-01',
    endDate: null,
    backPayment: false,
    channel: 'AGENCY_COUNTER',
    ...over,
  };
}
