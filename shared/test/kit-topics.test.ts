import { randomUUID } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  DEAD_LETTER_TOPIC,
  IdempotentConsumer,
  createLogger,
  missingTopics,
  startService,
  topicsNeededBy,
  type RequestContext,
  type ServiceDefinition,
  type ServiceRuntime,
} from '@yibao/shared';
import { testKafka, testServiceConfig } from '@yibao/test-kit';
import { parse } from 'graphql';

/**
 * A service with consumers needs the topics they read and the dead-letter topic they park a message in. Producers
 * and consumers never create topics (infra/ does, from topics.json): the kit checks them at start-up and refuses,
 * naming what is missing, instead of failing later (a dead letter could only fail when a message first failed).
 */
describe('the service kit checks the Kafka topics its consumers need at start-up (real Kafka)', () => {
  const logger = createLogger('kit-topics-test', 'silent');

  it('the topics needed are those consumed and dead-letter', () => {
    expect(
      topicsNeededBy([{ topics: ['person-registered', 'consent-signed'] }, { topics: ['person-registered'] }]),
    ).toEqual(['person-registered', 'consent-signed', DEAD_LETTER_TOPIC]);
    expect(topicsNeededBy([{ topics: [] }])).toEqual(['dead-letter']);
  });

  it('missingTopics names the topics the broker does not have', async () => {
    const absent = `no-such-topic-${randomUUID()}`;
    expect(await missingTopics(testKafka(), [DEAD_LETTER_TOPIC, 'person-registered', absent, absent])).toEqual([
      absent,
    ]);
  });

  /** A service whose one consumer reads `topic`. */
  function definition(topic: string, opened: ServiceRuntime[] = []): ServiceDefinition<RequestContext, object> {
    return {
      name: 'kit-topics-test',
      config: testServiceConfig('shared', { PORT: '0' }),
      entities: [],
      migrations: [],
      schema: buildSubgraphSchema({ typeDefs: parse('type Query { ok: Boolean }') }),
      createApp: (runtime) => {
        opened.push(runtime);
        return {};
      },
      context: (base) => base,
      consumers: (runtime) => [
        new IdempotentConsumer(runtime.dataSource, {
          name: `kit-topics-test.${randomUUID()}`,
          logger,
          deadLetters: runtime.publisher,
          handlers: { [topic]: async () => undefined } as never,
        }),
      ],
    };
  }

  it('refuses to start, naming the missing topic and how to create it, and leaves nothing open', async () => {
    const absent = `no-such-topic-${randomUUID()}`;
    const opened: ServiceRuntime[] = [];
    await expect(startService(definition(absent, opened))).rejects.toThrow(
      new RegExp(`has no topic ${absent}, which kit-topics-test's consumers need .*npm run infra:up`),
    );
    // the database and the relay it had opened are closed again
    expect(opened).toHaveLength(1);
    expect(opened[0]!.dataSource.isInitialized).toBe(false);
  });

  it('starts when every topic is there (dead-letter included)', async () => {
    const service = await startService(definition('person-registered'));
    try {
      expect(service.consumers).toHaveLength(1);
    } finally {
      await service.stop();
    }
  });
});
