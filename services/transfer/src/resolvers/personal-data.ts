import { maskIdNumber, personalData, type DataHolder } from '@yibao/shared';
import type { GraphQLResolveInfo } from 'graphql';
import type { TransferContext } from '../context';
import type { TransferEntity } from '../entities';

/** Whose ID number a document's person block carries: the transfer's person, and the district handling it. */
const HOLDER = Symbol('holder');

interface DocumentPersonData {
  name: string;
  idType: string;
  idNumber: string;
}

type Held<T> = T & { [HOLDER]?: DataHolder };

/** A contact letter's or information sheet's person block, tagged with whose data it is. */
export function heldPerson<T extends DocumentPersonData>(person: T, t: TransferEntity): Held<T> {
  return { ...person, [HOLDER]: { personId: t.personId, regions: () => [t.handlingDistrict] } };
}

/**
 * DocumentPerson.idNumber: masked but for the person and staff of the right scope (the city centre, the district
 * branch handling the transfer); a staff read unmasked is audited.
 */
export async function documentIdNumber(
  p: DocumentPersonData,
  ctx: TransferContext,
  info: GraphQLResolveInfo,
): Promise<string> {
  const holder = (p as Held<DocumentPersonData>)[HOLDER];
  if (!holder) return maskIdNumber(p.idNumber); // not reached through a transfer: never shown in full
  return (await personalData(ctx, info, holder, p.idNumber, maskIdNumber)) ?? '';
}
