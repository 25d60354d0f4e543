import { signAccessToken, type Identity, type RunningService } from '@yibao/shared';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { gatewayConfigSchema } from '../../gateway/src/config';
import { benefits } from '../../services/benefits/src/service';
import { enrollment } from '../../services/enrollment/src/service';
import { notification } from '../../services/notification/src/service';
import { transfer } from '../../services/transfer/src/service';
import { INTERNAL_AUTH_SECRET, JWT_SECRET, KAFKA_BROKERS, testServiceConfig } from './env';

export interface Stack {
  gateway: RunningGateway;
  services: Record<'enrollment' | 'transfer' | 'benefits' | 'notification', RunningService<unknown>>;
  stop(): Promise<void>;
}

/** All four subgraphs and the gateway, each on a free port, against the test databases and the real Kafka. */
export async function startStack(): Promise<Stack> {
  const [e, t, b, n] = await Promise.all(
    [enrollment, transfer, benefits, notification].map((s) => s.start(testServiceConfig(s.name))),
  );
  const services = { enrollment: e, transfer: t, benefits: b, notification: n } as Stack['services'];
  const gateway = await startGateway(
    gatewayConfigSchema.parse({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '0',
      KAFKA_BROKERS,
      JWT_SECRET,
      INTERNAL_AUTH_SECRET,
      ENROLLMENT_URL: services.enrollment.url,
      TRANSFER_URL: services.transfer.url,
      BENEFITS_URL: services.benefits.url,
      NOTIFICATION_URL: services.notification.url,
    }),
  );
  return {
    gateway,
    services,
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(services).map((s) => s.stop()));
    },
  };
}

export function token(identity: Identity): Promise<string> {
  return signAccessToken(identity, JWT_SECRET);
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

export const CITY_STAFF: Identity = { subject: 'clerk-city-1', role: 'CITY_STAFF' };
