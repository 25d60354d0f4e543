import type { DataSource } from 'typeorm';
import type { IncomingMessage } from '../kafka';

/** The outcome of counting one more attempt: go on with attempt number `attempt`, or stop, all attempts are used. */
export type AttemptStart =
  { started: true; attempt: number } | { started: false; attempts: number; lastError: string | null };

/**
 * Durable attempt counts of one consumer (table `consumer_attempt`, keyed by consumer name and event id, like the
 * inbox). An attempt is counted in a transaction of its own before the handler runs: when the handler takes the
 * process down, the count survives it, and the next instance that gets the redelivered message knows how many tries
 * are left. Without this, a message that kills its consumer would be retried forever.
 */
export class ConsumerAttempts {
  constructor(
    private readonly ds: DataSource,
    private readonly consumer: string,
    private readonly maxAttempts: number,
  ) {}

  /** Counts (and commits) one more attempt, unless `maxAttempts` have already been started. */
  async begin(eventId: string, message: IncomingMessage): Promise<AttemptStart> {
    // Twice at most: when the row vanished between the two statements, another member has just finished the event.
    for (let tries = 0; ; tries++) {
      const counted: Array<{ attempts: number }> = await this.ds.query(
        `INSERT INTO consumer_attempt (consumer, event_id, topic, kafka_partition, kafka_offset, attempts)
         VALUES ($1, $2, $3, $4, $5, 1)
         ON CONFLICT (consumer, event_id) DO UPDATE
            SET attempts = consumer_attempt.attempts + 1, last_attempt_at = now(), topic = EXCLUDED.topic,
                kafka_partition = EXCLUDED.kafka_partition, kafka_offset = EXCLUDED.kafka_offset
          WHERE consumer_attempt.attempts < $6
         RETURNING attempts`,
        [this.consumer, eventId, message.topic, message.partition, message.offset, this.maxAttempts],
      );
      if (counted.length > 0) return { started: true, attempt: counted[0]!.attempts };
      const [used]: Array<{ attempts: number; last_error: string | null }> = await this.ds.query(
        'SELECT attempts, last_error FROM consumer_attempt WHERE consumer = $1 AND event_id = $2',
        [this.consumer, eventId],
      );
      if (used || tries > 0) {
        return { started: false, attempts: used?.attempts ?? this.maxAttempts, lastError: used?.last_error ?? null };
      }
    }
  }

  /**
   * Counts (and commits) the first attempt of each event that has none yet, in one statement; returns the ids it
   * counted. An event left out already has attempts behind it (it failed, or a process died during it): its count goes
   * on through `begin`.
   */
  async beginFirst(events: Array<{ eventId: string; message: IncomingMessage }>): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const counted: Array<{ event_id: string }> = await this.ds.query(
      `INSERT INTO consumer_attempt (consumer, event_id, topic, kafka_partition, kafka_offset, attempts)
       SELECT $1, u.event_id, u.topic, u.kafka_partition, u.kafka_offset, 1
         FROM unnest($2::uuid[], $3::text[], $4::int[], $5::bigint[]) AS u(event_id, topic, kafka_partition, kafka_offset)
       ON CONFLICT (consumer, event_id) DO NOTHING
       RETURNING event_id`,
      [
        this.consumer,
        events.map((e) => e.eventId),
        events.map((e) => e.message.topic),
        events.map((e) => e.message.partition),
        events.map((e) => e.message.offset),
      ],
    );
    return new Set(counted.map((r) => r.event_id));
  }

  /** Keeps the error of a failed attempt: the reason given if a later attempt dies with its process. */
  async failed(eventId: string, error: string): Promise<void> {
    await this.ds.query('UPDATE consumer_attempt SET last_error = $3 WHERE consumer = $1 AND event_id = $2', [
      this.consumer,
      eventId,
      error.slice(0, 2000),
    ]);
  }

  /** Forgets the attempts of an event dead-lettered (an applied event's go in its transaction: claimRun). */
  async clear(eventId: string): Promise<void> {
    await this.ds.query('DELETE FROM consumer_attempt WHERE consumer = $1 AND event_id = $2', [this.consumer, eventId]);
  }
}
