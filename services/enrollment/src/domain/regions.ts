import type { Person, RegionCode } from './types';

const TIANJIN = /^12(0000|01\d\d)$/;

/** Tianjin itself (120000) or one of its districts (1201xx). */
export function isTianjin(region: RegionCode): boolean {
  return TIANJIN.test(region);
}

/** Municipalities directly under the central government pool city-wide, like Tianjin: Beijing, Shanghai, Chongqing. */
const MUNICIPALITY = /^(11|12|31|50)/;

/**
 * The pooling region (统筹地区) of an administrative code. Basic medical insurance pools at prefecture level (地市级统筹):
 * a municipality pools as a whole (Tianjin 120000), elsewhere the prefecture is the first four digits (130102 →
 * 130100). E6 compares pooling regions, as the text does (跨统筹区流动).
 */
export function poolingRegionOf(region: RegionCode): RegionCode {
  return MUNICIPALITY.test(region) ? `${region.slice(0, 2)}0000` : `${region.slice(0, 4)}00`;
}

function samePoolingRegion(a: RegionCode, b: RegionCode): boolean {
  return poolingRegionOf(a) === poolingRegionOf(b);
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
  const rank = ties.findIndex((tie) => tie != null && samePoolingRegion(tie, region));
  return rank === -1 ? ties.length : rank;
}

/**
 * E6: true when the priority order keeps the person's resident relation in Tianjin rather than in `otherRegion`
 * (a Tianjin tie ranks strictly higher). Such a person living elsewhere uses off-site care and is not suspended.
 */
export function keptInTianjinByPriority(person: Person, otherRegion: RegionCode): boolean {
  return residentPriority(person, '120000') < residentPriority(person, otherRegion);
}

/**
 * E6 on a suspension application: the priority order keeps the person in Tianjin's resident scheme when their
 * first-ranked tie (school, else household, else residence region) is in Tianjin. With no tie at all nothing keeps them.
 */
export function keptInTianjin(person: Person): boolean {
  const first = residentRegionOf(person);
  return first != null && isTianjin(first);
}
