import type { Direction, RegionCode } from './types';

const TIANJIN = /^12(0000|01\d\d)$/;

/** Tianjin itself (120000) or one of its districts (1201xx): Tianjin is one pooling region (市级统筹). */
export function isTianjin(region: RegionCode): boolean {
  return TIANJIN.test(region);
}

/** T3: the direction follows from which side is Tianjin; null when neither or both are (not a transfer here). */
export function directionOf(sourceRegion: RegionCode, destinationRegion: RegionCode): Direction | null {
  const src = isTianjin(sourceRegion);
  const dst = isTianjin(destinationRegion);
  if (src === dst) return null;
  return src ? 'OUTBOUND' : 'INBOUND';
}

/** The Tianjin side of a transfer, and the other region's. */
export function sidesOf(t: { direction: Direction; sourceRegion: RegionCode; destinationRegion: RegionCode }): {
  tianjin: RegionCode;
  other: RegionCode;
} {
  return t.direction === 'INBOUND'
    ? { tianjin: t.destinationRegion, other: t.sourceRegion }
    : { tianjin: t.sourceRegion, other: t.destinationRegion };
}
