import { CORRELATION_HEADER, chinaMidnight, type Clock, type Identity, type IsoDate } from '@yibao/shared';
import { CITY_STAFF, RecordingSmsGateway, TopicProbe, bearer, gql } from '@yibao/test-kit';
import { startStack, type ServiceName, type Stack } from '@yibao/test-kit/stack';

/**
 * The scenario's clock: a date and a Beijing time of day, both set by the scenario; the time runs on from the moment
 * it was set, so timestamps stay ordered. (SettableClock keeps the machine's time of day: the same scenario run at
 * noon and at 23:00 Beijing time saw different quiet hours for its SMS, so its runs disagreed.)
 */
export class ScenarioClock implements Clock {
  private day: IsoDate;
  /** Milliseconds after Beijing midnight when `setAt` was taken. */
  private timeOfDay: number;
  private setAt = Date.now();

  constructor(date: IsoDate, time = '10:00') {
    this.day = date;
    this.timeOfDay = millisOf(time);
  }

  /** Today's date; setting it keeps the time of day running. */
  get date(): IsoDate {
    return this.day;
  }

  set date(date: IsoDate) {
    this.at(date);
  }

  /** Moves to `date`, at `time` (HH:MM or HH:MM:SS, Beijing time) when given, else at the time of day reached. */
  at(date: IsoDate, time?: string): this {
    const now = Date.now();
    this.timeOfDay = time === undefined ? this.timeOfDay + (now - this.setAt) : millisOf(time);
    this.setAt = now;
    this.day = date;
    return this;
  }

  today(): IsoDate {
    return this.day;
  }

  now(): Date {
    return new Date(chinaMidnight(this.day).getTime() + this.timeOfDay + (Date.now() - this.setAt));
  }
}

function millisOf(time: string): number {
  const m = /^(\d\d):(\d\d)(?::(\d\d))?$/.exec(time);
  if (!m) throw new Error(`a time of day HH:MM[:SS] expected, got ${time}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** An SMS as notification's sender queue holds it (`sms_delivery`), with the message it belongs to. */
export interface QueuedSms {
  messageId: string;
  template: string;
  /** HELD, QUEUED, SENT, FAILED or UNDELIVERABLE (the message's status). */
  status: string;
  /** The queue row's status (null while the SMS is held: no row yet). */
  delivery: string | null;
  attempts: number | null;
  notBefore: Date | null;
}

/**
 * What every scenario (issue 10) needs: the whole stack (four subgraphs and the gateway on the real Kafka and
 * PostgreSQL) on one clock whose date and time of day the scenario sets, so a life can pass a year end and its SMS
 * meet quiet hours only when the scenario says so; calls through the gateway as any identity, failing the test on a
 * GraphQL error; a probe of the topics the scenario asserts; the operator's SMS gateway, recording what it receives.
 */
export interface Scenario {
  clock: ScenarioClock;
  stack: Stack;
  /**
   * The operator's SMS gateway (a local recorder): notification sends through its HTTP adapter, with quiet hours
   * 22:00–08:00 Beijing time (its default).
   */
  sms: RecordingSmsGateway;
  /** A call through the gateway as `as` (the city centre's clerk unless told): data, or the test fails. */
  call<T>(query: string, variables?: Record<string, unknown>, as?: Identity): Promise<T>;
  /** A call through the gateway that must be refused: the errors, or the test fails. */
  refused(
    query: string,
    variables?: Record<string, unknown>,
    as?: Identity,
  ): Promise<Array<{ message: string; extensions?: Record<string, unknown> }>>;
  /** A probe of the given topics, started now (stop it in `finally`). */
  probe(topics: string[]): Promise<TopicProbe>;
  /** The person's SMS in notification's sender queue, oldest first (the release time is not in the graph). */
  queuedSms(personId: string): Promise<QueuedSms[]>;
  /**
   * What the SMS gateway accepted for the person, in order of arrival: matched by the message ids (the gateway's
   * requestId), never by number. The topics are shared with other runs, whose persons may have the same number and
   * whose events this stack's notification service consumes and sends too.
   */
  smsFor(personId: string): Promise<Array<Record<string, string>>>;
  /**
   * A call like `call`, sent with `x-correlation-id: cause`: the events the call causes carry it as their CloudEvents
   * `correlationid`, so a scenario can say which act caused which event.
   */
  act<T>(cause: string, query: string, variables?: Record<string, unknown>, as?: Identity): Promise<T>;
}

export interface ScenarioOptions {
  /** A service's own settings beside the kit's, e.g. `{ notification: { SMS_QUIET_HOURS: 'off' } }`. */
  config?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** Starts the stack in `beforeAll` and stops it in `afterAll` of the calling `describe`; the clock at 10:00. */
export function useScenario(startDate: string, options: ScenarioOptions = {}): Scenario {
  const clock = new ScenarioClock(startDate);
  const sms = new RecordingSmsGateway();
  const scenario = { clock, sms } as Scenario;

  beforeAll(async () => {
    const url = await sms.start();
    scenario.stack = await startStack({
      clock,
      config: {
        ...options.config,
        notification: {
          SMS_PROVIDER: 'http',
          SMS_GATEWAY_URL: url,
          SMS_GATEWAY_KEY: 'scenario-gateway-key-0123456789',
          SMS_QUIET_HOURS: '22:00-08:00',
          SMS_POLL_MS: '200',
          ...options.config?.notification,
        },
      },
    });
  });
  afterAll(async () => {
    await scenario.stack?.stop();
    await sms.stop();
  });

  scenario.call = async <T>(query: string, variables: Record<string, unknown> = {}, as: Identity = CITY_STAFF) => {
    const r = await gql<T>(scenario.stack.gateway.url, query, variables, await bearer(as));
    expect(r.errors).toBeUndefined();
    return r.data as T;
  };
  scenario.refused = async (query, variables = {}, as = CITY_STAFF) => {
    const r = await gql(scenario.stack.gateway.url, query, variables, await bearer(as));
    expect(r.errors?.length).toBeGreaterThan(0);
    return r.errors as Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  scenario.probe = (topics) => new TopicProbe(topics).start();
  scenario.queuedSms = async (personId) => {
    const rows: Array<{
      id: string;
      template: string;
      status: string;
      delivery: string | null;
      attempts: number | null;
      not_before: Date | null;
    }> = await scenario.stack.services.notification.runtime.dataSource.query(
      `SELECT m.id, m.template, m.status, d.status AS delivery, d.attempts, d.not_before
         FROM message m LEFT JOIN sms_delivery d ON d.message_id = m.id
        WHERE m.person_id = $1 AND m.channel = 'SMS' ORDER BY m.seq`,
      [personId],
    );
    return rows.map((r) => ({
      messageId: r.id,
      template: r.template,
      status: r.status,
      delivery: r.delivery,
      attempts: r.attempts,
      notBefore: r.not_before,
    }));
  };
  scenario.smsFor = async (personId) => {
    const ids = new Set((await scenario.queuedSms(personId)).map((m) => m.messageId));
    return sms.accepted.filter((a) => ids.has(a.requestId!));
  };
  scenario.act = async <T>(
    cause: string,
    query: string,
    variables: Record<string, unknown> = {},
    as: Identity = CITY_STAFF,
  ) => {
    const r = await gql<T>(scenario.stack.gateway.url, query, variables, {
      ...(await bearer(as)),
      [CORRELATION_HEADER]: cause,
    });
    expect(r.errors).toBeUndefined();
    return r.data as T;
  };
  return scenario;
}
