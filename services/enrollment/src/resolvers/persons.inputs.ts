import { parseResidentId } from '@yibao/shared';
import { z } from 'zod';
import type { RegisterPersonCommand } from '../app/person.service';
import type { PersonSearch } from '../app/queries';
import { validatePerson } from '../domain';
import {
  FIRST_LABEL,
  edge,
  first,
  id,
  idNumber,
  label,
  optional,
  optionalMobile,
  optionalRegion,
  optionalText,
  problemsOf,
  report,
  residentId,
  text,
  under,
} from './edge';

/** Shape of the persons' arguments (参保人): lookup, search, registration, E14's newborn ID. */

const ID_TYPES = [
  'RESIDENT_ID',
  'BIRTH_CERTIFICATE',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGNER_PERMANENT_RESIDENCE',
] as const;

/** registerPerson(input): a resident ID gives the gender and birth date; another document is checked as text. */
export const registerPersonArgs = (today: string) =>
  edge(
    z.object({
      input: z
        .object({
          idType: z.enum(ID_TYPES),
          idNumber: z.string(),
          name: text(50),
          mobile: optionalMobile,
          householdRegion: optionalRegion,
          residenceRegion: optionalRegion,
          schoolRegion: optionalRegion,
          birthDate: z.string().nullish(),
          gender: z.enum(['MALE', 'FEMALE']).nullish(),
        })
        .superRefine((v, ctx) => {
          const number = v.idNumber.trim().toUpperCase();
          if (v.idType === 'RESIDENT_ID') {
            const r = parseResidentId(v.idNumber, { today });
            if (!r.ok) report(ctx, r.reason, ['idNumber']);
          } else if (!text(40).safeParse(number).success) {
            report(ctx, number === '' ? REQUIRED_ID : ID_TOO_LONG, ['idNumber']);
          }
        })
        .transform((v): RegisterPersonCommand => {
          const resident = v.idType === 'RESIDENT_ID' ? parseResidentId(v.idNumber, { today }) : null;
          const derived = resident?.ok ? resident.value : null;
          return {
            idType: v.idType,
            idNumber: derived?.idNumber ?? v.idNumber.trim().toUpperCase(),
            name: v.name,
            gender: derived?.gender ?? v.gender ?? null,
            birthDate: derived?.birthDate ?? v.birthDate ?? null,
            mobile: v.mobile,
            householdRegion: v.householdRegion,
            residenceRegion: v.residenceRegion,
            schoolRegion: v.schoolRegion,
          };
        }),
    }),
    { 'input.name': label('姓名', 'the name') },
  );

const REQUIRED_ID = { zh: '请填写证件号码', en: 'the ID number is required' };
const ID_TOO_LONG = { zh: '证件号码不能超过 40 个字符', en: 'the ID number has more than 40 characters' };

/** registerPerson's domain check (validatePerson), for reporting alongside shape problems. */
export const registerPersonDomain =
  (today: string) => (args: z.input<ReturnType<typeof registerPersonArgs>['schema']>) =>
    under(
      'input.',
      problemsOf(
        validatePerson(
          {
            idType: args.input.idType,
            birthDate: args.input.idType === 'RESIDENT_ID' ? null : (args.input.birthDate ?? null),
          },
          today,
        ),
      ),
    );

/** person(id), relation(id), employer(id) */
export const idArgs = edge(z.object({ id }), { id: label('', 'the') });

/** personByIdNumber(idNumber) */
export const personByIdNumberArgs = (today: string) => edge(z.object({ idNumber: idNumber(today) }), {});

/** persons(search, first, after) */
export const personsArgs = edge(
  z
    .object({
      search: z.object({ text: optionalText(50), householdRegion: optionalRegion }).nullish(),
      first,
      after: optional,
    })
    .transform((v): PersonSearch => ({
      text: v.search?.text ?? null,
      householdRegion: v.search?.householdRegion ?? null,
      first: v.first,
      after: v.after,
    })),
  { 'search.text': label('查询内容', 'the search text'), first: FIRST_LABEL },
);

/** recordNewbornId(personId, idNumber) — E14: the newborn's resident ID, check character verified. */
export const recordNewbornIdArgs = (today: string) =>
  edge(z.object({ personId: id, idNumber: residentId(today) }), { personId: label('参保人', 'the person') });
