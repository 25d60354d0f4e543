import type { Person, RegionCode } from './types';

const TIANJIN = /^12(0000|01\d\d)$/;

/** Tianjin itself (120000) or one of its districts (1201xx). */
export function isTianjin(region: RegionCode): boolean {
  return TIANJIN.test(region);
}

/** Cross-province rules (E5–E8) compare provinces: the first two digits of the administrative code. */
function sameProvince(a: RegionCode, b: RegionCode): boolean {
  return a.slice(0, 2) === b.slice(0, 2);
}

/**
 * E6: for the resident scheme, 学籍地 > 户籍地 > 居住地 — the region that keeps the person is the school region, else
 * the household region, else the residence region.
 */
export function residentRegionOf(person: Person): RegionCode | null {
  return person.schoolRegion ?? person.householdRegion ?? person.residenceRegion ?? null;
}

/** E6 rank of a region for this person: 0 school, 1 household, 2 residence, 3 no tie to the person. */
function residentPriority(person: Person, region: RegionCode): number {
  const ties = [person.schoolRegion, person.householdRegion, person.residenceRegion];
  const rank = ties.findIndex((tie) => tie != null && sameProvince(tie, region));
  return rank === -1 ? ties.length : rank;
}

/**
 * E6: true when the priority order keeps the person's resident relation in Tianjin rather than in `otherRegion`
 * (a Tianjin tie ranks strictly higher). Such a person living elsewhere uses off-site care and is not suspended.
 */
export function keptInTianjinByPriority(person: Person, otherRegion: RegionCode): boolean {
  return residentPriority(person, '120000') < residentPriority(person, otherRegion);
}
