import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The operator's SMS gateway is outside the system: a local HTTP server stands in for it and records what it
 * receives (the notification service's `SMS_PROVIDER=http` adapter posts to it). `failures` makes it answer 503 to
 * that many requests before it accepts; `refuse` answers 400 (a blacklisted number); `stall` holds answers back.
 * Like a gateway that honours idempotency keys, it answers a repeated request without sending it again: `accepted`
 * is what would reach phones.
 */
export class RecordingSmsGateway {
  /** Every request, in order of arrival (repeats and refused ones included). */
  readonly requests: Array<{ headers: IncomingMessage['headers']; body: Record<string, string> }> = [];
  readonly accepted: Array<Record<string, string>> = [];
  failures = new Map<string, number>();
  refuse = new Set<string>();
  stall: Promise<void> | null = null;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', async () => {
        const body = JSON.parse(raw) as Record<string, string>;
        this.requests.push({ headers: req.headers, body });
        if (this.stall) await this.stall;
        const left = this.failures.get(body.phoneNumber!) ?? 0;
        if (left > 0) {
          this.failures.set(body.phoneNumber!, left - 1);
          res.writeHead(503).end('busy');
          return;
        }
        // like a gateway that honours idempotency keys: a repeated request is answered, not sent again
        const seen = this.accepted.findIndex((a) => a.requestId === body.requestId);
        if (seen >= 0) {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ messageId: `gw-${seen + 1}` }));
          return;
        }
        if (this.refuse.has(body.phoneNumber!)) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"blacklisted number"}');
          return;
        }
        this.accepted.push(body);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ messageId: `gw-${this.accepted.length}` }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms/send`;
  }

  to(mobile: string) {
    return this.accepted.filter((b) => b.phoneNumber === mobile);
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server?.close(() => r()) ?? r());
  }
}
