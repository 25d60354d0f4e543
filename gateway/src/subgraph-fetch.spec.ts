import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from './subgraph-fetch';

describe('subgraph fetcher (node:http, kept-alive connections)', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<unknown>();
  const seen: Array<{ method?: string; identity?: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, identity: req.headers['x-yibao-identity'] as string, body });
        if (req.url === '/slow') return; // never answers
        const status = req.url === '/refused' ? 401 : 200;
        res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'private' });
        res.end(JSON.stringify({ data: { echo: body } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts the body and headers, and answers as Apollo reads a response', async () => {
    const { fetch, close } = subgraphFetcher();
    const r = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-yibao-identity': 'token' },
      body: '{"query":"{ a }"}',
    });
    expect(r.ok).toBe(true);
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toBe('application/json');
    expect(r.headers.get('cache-control')).toBe('private');
    expect(r.headers.get('x-missing')).toBeNull();
    await expect(r.json()).resolves.toEqual({ data: { echo: '{"query":"{ a }"}' } });
    expect(seen.at(-1)).toEqual({ method: 'POST', identity: 'token', body: '{"query":"{ a }"}' });
    close();
  });

  it('reuses one connection for calls one after another', async () => {
    const { fetch, close } = subgraphFetcher();
    sockets.clear();
    for (let i = 0; i < 5; i++) await (await fetch(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
    expect(sockets.size).toBe(1);
    close();
  });

  it('reports a refusal by its status, and a subgraph that does not answer as an error', async () => {
    const { fetch, close } = subgraphFetcher({ timeoutMs: 200 });
    const refused = await fetch(`${url}/refused`, { method: 'POST', body: '{}' });
    expect(refused.ok).toBe(false);
    expect(refused.status).toBe(401);
    await expect(fetch(`${url}/slow`, { method: 'POST', body: '{}' })).rejects.toThrow(/timed out/);
    await expect(fetch('http://127.0.0.1:1/graphql', { method: 'POST', body: '{}' })).rejects.toThrow();
    close();
  });
});
