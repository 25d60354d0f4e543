import { randomUUID } from 'node:crypto';
import { consentSigned, testServiceConfig, withTestDatabase } from '@yibao/test-kit';
import { enrollment } from '../../src/service';

describe('graceful shutdown', () => {
  it('stop() refuses new requests, flushes the outbox once more and closes the connections', async () => {
    // a relay that would not poll again for a minute: only the shutdown flush can publish the event
    const service = await enrollment.start({ ...testServiceConfig('enrollment'), OUTBOX_POLL_MS: 60000 });
    await new Promise((r) => setTimeout(r, 200)); // the relay's first (empty) cycle has run
    const eventId = randomUUID();
    const personId = randomUUID();
    await service.runtime.dataSource.transaction(async (m) => {
      const e = await service.runtime.outbox.write(m, 'consent-signed', personId, consentSigned(personId));
      await m.query('UPDATE outbox SET id = $1 WHERE id = $2', [eventId, e.id]);
    });

    await service.stop();

    await expect(fetch(`${service.url.replace(/\/graphql$/, '')}/health`)).rejects.toThrow();
    expect(service.runtime.dataSource.isInitialized).toBe(false);
    await withTestDatabase('enrollment', async (db) => {
      const { rows } = await db.query('SELECT sent_at FROM outbox WHERE id = $1', [eventId]);
      expect(rows[0].sent_at).not.toBeNull();
    });
  });
});
