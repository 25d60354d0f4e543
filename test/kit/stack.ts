import type { Clock, RunningService, ServiceConfig } from '@yibao/shared';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { gatewayConfigSchema } from '../../gateway/src/config';
import { benefits } from '../../services/benefits/src/service';
import { enrollment } from '../../services/enrollment/src/service';
import { notification } from '../../services/notification/src/service';
import { transfer } from '../../services/transfer/src/service';
import { INTERNAL_AUTH_SECRET, JWT_SECRET, KAFKA_BROKERS, testServiceConfig } from './env';
import { gatewayClient, subgraphClient, type GraphQLClient } from './graphql';

export type ServiceName = 'enrollment' | 'transfer' | 'benefits' | 'notification';

export interface Stack {
  gateway: RunningGateway;
  /** The gateway, as clients call it (anonymous unless given an identity). */
  client: GraphQLClient;
  services: Record<ServiceName, RunningService<unknown>>;
  /** A subgraph, called directly with a signed internal identity (as the gateway does). */
  subgraph(name: ServiceName): GraphQLClient;
  stop(): Promise<void>;
}

export const SUBGRAPHS = { enrollment, transfer, benefits, notification };

/**
 * A gateway in front of the given subgraph URLs, configured as the tests need (a rate limit no suite reaches unless it
 * sets one); `env` overrides any variable, e.g. KAFKA_BROKERS for a suite's private broker.
 */
export function startTestGateway(urls: Partial<Record<ServiceName, string>>, env: Record<string, string> = {}) {
  return startGateway(
    gatewayConfigSchema.parse({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '0',
      KAFKA_BROKERS,
      JWT_SECRET,
      INTERNAL_AUTH_SECRET,
      RATE_LIMIT_MAX: '100000',
      ENROLLMENT_URL: urls.enrollment,
      TRANSFER_URL: urls.transfer,
      BENEFITS_URL: urls.benefits,
      NOTIFICATION_URL: urls.notification,
      ...env,
    }),
  );
}

/**
 * All four subgraphs and the gateway, each on a free port, against the test databases and the real Kafka (the shared
 * test broker, or `brokers`: a suite's private one).
 */
export async function startStack(
  options: {
    brokers?: string;
    clock?: Clock;
    /** Settings of one service beyond the kit's, e.g. notification's SMS_PROVIDER and SMS_GATEWAY_URL. */
    config?: Partial<Record<ServiceName, Record<string, string>>>;
  } = {},
): Promise<Stack> {
  const over: Record<string, string> = options.brokers ? { KAFKA_BROKERS: options.brokers } : {};
  // `clock`: "today" of every subgraph (a scenario that lives through a year end moves it); the system's otherwise.
  // `config`: a service's own settings beside the kit's (e.g. notification's SMS_QUIET_HOURS).
  const [e, t, b, n] = await Promise.all(
    [enrollment, transfer, benefits, notification].map((s) =>
      s.start(
        { ...testServiceConfig(s.name, over), ...(options.config?.[s.name as ServiceName] as Partial<ServiceConfig>) },
        {
          clock: options.clock,
        },
      ),
    ),
  );
  const services = { enrollment: e, transfer: t, benefits: b, notification: n } as Stack['services'];
  const gateway = await startTestGateway(
    {
      enrollment: services.enrollment.url,
      transfer: services.transfer.url,
      benefits: services.benefits.url,
      notification: services.notification.url,
    },
    options.brokers ? { KAFKA_BROKERS: options.brokers } : {},
  );
  return {
    gateway,
    client: gatewayClient(gateway.url),
    services,
    subgraph: (name) => subgraphClient(services[name].url),
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(services).map((s) => s.stop()));
    },
  };
}
