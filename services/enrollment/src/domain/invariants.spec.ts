import { decideRegistrationNotice } from './notice';
import { decideRegistration, type RegistrationCommand } from './registration';
import { decideSuspension } from './suspension';
import { applyEffects, findDoubleActive, insureTwice } from './relations';
import {
  HEBEI,
  IN_PERIOD,
  PERIOD,
  TODAY,
  consent,
  contribution,
  person,
  employee,
  employeeCommand,
  flexible,
  resident,
  residentCommand,
  snapshot,
} from './spec-fixtures';
import { SuspensionChannel, type Consent, type Effect, type InsuranceRelation, type RuleId } from './types';

const existing: InsuranceRelation[] = [
  resident({ id: 'tj-2025' }),
  resident({ id: 'tj-2026', periodYear: 2026, startDate: '2026-01-01', unitCode: 'HH-2026' }),
  resident({
    id: 'tj-school-2026',
    periodYear: 2026,
    startDate: '2026-01-01',
    residentCategory: 'SCHOOL',
    schoolLevel: 'PRIMARY',
    unitCode: 'P-2026',
  }),
  resident({ id: 'tj-school', residentCategory: 'SCHOOL', schoolLevel: 'UNIVERSITY', unitCode: 'U1' }),
  resident({ id: 'tj-suspended', status: 'SUSPENDED', endDate: '2025-03-01', unitCode: 'HH-OLD' }),
  employee({ id: 'tj-staff' }),
  flexible({ id: 'tj-flex' }),
  employee({ id: 'tj-retiree', retired: true, unitCode: 'RETIRED' }),
  resident({ id: 'hb-2025', regionCode: HEBEI, unitCode: 'HB-HH' }),
  resident({ id: 'hb-2026', regionCode: HEBEI, periodYear: 2026, startDate: '2026-01-01', unitCode: 'HB-HH-26' }),
  employee({ id: 'hb-staff', regionCode: HEBEI, unitCode: 'HB-EMP' }),
];

const commands: RegistrationCommand[] = [
  employeeCommand(),
  employeeCommand({ employeeCategory: 'FLEXIBLE', unitCode: 'FLEX-NEW' }),
  employeeCommand({ regionCode: HEBEI, unitCode: 'HB-EMP-NEW' }),
  employeeCommand({ startDate: '2025-01-01', endDate: '2025-05-31', backPayment: true }),
  residentCommand(),
  residentCommand({ residentCategory: 'HOUSEHOLD', unitCode: 'HH-NEW' }),
  residentCommand({ residentCategory: 'SCHOOL', schoolLevel: 'UNIVERSITY', unitCode: 'U2' }),
  residentCommand({ periodYear: 2026, startDate: '2026-01-01', unitCode: 'V-2026' }),
  residentCommand({ regionCode: HEBEI, unitCode: 'HB-V' }),
  residentCommand({ regionCode: HEBEI, periodYear: 2026, startDate: '2026-01-01', unitCode: 'HB-V-26' }),
];

/** A consent for every (original unit, new unit) pair: the most permissive world for 先参后停. */
const everyConsent: Consent[] = existing.flatMap((r) =>
  commands.map((c, i) => consent({ id: `c-${r.id}-${i}`, originalUnitCode: r.unitCode, newUnitCode: c.unitCode })),
);

const subsets: InsuranceRelation[][] = [
  [],
  ...existing.map((r) => [r]),
  ...existing.flatMap((a, i) => existing.slice(i + 1).map((b) => [a, b])),
];

/** Every relation after the effects ends on or after its start (the relation_dates CHECK of the database). */
const endsBeforeStart = (relations: InsuranceRelation[], effects: readonly Effect[]): string[] =>
  applyEffects(relations, effects)
    .filter((r) => r.endDate != null && r.endDate < r.startDate)
    .map((r) => `${r.id}: ${r.startDate} → ${r.endDate}`);

