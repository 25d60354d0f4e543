// 统一社会信用代码 (unified social credit code), GB 32100-2015: registration authority (1), entity type (1), region code of
// the registration authority (6), organisation code (9), check character (1).
import { isMainlandProvincePrefix } from './region';
import { fail, normaliseInput, ok, type Reason, type ValidationResult } from './result';

export interface CodeMeaning extends Reason {
  code: string;
}

export interface CreditCode {
  code: string;
  /** 登记管理部门, position 1. */
  registrationAuthority: CodeMeaning;
  /** 机构类别, position 2 (its meaning depends on the registration authority). */
  entityType: CodeMeaning;
  /** Region code of the registration authority, positions 3–8; '100000' for a national-level registration. */
  regionCode: string;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const NATIONAL_REGISTRATION_REGION = '100000';

type Table = Record<string, { zh: string; en: string; types: Record<string, [zh: string, en: string]> }>;

// Names only. 1 机构编制, 5 民政, 9 工商 and Y 其他 are GB 32100-2015 table 1; 2–8, A and N are the authorities added
// since as commonly published (sources disagree on some of them). An unlisted authority or type is reported as such
// and never refused: the check character already proves the code was not mistyped.
const AUTHORITIES: Table = {
  '1': {
    zh: '机构编制',
    en: 'public sector organisation establishment',
    types: {
      '1': ['机关', 'government agency'],
      '2': ['事业单位', 'public institution'],
      '3': ['中央编办直接管理机构编制的群众团体', 'mass organisation under the central establishment office'],
      '9': ['其他', 'other'],
    },
  },
  '2': {
    zh: '外交',
    en: 'foreign affairs',
    types: { '1': ['外国常驻新闻机构', 'resident foreign news agency'], '9': ['其他', 'other'] },
  },
  '3': {
    zh: '司法行政',
    en: 'judicial administration',
    types: {
      '1': ['律师执业机构', 'law firm'],
      '2': ['公证处', 'notary office'],
      '3': ['基层法律服务所', 'grassroots legal service office'],
      '4': ['司法鉴定机构', 'forensic appraisal institution'],
      '5': ['仲裁委员会', 'arbitration commission'],
      '9': ['其他', 'other'],
    },
  },
  '4': {
    zh: '文化',
    en: 'culture',
    types: { '1': ['外国在华文化中心', 'foreign cultural centre in China'], '9': ['其他', 'other'] },
  },
  '5': {
    zh: '民政',
    en: 'civil affairs',
    types: {
      '1': ['社会团体', 'social organisation'],
      '2': ['民办非企业单位', 'private non-enterprise unit'],
      '3': ['基金会', 'foundation'],
      '9': ['其他', 'other'],
    },
  },
  '6': {
    zh: '旅游',
    en: 'tourism',
    types: {
      '1': ['外国旅游部门常驻代表机构', 'representative office of a foreign tourism authority'],
      '2': [
        '港澳台地区旅游部门常驻内地（大陆）代表机构',
        'representative office of a Hong Kong, Macao or Taiwan tourism authority',
      ],
      '9': ['其他', 'other'],
    },
  },
  '7': {
    zh: '宗教',
    en: 'religious affairs',
    types: {
      '1': ['宗教活动场所', 'place of religious activity'],
      '2': ['宗教院校', 'religious school'],
      '9': ['其他', 'other'],
    },
  },
  '8': {
    zh: '工会',
    en: 'trade union',
    types: { '1': ['基层工会', 'grassroots trade union'], '9': ['其他', 'other'] },
  },
  '9': {
    zh: '工商（市场监管）',
    en: 'market regulation (industry and commerce)',
    types: {
      '1': ['企业', 'enterprise'],
      '2': ['个体工商户', 'individual business'],
      '3': ['农民专业合作社', "farmers' cooperative"],
    },
  },
  A: {
    zh: '中央军委改革和编制办公室',
    en: 'Central Military Commission reform and establishment office',
    types: { '1': ['军队事业单位', 'military public institution'], '9': ['其他', 'other'] },
  },
  N: {
    zh: '农业农村',
    en: 'agriculture and rural affairs',
    types: {
      '1': ['组级集体经济组织', 'village-group collective economic organisation'],
      '2': ['村级集体经济组织', 'village collective economic organisation'],
      '3': ['乡镇级集体经济组织', 'township collective economic organisation'],
      '9': ['其他', 'other'],
    },
  },
  Y: { zh: '其他', en: 'other', types: {} },
};

/** The check character for the first 17 characters of a credit code (which must be in the code's alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`“${first17.charAt(i)}” is not in the credit code alphabet`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

function meaningOf(authorityCode: string, typeCode: string): { authority: CodeMeaning; type: CodeMeaning } {
  const authority = AUTHORITIES[authorityCode];
  if (authority === undefined) {
    return {
      authority: {
        code: authorityCode,
        zh: `未列明的登记管理部门（${authorityCode}）`,
        en: `unlisted registration authority (${authorityCode})`,
      },
      type: { code: typeCode, zh: `未列明的机构类别（${typeCode}）`, en: `unlisted entity type (${typeCode})` },
    };
  }
  const type = authority.types[typeCode];
  return {
    authority: { code: authorityCode, zh: authority.zh, en: authority.en },
    type:
      type === undefined
        ? { code: typeCode, zh: `未列明的机构类别（${typeCode}）`, en: `unlisted entity type (${typeCode})` }
        : { code: typeCode, zh: type[0], en: type[1] },
  };
}

export function parseCreditCode(raw: unknown): ValidationResult<CreditCode> {
  const code = normaliseInput(raw);
  if (code === undefined || code === '') return fail('请填写统一社会信用代码', 'enter the unified social credit code');
  if (code.length !== 18) {
    return fail(
      `统一社会信用代码应为 18 位，当前为 ${code.length} 位`,
      `a unified social credit code has 18 characters; this one has ${code.length}`,
    );
  }
  for (let i = 0; i < 18; i++) {
    const c = code.charAt(i);
    if (!ALPHABET.includes(c)) {
      return fail(
        `第 ${i + 1} 位“${c}”不是统一社会信用代码使用的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）`,
        `character ${i + 1} (“${c}”) is not used in credit codes (digits and capital letters except I, O, Z, S, V)`,
      );
    }
  }
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) {
    return fail(
      `第 3–8 位登记管理机关行政区划码“${regionCode}”应为 6 位数字`,
      `characters 3–8 (“${regionCode}”) must be the 6-digit region code of the registration authority`,
    );
  }
  // Only the province is checked: authorities in development zones register with statistical region codes that are
  // not in GB/T 2260, and a code keeps the region of its first registration.
  if (regionCode !== NATIONAL_REGISTRATION_REGION && !isMainlandProvincePrefix(regionCode.slice(0, 2))) {
    return fail(
      `第 3–8 位登记管理机关行政区划码 ${regionCode} 不属于任何省级行政区`,
      `the registration region code ${regionCode} (characters 3–8) belongs to no province`,
    );
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  const actual = code.charAt(17);
  if (actual !== expected) {
    return fail(
      `校验码错误：按前 17 位应为 ${expected}，实际为 ${actual}；请核对代码是否录入有误`,
      `wrong check character: expected ${expected} from the first 17 characters, got ${actual}; check the code was typed correctly`,
    );
  }
  const { authority, type } = meaningOf(code.charAt(0), code.charAt(1));
  return ok({ code, registrationAuthority: authority, entityType: type, regionCode });
}
