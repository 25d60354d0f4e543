import type { Identity } from '../auth';
import { mayReadUnmasked } from './personal-data';

const holder = { personId: 'p1', regions: () => ['120104', null] };

describe('personal data', () => {
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
