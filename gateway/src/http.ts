import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request header as a string (Node joins repeated ones, except set-cookie, which a request does not carry). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The client's address: the socket's, or with `hops` trusted proxies in front, the address the farthest trusted
 * proxy saw in `X-Forwarded-For` (as Express's `trust proxy` with a hop count: addresses from the socket outwards,
 * the first one not vouched for by a trusted hop).
 */
export function clientIp(req: IncomingMessage, hops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (hops === 0) return socket;
  const forwarded = (header(req, 'x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .reverse();
  const chain = [socket, ...forwarded];
  return chain[Math.min(hops, chain.length - 1)]!;
}

export function send(res: ServerResponse, { status, body }: { status: number; body: unknown }): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
