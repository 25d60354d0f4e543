import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import type { z } from 'zod';
import { loadConfigOrExit, serviceConfigSchema, type ServiceConfig } from '../config';
import { startService, stopOnSignals, type RequestContext, type ServiceDefinition } from './service';

/** A service's SDL, read from its src/ folder whether the code runs from src (tests) or dist. */
export function loadTypeDefs(serviceDir: string): DocumentNode {
  return parse(readFileSync(join(serviceDir, '..', 'src', 'schema.graphql'), 'utf8'));
}

/** The service configuration schema with that service's default port and database. */
export function serviceConfigFor(service: string, port: number) {
  return serviceConfigSchema.extend({
    PORT: serviceConfigSchema.shape.PORT.default(port),
    DATABASE_URL: serviceConfigSchema.shape.DATABASE_URL.default(`postgres://postgres@127.0.0.1:5432/yibao_${service}`),
  });
}

/** main.ts of every service: validated config → start → stop on SIGTERM/SIGINT. */
export function runService<Ctx extends RequestContext, App>(
  schema: z.ZodType<ServiceConfig>,
  define: (config: ServiceConfig) => ServiceDefinition<Ctx, App>,
): void {
  const config = loadConfigOrExit(schema);
  startService(define(config))
    .then((service) => stopOnSignals(service.stop, service.runtime.logger))
    .catch((e) => {
      process.stderr.write(`failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    });
}
