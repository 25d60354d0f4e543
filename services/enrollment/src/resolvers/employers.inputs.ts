import { z } from 'zod';
import type { RegisterEmployerCommand } from '../app/employer.service';
import type { EmployerSearch } from '../app/queries';
import { FIRST_LABEL, creditCode, edge, first, label, optional, optionalText, text, tianjinDistrict } from './edge';

/** Shape of the employers' arguments (参保单位) and of the city centre's 集中参保缴费期. */

/** registerEmployer(input) */
export const registerEmployerArgs = edge(
  z.object({
    input: z
      .object({ creditCode, name: text(100), district: tianjinDistrict })
      .transform((v): RegisterEmployerCommand => v),
  }),
  { 'input.name': label('单位名称', 'the employer name') },
);

/** employerByCreditCode(creditCode) */
export const creditCodeArgs = edge(z.object({ creditCode }), {});

/** employers(search, first, after) */
export const employersArgs = edge(
  z
    .object({
      search: z.object({ text: optionalText(50), district: optional.pipe(tianjinDistrict.nullable()) }).nullish(),
      first,
      after: optional,
    })
    .transform((v): EmployerSearch => ({
      text: v.search?.text ?? null,
      district: v.search?.district ?? null,
      first: v.first,
      after: v.after,
    })),
  { 'search.text': label('查询内容', 'the search text'), first: FIRST_LABEL },
);

const centralisedPeriod = z.object({ forYear: z.number(), from: z.string(), to: z.string() });

/** setCentralisedPeriod(forYear, from, to): GraphQL has checked the shape; the rest is validateCentralisedPeriod's. */
export const centralisedPeriodArgs = edge(centralisedPeriod, {});
