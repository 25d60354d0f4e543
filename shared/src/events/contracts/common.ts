import { z } from 'zod';

/** What every producer's contracts are built from: the contract shape and the common field schemas. */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  name: string;
  version: number;
  producer: string;
  description: string;
  schema: S;
}

export function contract<S extends z.ZodType>(c: EventContract<S>): EventContract<S> {
  return c;
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const isoDateTime = z.string().datetime({ offset: true });
export const regionCode = z.string().regex(/^\d{6}$/);
export const fen = z.number().int();

/** A text in both languages. */
export const bilingual = z.object({ zh: z.string(), en: z.string() });