const doublePairs = (relations: InsuranceRelation[], from: string): Set<string> => {
  const pairs = new Set<string>();
  for (const a of relations)
    for (const b of relations) if (a.id < b.id && insureTwice(a, b, from)) pairs.add(`${a.id}|${b.id}`);
  return pairs;
};

describe('E17 — nobody is insured twice', () => {
  it('E17: no registration decision ever yields two ACTIVE relations for one person and period', () => {
    const refusedBy = new Set<RuleId>();
    let accepted = 0;
    for (const relations of subsets) {
      for (const command of commands) {
        for (const consents of [[], everyConsent]) {
          for (const today of [TODAY, IN_PERIOD]) {
            const s = snapshot({ relations, consents, contributions: [contribution({ year: 2026 })] });
            const decision = decideRegistration(s, command, today, PERIOD);
            if (!decision.ok) {
              refusedBy.add(decision.refusal.rule);
              continue;
            }
            accepted++;
            expect(endsBeforeStart(relations, decision.effects)).toEqual([]);
            const before = doublePairs(relations, today);
            const created = [...doublePairs(applyEffects(relations, decision.effects), today)].filter(
              (p) => !before.has(p),
            );
            expect({ relations: relations.map((r) => r.id), command: command.unitCode, today, created }).toEqual({
              relations: relations.map((r) => r.id),
              command: command.unitCode,
              today,
              created: [],
            });
          }
        }
      }
    }
    // The sweep exercises acceptances and the refusals of many rules, not one path.
    expect(accepted).toBeGreaterThan(100);
    expect([...refusedBy].sort()).toEqual(['E10', 'E11', 'E17', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'].sort());
  });

  it('E15, E5: no suspension ever ends a relation before it starts (applications and notices, next year’s relations included)', () => {
    const away = person({ householdRegion: HEBEI, residenceRegion: HEBEI });
    let suspended = 0;
    for (const relations of subsets) {
      for (const today of [TODAY, IN_PERIOD]) {
        const s = snapshot({ person: away, relations: relations.map((r) => ({ ...r })), consents: everyConsent });
        for (const r of relations) {
          for (const channel of Object.values(SuspensionChannel)) {
            const applicant = { kind: 'PERSON', personId: 'p1' } as const;
            const d = decideSuspension(s, { relationId: r.id, applicant, channel }, today);
            if (!d.ok) continue;
            suspended++;
            expect(endsBeforeStart(relations, d.effects)).toEqual([]);
          }
        }
        for (const c of commands.filter((x) => x.regionCode === HEBEI)) {
          const outcome = decideRegistrationNotice(s, { ...c, startDate: c.startDate }, today);
          if (outcome.suspended) {
            suspended++;
            expect(endsBeforeStart(relations, outcome.effects)).toEqual([]);
          }
        }
      }
    }
    expect(suspended).toBeGreaterThan(50);
  });

  it('E17: two ACTIVE relations of one year in Tianjin and elsewhere insure twice; E5’s next-year case does not', () => {
    const tianjin = resident({ id: 'tj' });
    expect(findDoubleActive([tianjin, resident({ id: 'hb', regionCode: HEBEI })], TODAY)?.map((r) => r.id)).toEqual([
      'tj',
      'hb',
    ]);
    expect(
      findDoubleActive(
        [tianjin, resident({ id: 'hb', regionCode: HEBEI, periodYear: 2026, startDate: '2026-01-01' })],
        TODAY,
      ),
    ).toBeNull();
  });

  it('E17: an overlap wholly in the past (a back-payment period) does not count; a suspended relation never does', () => {
    const backPaid = employee({ id: 'bp', startDate: '2025-01-01', endDate: '2025-05-31' });
    expect(findDoubleActive([resident(), backPaid], TODAY)).toBeNull();
    expect(findDoubleActive([resident(), employee({ status: 'SUSPENDED', endDate: '2025-06-15' })], TODAY)).toBeNull();
    expect(findDoubleActive([resident(), employee()], TODAY)).not.toBeNull();
  });
});
