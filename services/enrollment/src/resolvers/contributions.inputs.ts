import { z } from 'zod';
import type { RecordContributionCommand } from '../app/contribution.service';
import { EmployeeCategory, Scheme, validateContribution, validateRefund } from '../domain';
import { edge, id, label, problemsOf, under } from './edge';

/** Shape of the contributions' arguments (缴费, 退费); money in integer fen. */

const recordContributionInput = z.object({
  personId: id,
  scheme: z.enum(Scheme),
  employeeCategory: z
    .enum(EmployeeCategory)
    .nullish()
    .transform((v) => v ?? null),
  year: z.number(),
  kind: z.enum(['NORMAL', 'PREPAYMENT', 'BACK_PAYMENT']),
  amountFen: z.number(),
  paidOn: z.string(),
});

/** recordContribution(input) */
export const recordContributionArgs = edge(
  z.object({ input: recordContributionInput.transform((v): RecordContributionCommand => v) }),
  { 'input.personId': label('参保人', 'the person') },
);

/** recordContribution's domain check (validateContribution), for reporting alongside shape problems. */
export const recordContributionDomain =
  (today: string) =>
  ({ input: v }: { input: z.input<typeof recordContributionInput> }) =>
    under('input.', problemsOf(validateContribution({ ...v, employeeCategory: v.employeeCategory ?? null }, today)));

/** recordRefund(contributionId, refundedOn) */
export const recordRefundArgs = edge(z.object({ contributionId: id, refundedOn: z.string() }), {
  contributionId: label('缴费记录', 'the contribution'),
});

/** recordRefund's domain check (validateRefund, the date alone), for reporting alongside shape problems. */
export const recordRefundDomain =
  (today: string) =>
  ({ refundedOn }: { refundedOn: string }) =>
    problemsOf(validateRefund(refundedOn, today));
