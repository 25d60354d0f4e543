import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import type { z } from 'zod';
import { loadConfigOrExit, serviceConfigSchema, type ServiceConfig } from '../config';
import { startService, stopOnSignals, type RequestContext, type ServiceDefinition } from './service';

/**
 * A service's SDL files under src/: schema.graphql first, then every other *.graphql (a feature folder may bring
 * its own, e.g. jobs/jobs.graphql with `extend type Query`), in path order.
 */
export function sdlFiles(srcDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.graphql')) found.push(path);
    }
  };
  walk(srcDir);
  const rank = (p: string) => (relative(srcDir, p) === 'schema.graphql' ? '' : relative(srcDir, p));
  return found.sort((a, b) => rank(a).localeCompare(rank(b)));
}

/**
 * The kit's SDL (the @access directive, the audit log), declared in every subgraph; read from src whether running
 * from src or dist.
 */
export const KIT_SDL_PATH = join(__dirname, '..', '..', 'src', 'server', 'kit.graphql');

/** The query of a service's audit log, declared by the kit. */
export const auditLogField = (service: string) => `${service}AuditLog`;

/**
 * A service's SDL, read from its src/ folder whether the code runs from src (tests) or dist, and the kit's (with the
 * service's audit-log query).
 */
export function loadTypeDefs(serviceDir: string, service: string): DocumentNode {
  const src = join(serviceDir, '..', 'src');
  const kit = readFileSync(KIT_SDL_PATH, 'utf8').replace(/\bserviceAuditLog\b/g, auditLogField(service));
  return parse([...sdlFiles(src).map((f) => readFileSync(f, 'utf8')), kit].join('\n'));
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
