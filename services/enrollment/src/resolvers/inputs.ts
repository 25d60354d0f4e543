import { bi, parseMobile, parseRegionCode, parseResidentId } from '@yibao/shared';
import { z } from 'zod';
import type { RegisterPersonCommand } from '../app/person.service';

const optionalText = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null));

export const registerPersonInput = z
  .object({
    idType: z.enum([
      'RESIDENT_ID',
      'BIRTH_CERTIFICATE',
      'PASSPORT',
      'HK_MACAO_PERMIT',
      'TAIWAN_PERMIT',
      'FOREIGNER_PERMANENT_RESIDENCE',
    ]),
    idNumber: z
      .string()
      .trim()
      .min(1, bi('证件号码必填', 'ID number is required'))
      .max(40, bi('证件号码过长', 'ID number too long')),
    name: z.string().trim().min(1, bi('姓名必填', 'name is required')).max(50, bi('姓名过长', 'name too long')),
    mobile: optionalText,
    householdRegion: optionalText,
    residenceRegion: optionalText,
    schoolRegion: optionalText,
    birthDate: optionalText,
    gender: z.enum(['MALE', 'FEMALE']).nullish(),
  })
  .transform((v, ctx): RegisterPersonCommand => {
    let { idNumber } = v;
    let gender = v.gender ?? null;
    let birthDate = v.birthDate;
    if (v.idType === 'RESIDENT_ID') {
      const id = parseResidentId(v.idNumber);
      if (id.ok) {
        ({ idNumber, gender, birthDate } = id.value);
      } else {
        ctx.addIssue({ code: 'custom', path: ['idNumber'], message: bi(id.reason.zh, id.reason.en) });
      }
    } else if (!birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: bi('非居民身份证须填写出生日期', 'birth date is required for this ID type'),
      });
    }
    let mobile = v.mobile;
    if (mobile) {
      const m = parseMobile(mobile);
      if (m.ok) mobile = m.value;
      else ctx.addIssue({ code: 'custom', path: ['mobile'], message: bi(m.reason.zh, m.reason.en) });
    }
    for (const field of ['householdRegion', 'residenceRegion', 'schoolRegion'] as const) {
      const code = v[field];
      if (!code) continue;
      const r = parseRegionCode(code);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: [field], message: bi(r.reason.zh, r.reason.en) });
    }
    return {
      idType: v.idType,
      idNumber,
      name: v.name,
      gender,
      birthDate,
      mobile,
      householdRegion: v.householdRegion,
      residenceRegion: v.residenceRegion,
      schoolRegion: v.schoolRegion,
    };
  });
