import type { Identity } from '../auth';
import { maskIdNumber, maskMobile, mayReadUnmasked } from './personal-data';

const holder = { personId: 'p1', regions: () => ['120104', null] };

describe('personal data', () => {
  it('masks an ID number but its first 3 and last 4 characters, a mobile as 138****5678', () => {
    expect(maskIdNumber('120104198507150011')).toBe('120***********0011');
    expect(maskIdNumber('E1234567')).toBe('E12*4567');
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it.each<[string, Identity, boolean]>([
    ['the person', { subject: 'p', role: 'PERSON', personId: 'p1' }, true],
    ['another person', { subject: 'q', role: 'PERSON', personId: 'p2' }, false],
    ['the city centre', { subject: 'c', role: 'CITY_STAFF' }, true],
    ['the batch system', { subject: 's', role: 'SYSTEM' }, true],
    ["the person's district branch", { subject: 'd', role: 'DISTRICT_STAFF', district: '120104' }, true],
    ['another district branch', { subject: 'd', role: 'DISTRICT_STAFF', district: '120116' }, false],
    ['an employer', { subject: 'e', role: 'EMPLOYER', employerCode: 'x' }, false],
    ['an integrator', { subject: 'i', role: 'INTEGRATOR', grants: ['person'] }, false],
  ])('%s reads unmasked: %s', async (_who, reader, expected) => {
    expect(await mayReadUnmasked(reader, holder)).toBe(expected);
  });
});
