import { INTERNAL_IDENTITY_HEADER, SettableClock, signInternalIdentity, type Identity, type RunningService } from '@yibao/shared';
import type { EnrollmentApp } from '../../src/app';
import type { RegisterRelationCommand } from '../../src/app/relation.service';
import { enrollment } from '../../src/service';
import { INTERNAL_AUTH_SECRET, testServiceConfig } from '../../../../test/support/env';


export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> & { code?: string; rule?: string } }>;
}

export const CITY: Identity = { subject: 'clerk-city', role: 'CITY_STAFF' };
export const DISTRICT: Identity = { subject: 'clerk-nankai', role: 'DISTRICT_STAFF', district: '120104' };
export const PLATFORM: Identity = { subject: 'national-platform', role: 'INTEGRATOR' };

/**
 * The enrollment subgraph, started for real on the test database and Kafka, called over HTTP with the signed
 * internal identity the gateway would send.
 */
export class EnrollmentHarness {
  /** The clock the test moves: "today" for the rules. */
  readonly clock = new SettableClock('2026-03-02');
  service!: RunningService<EnrollmentApp>;

  async start(): Promise<this> {
    this.service = await enrollment.start(testServiceConfig('enrollment'), { clock: this.clock });
    return this;
  }

  stop(): Promise<void> {
    return this.service.stop();
  }

  get app(): EnrollmentApp {
    return this.service.app;
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as: Identity = CITY,
  ): Promise<GraphQLResult<T>> {
    const res = await fetch(this.service.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(as, INTERNAL_AUTH_SECRET),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }

  /** Rows of a table, for "nothing left behind" checks. */
  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await this.service.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
      params,
    );
    return (row as { n: number }).n;
  }

  /** Outbox events written for a person (the subject), oldest first: what integrators will receive. */
  async eventsOf(personId: string): Promise<Array<{ topic: string; data: Record<string, unknown> }>> {
    const rows: Array<{ topic: string; envelope: { data: Record<string, unknown> } }> =
      await this.service.runtime.dataSource.query(
        'SELECT topic, envelope FROM outbox WHERE message_key = $1 ORDER BY seq',
        [personId],
      );
    return rows.map((r) => ({ topic: r.topic, data: r.envelope.data }));
  }
}

/** A fresh valid resident ID: GB 11643 check character over the given 17 digits (or random ones in Tianjin). */
export function residentId(birthDate = '19900101', district = '120104', seq?: number): string {
  const body = `${district}${birthDate.replace(/-/g, '')}${String(seq ?? Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

let seq = 0;
/** Registers a person directly through the application (not the subject of these tests) and returns its id. */
export async function newPerson(
  h: EnrollmentHarness,
  opts: { birthDate?: string; householdRegion?: string; name?: string } = {},
): Promise<string> {
  seq = (seq + 1) % 1000;
  const birth = (opts.birthDate ?? '1990-01-01').replace(/-/g, '');
  for (;;) {
    const idNumber = residentId(birth, '120104', Math.floor(Math.random() * 1000));
    const existing = await h.app.persons.byIdNumber(idNumber, CITY);
    if (existing) continue;
    const p = await h.app.persons.register(
      {
        idType: 'RESIDENT_ID',
        idNumber,
        name: opts.name ?? `测试${seq}`,
        gender: null,
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
        mobile: null,
        householdRegion: opts.householdRegion ?? '120104',
        residenceRegion: opts.householdRegion ?? '120104',
        schoolRegion: null,
      },
      CITY,
    );
    return p.id;
  }
}

/** A 2026 household resident registration in Nankai district (120104), with the given fields changed. */
export function residentCommand(
  personId: string,
  over: Partial<RegisterRelationCommand> = {},
): RegisterRelationCommand {
  return {
    personId,
    scheme: 'RESIDENT',
    employeeCategory: null,
    residentCategory: 'HOUSEHOLD',
    schoolLevel: null,
    expectedGraduation: null,
    retired: false,
    regionCode: '120104',
    unitCode: 'HH120104001',
    unitName: '南开区家庭虚拟户',
    periodYear: 2026,
    startDate: '2026-01-01',
    endDate: null,
    backPayment: false,
    channel: 'AGENCY_COUNTER',
    ...over,
  };
}
