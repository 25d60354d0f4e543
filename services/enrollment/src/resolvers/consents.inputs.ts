import { parseMobile } from '@yibao/shared';
import { z } from 'zod';
import type { SignConsentCommand } from '../app/consent.service';
import { validateConsentForm } from '../domain';
import { edge, id, label, optional, problemsOf, report, text, under } from './edge';

/** Shape of signConsent(input) — E16. Whether the form is complete is the domain's (validateConsentForm). */

const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** A mobile number (normalised) or a landline; blank is left to the domain, which names it missing. */
const phone = z.string().transform((raw, ctx) => {
  const v = raw.trim();
  if (v === '') return v;
  const m = parseMobile(v);
  if (m.ok) return m.value;
  if (LANDLINE.test(v.replace(/\s+/g, ''))) return v.replace(/\s+/g, '');
  report(ctx, m.reason);
  return v;
});

const signConsentInput = z.object({
  personId: id,
  name: z.string().trim(),
  phone,
  originalUnitName: optional,
  originalUnitCode: optional,
  newUnitName: optional,
  newUnitCode: optional,
  promiseText: z.string(),
  signature: z.string().trim(),
  channel: z.enum(['ONLINE', 'COUNTER']),
});

/** signConsent(input) */
export const signConsentArgs = edge(z.object({ input: signConsentInput }), {
  'input.personId': label('参保人', 'the person'),
});

/** signConsent's domain check (validateConsentForm), for reporting alongside shape problems. */
export const signConsentDomain = ({ input: v }: { input: z.input<typeof signConsentInput> }) =>
  under(
    'input.',
    problemsOf(
      validateConsentForm(
        {
          name: v.name,
          phone: v.phone.trim(),
          originalUnitName: v.originalUnitName ?? null,
          originalUnitCode: v.originalUnitCode ?? null,
          newUnitName: v.newUnitName ?? null,
          newUnitCode: v.newUnitCode ?? null,
          promiseText: v.promiseText,
          signature: v.signature,
          channel: v.channel,
        },
        { requireAgencyFields: v.channel === 'COUNTER' },
      ),
    ),
  );

/** completeConsent(input) — E16, the agency's step: the four unit fields, each present (the rest is the domain's). */
export const completeConsentArgs = edge(
  z.object({
    input: z.object({
      consentId: id,
      originalUnitName: text(100),
      originalUnitCode: text(50),
      newUnitName: text(100),
      newUnitCode: text(50),
    }),
  }),
  {
    'input.consentId': label('知情同意书', 'the consent'),
    'input.originalUnitName': label('原参保单位名称', 'the original unit name'),
    'input.originalUnitCode': label('原参保单位编码', 'the original unit code'),
    'input.newUnitName': label('本次参保单位名称', 'the new unit name'),
    'input.newUnitCode': label('本次参保单位编码', 'the new unit code'),
  },
);

export type { SignConsentCommand };
