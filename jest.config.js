// One Jest configuration, three projects:
//   unit         *.spec.ts beside the code, and test/*.spec.ts (checks across packages) — pure, no infrastructure, in parallel
//   integration  services/*/test/integration/**/*.test.ts and shared/test — real PostgreSQL and Kafka, run in band
//   e2e          test/**/*.e2e.ts — all subgraphs and the gateway, through Kafka, run in band
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@yibao/shared$': '<rootDir>/shared/src/index.ts',
    '^@yibao/test-kit$': '<rootDir>/test/kit/index.ts',
    '^@yibao/test-kit/(.*)$': '<rootDir>/test/kit/$1',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{shared,gateway,services/*}/src/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
        '<rootDir>/test/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{shared,gateway,services/*}/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout.js'],
    },
  ],
};
