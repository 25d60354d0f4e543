// Integration and end-to-end suites talk to real PostgreSQL and Kafka (consumer-group joins take seconds).
jest.setTimeout(Number(process.env.TEST_TIMEOUT_MS ?? 60000));
