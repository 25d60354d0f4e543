import type { EventData } from '@yibao/shared';
import {
  personRegisteredMessage,
  relationRegisteredMessages,
  relationSuspendedMessages,
  smsDelivery,
} from './messages';

const relation: EventData<'relation-registered'>['relation'] = {
  relationId: '8f14e45f-ceea-467f-a8f5-2c6a3f1f7d12',
  personId: '8f14e45f-ceea-467f-a8f5-2c6a3f1f7d11',
  scheme: 'RESIDENT',
  employeeCategory: null,
  residentCategory: 'HOUSEHOLD',
  schoolLevel: null,
  retired: false,
  regionCode: '120104',
  unitCode: 'HH120104001',
  unitName: '南开区家庭虚拟户',
  periodYear: 2026,
  startDate: '2026-01-01',
  endDate: null,
  status: 'ACTIVE',
};
const actor = { subject: 'clerk', role: 'CITY_STAFF' };

function suspended(cause: string): EventData<'relation-suspended'> {
  return {
    relation: { ...relation, status: 'SUSPENDED', endDate: '2026-12-31' },
    previousStatus: 'ACTIVE',
    cause,
    reason: { zh: '未缴纳下一年度居民医保费', en: 'next year not paid' },
    effectiveDate: '2026-12-31',
    coveredUntil: null,
    actor,
    changedAt: '2026-12-31T16:00:00.000Z',
  };
}

describe('message texts', () => {
  it('N2: the registration message is in-app, names the person and masks the ID number', () => {
    const m = personRegisteredMessage({
      personId: relation.personId,
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

  it('N2: dates in messages are China calendar dates (an evening in UTC is the next morning in Tianjin)', () => {
    const m = personRegisteredMessage({
      personId: relation.personId,
      idType: 'RESIDENT_ID',
      idNumber: '11010519491231002X',
      name: '张三',
      gender: 'FEMALE',
      birthDate: '1949-12-31',
      mobile: null,
      householdRegion: '120104',
      registeredAt: '2026-11-23T23:30:00.000Z',
    });
    expect(m.body).toContain('2026-11-24');
  });

  it('N2: every relation change gets an in-app message (a suspension on application)', () => {
    const drafts = relationSuspendedMessages({ ...suspended('E15'), reason: { zh: '本人申请', en: 'application' } });
    expect(drafts).toEqual([expect.objectContaining({ channel: 'IN_APP', rule: 'N2' })]);
    expect(drafts[0]!.body).toContain('2026-12-31');
  });

  it('N3: a batch suspension reaches the person in the app and by SMS, saying what to do next', () => {
    const drafts = relationSuspendedMessages(suspended('E13'));
    expect(drafts.map((d) => [d.channel, d.rule])).toEqual([
      ['IN_APP', 'N3'],
      ['SMS', 'N3'],
    ]);
    expect(drafts[1]!.body).toMatch(/^【天津医保】/);
    expect(drafts[0]!.body).toMatch(/待遇等待期/);
  });

  it('N3: the batch suspension SMS is drafted whatever is known of the mobile number (delivery decides)', () => {
    expect(relationSuspendedMessages(suspended('E14')).map((d) => d.channel)).toEqual(['IN_APP', 'SMS']);
  });

  it('N3: an SMS is held while its person is unknown, sent to a known number, undeliverable without one', () => {
    expect(smsDelivery(null)).toEqual({ status: 'HELD', mobile: null });
    expect(smsDelivery({ mobile: '13812345678' })).toEqual({ status: 'SENT', mobile: '13812345678' });
    expect(smsDelivery({ mobile: null })).toEqual({ status: 'UNDELIVERABLE', mobile: null });
  });

  it('N3: the E13 lapse warning of a re-enrolment reaches the person with the lapse years', () => {
    const drafts = relationRegisteredMessages({
      relation,
      actor,
      registeredAt: '2026-03-02T01:00:00.000Z',
      warnings: [
        {
          rule: 'E13',
          message: { zh: '断保', en: 'lapse' },
          lapse: {
            lapseYears: [2024, 2025],
            lastCoveredOn: '2023-12-31',
            resumesOn: '2026-03-02',
            outsideCentralisedPeriod: true,
          },
        },
      ],
    });
    expect(drafts.map((d) => d.rule)).toEqual(['N2', 'N3']);
    expect(drafts[1]!.body).toContain('2024、2025');
  });
});
