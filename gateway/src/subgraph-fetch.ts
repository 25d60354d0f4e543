import { Agent, request } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** How long a subgraph call may take before the gateway gives up on it (socket idle, in ms). */
const SUBGRAPH_TIMEOUT_MS = 30_000;

/** The headers of a subgraph's answer, as the Fetch API's `Headers.get` reads them (names are case-insensitive). */
class ResponseHeaders {
  constructor(private readonly raw: Record<string, string | string[] | undefined>) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  set(name: string, value: string): void {
    this.raw[name.toLowerCase()] = value;
  }
  append(name: string, value: string): void {
    const v = this.get(name);
    this.set(name, v === null ? value : `${v}, ${value}`);
  }
  delete(name: string): void {
    delete this.raw[name.toLowerCase()];
  }
  *entries(): IterableIterator<[string, string]> {
    for (const k of Object.keys(this.raw)) yield [k, this.get(k)!];
  }
  keys() {
    return Object.keys(this.raw)[Symbol.iterator]();
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
}

function responseOf(url: string, status: number, statusText: string, headers: ResponseHeaders, body: string) {
  const response: FetcherResponse = {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url,
    redirected: false,
    bodyUsed: false,
    headers,
    text: async () => body,
    json: async () => JSON.parse(body),
    arrayBuffer: async () => {
      const b = Buffer.from(body, 'utf8');
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
    clone: () => responseOf(url, status, statusText, headers, body),
  };
  return response;
}

/**
 * The gateway's fetcher for subgraph calls: Node's `http` with a kept-alive connection pool. It does what Apollo's
 * RemoteGraphQLDataSource asks of a fetcher (POST a JSON body, read the status, headers and the JSON answer) and
 * nothing else: no HTTP cache, no redirects, no retries. Node's global `fetch` (undici) did the same with an
 * AbortSignal, web streams and a WebAssembly parser per call, about a third of the gateway's CPU in a profile under
 * load (bench/README.md). The agent follows a subgraph's `Keep-Alive: timeout` hint, so it never reuses a connection
 * the subgraph is about to close.
 */
export function subgraphFetcher(options: { timeoutMs?: number; maxSockets?: number } = {}): {
  fetch: Fetcher;
  close(): void;
} {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' });
  const timeoutMs = options.timeoutMs ?? SUBGRAPH_TIMEOUT_MS;
  const fetch: Fetcher = (url, init) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const req = request(
        url,
        { method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const headers = new ResponseHeaders(res.headers);
            resolve(responseOf(url, res.statusCode ?? 0, res.statusMessage ?? '', headers, body));
          });
        },
      );
      req.setTimeout(timeoutMs, () =>
        req.destroy(new Error(`subgraph call to ${url} timed out after ${timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(init?.body);
    });
  return { fetch, close: () => agent.destroy() };
}
