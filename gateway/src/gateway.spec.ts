import { request } from 'node:http';
import { gatewayConfigSchema } from './config';
import { startGateway } from './gateway';

/** GET /health at host:port: the status, or the connection's error code. */
const health = (host: string, port: number) =>
  new Promise<number | string | undefined>((resolve) => {
    const req = request({ host, port, path: '/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code));
    req.end();
  });

const start = (env: Record<string, string>) =>
  startGateway(gatewayConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...env }));

describe('where the gateway listens', () => {
  // 127.0.0.2 stands for another interface of the machine (a container's network): also loopback, another address
  it('on the loopback address only by default; on every interface with LISTEN_HOST=0.0.0.0 (a container)', async () => {
    const local = await start({});
    try {
      expect(local.url).toBe(`http://127.0.0.1:${local.port}/graphql`);
      expect(await health('127.0.0.1', local.port)).toBe(200);
      expect(await health('127.0.0.2', local.port)).toBe('ECONNREFUSED');
    } finally {
      await local.stop();
    }
    const everywhere = await start({ LISTEN_HOST: '0.0.0.0' });
    try {
      expect(everywhere.url).toBe(`http://127.0.0.1:${everywhere.port}/graphql`);
      expect(await health('127.0.0.2', everywhere.port)).toBe(200);
    } finally {
      await everywhere.stop();
    }
  });
});
