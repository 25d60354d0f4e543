import {
  isCurrentRegionCode,
  isHistoricalRegionCode,
  isTianjinRegion,
  parseRegionCode,
  TIANJIN_REGION_CODE,
  type RegionInfo,
} from './region';
import type { ValidationResult } from './result';

function value(result: ValidationResult<RegionInfo>): RegionInfo {
  if (!result.ok) throw new Error(`expected a region, got: ${result.reason.en}`);
  return result.value;
}

const TIANJIN_DISTRICTS: [string, string][] = [
  ['120101', '和平区'],
  ['120102', '河东区'],
  ['120103', '河西区'],
  ['120104', '南开区'],
  ['120105', '河北区'],
  ['120106', '红桥区'],
  ['120110', '东丽区'],
  ['120111', '西青区'],
  ['120112', '津南区'],
  ['120113', '北辰区'],
  ['120114', '武清区'],
  ['120115', '宝坻区'],
  ['120116', '滨海新区'],
  ['120117', '宁河区'],
  ['120118', '静海区'],
  ['120119', '蓟州区'],
];

describe('parseRegionCode (GB/T 2260)', () => {
  it('knows Tianjin, 120000', () => {
    expect(TIANJIN_REGION_CODE).toBe('120000');
    expect(value(parseRegionCode('120000'))).toEqual({
      code: '120000',
      name: '天津市',
      fullName: '天津市',
      provinceCode: '120000',
      isTianjin: true,
      level: 'PROVINCE',
    });
  });

  it.each(TIANJIN_DISTRICTS)('knows the Tianjin district %s %s', (code, name) => {
    expect(value(parseRegionCode(code))).toEqual({
      code,
      name,
      fullName: `天津市${name}`,
      provinceCode: '120000',
      isTianjin: true,
      level: 'DISTRICT',
    });
  });

  it('has exactly the 16 current Tianjin districts', () => {
    const codes: string[] = [];
    for (let n = 100; n <= 199; n++) if (isCurrentRegionCode(`120${n}`)) codes.push(`120${n}`);
    expect(codes.filter((c) => c !== '120100')).toEqual(TIANJIN_DISTRICTS.map(([code]) => code));
  });

  it('describes regions elsewhere, with their level and province', () => {
    expect(value(parseRegionCode('130100'))).toMatchObject({
      name: '石家庄市',
      fullName: '河北省石家庄市',
      provinceCode: '130000',
      isTianjin: false,
      level: 'CITY',
    });
    expect(value(parseRegionCode('110105'))).toMatchObject({ fullName: '北京市朝阳区', level: 'DISTRICT' });
    expect(value(parseRegionCode('429004'))).toMatchObject({ fullName: '湖北省仙桃市', level: 'DISTRICT' });
    expect(value(parseRegionCode('653229'))).toMatchObject({ name: '和安县' }); // set up in December 2024
  });

  it('refuses abolished codes with a reason that says so, and codes that never existed', () => {
    const abolished = parseRegionCode('120107'); // 塘沽区, part of 滨海新区 since 2009
    expect(abolished.ok === false && abolished.reason.zh).toBe('行政区划代码 120107 已撤销或变更，请使用现行代码');
    const unknown = parseRegionCode('129999');
    expect(unknown.ok === false && unknown.reason.en).toBe('administrative division code 129999 does not exist');
  });

  it('refuses statistical-only codes of development zones (5th digit 7), which are not GB/T 2260', () => {
    expect(parseRegionCode('130171').ok).toBe(false); // 石家庄高新技术产业开发区 in the NBS list
  });

  it('refuses input that is not 6 digits, without throwing', () => {
    for (const raw of ['12010', '1201011', '12010a', '', null, 120101]) expect(parseRegionCode(raw).ok).toBe(false);
    expect(value(parseRegionCode(' １２０１０１ ')).code).toBe('120101');
  });
});

describe('isTianjinRegion', () => {
  it('is true for 120000 and 1201xx only', () => {
    expect(isTianjinRegion('120000')).toBe(true);
    expect(isTianjinRegion('120116')).toBe(true);
    expect(isTianjinRegion('120100')).toBe(true);
    expect(isTianjinRegion('120221')).toBe(false);
    expect(isTianjinRegion('110000')).toBe(false);
    expect(isTianjinRegion('1201')).toBe(false);
  });
});

describe('historical codes', () => {
  it('keeps retired codes apart from current ones', () => {
    for (const code of ['120107', '120108', '120109', '120221', '120223', '120225', '110103', '110104']) {
      expect(isHistoricalRegionCode(code)).toBe(true);
      expect(isCurrentRegionCode(code)).toBe(false);
    }
    expect(isHistoricalRegionCode('120116')).toBe(false);
  });
});
