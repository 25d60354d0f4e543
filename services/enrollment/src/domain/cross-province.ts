import { findAuthorisingConsent } from './consent';
import { refusals, reasons } from './messages';
import { isTianjin, keptInTianjinByPriority } from './regions';
import { employeeFirst, suspension } from './relations';
import type { InsuranceRelation, IsoDate, PersonSnapshot, RuleRefusal, SuspendEffect } from './types';

/** Why a registration elsewhere does not (or may not) suspend the Tianjin relation. */
export type NotSuspendedWhy =
  | 'EMPLOYEE_RELATION' // E7: a Tianjin employee relation is suspended first, never by consent
  | 'RETIREE_RELATION' // E4: a Tianjin retiree's employee relation stays ACTIVE (正常参保)
  | 'KEPT_BY_PRIORITY' // E6: 学籍地 > 户籍地 > 居住地 keeps the person in Tianjin
  | 'NO_CONSENT' // E5: no consent for the new unit
  | 'CONSENT_INVALID' // E5/E16: a consent for the new unit lacks required fields
  | 'CONSENT_MISMATCH' // E5: the consent names another original unit
  | 'CONSENT_USED' // E16: the consent has already authorised a suspension
  | 'CONSENT_SIGNED_AFTER'; // E16: the consent was signed after the registration it would authorise

export type CrossProvinceOutcome =
  { ok: true; suspensions: SuspendEffect[] } | { ok: false; refusal: RuleRefusal; why: NotSuspendedWhy };

/** The registration being made, or already made, in the other region. */
export interface NewRegistration {
  regionCode: string;
  scheme: InsuranceRelation['scheme'];
  unitCode: string | null;
}

/**
 * E4 / E5 / E6 / E7 — a registration elsewhere, made on `registeredOn`, that would insure the person twice with the
 * ACTIVE Tianjin relations in `clashing`. A retiree's employee relation stays ACTIVE (E4); another employee relation
 * must be suspended first (E7). A resident relation is kept in Tianjin when the priority order says so and the new one
 * is resident too (E6); otherwise a matching consent, signed by then and not used before, suspends it (E5, 先参后停).
 */
export function suspendInTianjin(
  snapshot: PersonSnapshot,
  target: NewRegistration,
  clashing: readonly InsuranceRelation[],
  effectiveDate: IsoDate,
  registeredOn: IsoDate,
): CrossProvinceOutcome {
  const suspensions: SuspendEffect[] = [];
  for (const r of clashing.filter((c) => isTianjin(c.regionCode)).sort(employeeFirst)) {
    if (r.scheme === 'EMPLOYEE' && r.retired) {
      return { ok: false, refusal: refusals.E4_RETIREE_ELSEWHERE(r), why: 'RETIREE_RELATION' };
    }
    if (r.scheme === 'EMPLOYEE') return { ok: false, refusal: refusals.E7(r), why: 'EMPLOYEE_RELATION' };
    if (target.scheme === 'RESIDENT' && keptInTianjinByPriority(snapshot.person, target.regionCode)) {
      return { ok: false, refusal: refusals.E6(), why: 'KEPT_BY_PRIORITY' };
    }
    const match = findAuthorisingConsent(
      snapshot.consents,
      snapshot.person.id,
      r.unitCode,
      target.unitCode,
      registeredOn,
    );
    if (!match.found) return { ok: false, refusal: refusals.E5(r), why: match.why };
    suspensions.push(
      suspension(r, 'E5', reasons.E5, effectiveDate, { channel: 'NATIONAL_PLATFORM', consentId: match.consent.id }),
    );
  }
  return { ok: true, suspensions };
}

/**
 * E8 — a Tianjin registration, made `today`, while a relation elsewhere is ACTIVE: an employee relation there must be
 * suspended there first; a resident one too, unless the person signed a consent for the Tianjin unit, which then
 * suspends it (the effect is forwarded to that region through the national platform).
 */
export function suspendElsewhere(
  snapshot: PersonSnapshot,
  tianjinUnitCode: string | null,
  clashing: readonly InsuranceRelation[],
  effectiveDate: IsoDate,
  today: IsoDate,
): { ok: true; suspensions: SuspendEffect[] } | { ok: false; refusal: RuleRefusal } {
  const suspensions: SuspendEffect[] = [];
  for (const r of clashing.filter((c) => !isTianjin(c.regionCode)).sort(employeeFirst)) {
    const match =
      r.scheme === 'RESIDENT'
        ? findAuthorisingConsent(snapshot.consents, snapshot.person.id, r.unitCode, tianjinUnitCode, today)
        : null;
    if (!match?.found) return { ok: false, refusal: refusals.E8(r) };
    suspensions.push(
      suspension(r, 'E8', reasons.E8, effectiveDate, { channel: 'NATIONAL_PLATFORM', consentId: match.consent.id }),
    );
  }
  return { ok: true, suspensions };
}
