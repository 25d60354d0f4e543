import { personRegisteredMessage } from './messages';

describe('message texts', () => {
  it('N2: the registration message is in-app, names the person and masks the ID number', () => {
    const m = personRegisteredMessage({
      personId: '8f14e45f-ceea-467f-a8f5-2c6a3f1f7d11',
      idType: 'RESIDENT_ID',
      idNumber: '11010519491231002X',
      name: '张三',
      gender: 'FEMALE',
      birthDate: '1949-12-31',
      mobile: null,
      householdRegion: '120104',
      registeredAt: '2026-11-23T08:00:00.000Z',
    });
    expect(m.channel).toBe('IN_APP');
    expect(m.rule).toBe('N2');
    expect(m.body).toContain('张三');
    expect(m.body).toContain('1101**********002X');
    expect(m.body).not.toContain('11010519491231002X');
  });
});
