/**
 * The test kit every integration and end-to-end suite uses (`@yibao/test-kit`): test databases and settings, an
 * identity per role, GraphQL clients for the gateway and a subgraph, a started subgraph, event fixtures and a
 * publisher, Kafka probes and `eventually`. Starting the whole stack is `@yibao/test-kit/stack`; the enrollment
 * subgraph on a test clock with its fixtures is `@yibao/test-kit/enrollment` (both load services, so they are apart).
 */
export * from './clock';
export * from './database';
export * from './env';
export * from './events';
export * from './eventually';
export * from './graphql';
export * from './identities';
export * from './ids';
export * from './kafka';
export * from './processes';
export * from './sms-gateway';
export * from './subgraph';
