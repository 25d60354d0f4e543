import { loadConfig, type ServiceConfig } from '@yibao/shared';
import { z } from 'zod';

/**
 * The transfer service's own variables, read next to the kit's ServiceConfig:
 * - TRANSFER_SEAL_PRIVATE_KEY: the agency's Ed25519 private key (PKCS#8 PEM, `\n` may be written as a literal `\n`)
 *   that seals online information sheets (T9); TRANSFER_SEAL_KEY_ID names it on every seal;
 * - TRANSFER_SEAL_TRUSTED_KEYS: earlier public keys still accepted when verifying, as JSON {keyId: PEM};
 * - TRANSFER_ALERT_WINDOW_DAYS: the warning window of the deadline alerts, in working days (T10, default 3);
 * - TRANSFER_ALERT_SCAN_MS: how often the running service scans for due and overdue steps (default hourly; 0 = off).
 * Without a key the development key below is used; with NODE_ENV=production that is refused at start-up.
 */
export const DEVELOPMENT_SEAL_KEY_ID = 'yibao-dev-seal-2026';
export const DEVELOPMENT_SEAL_PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MC4CAQAwBQYDK2VwBCIEIOHxInnPX1KJhRSF2JxFXZS55GL5JPis7DCMBc8NgrA1',
  '-----END PRIVATE KEY-----',
].join('\n');

const pem = z
  .string()
  .transform((s) => s.replace(/\\n/g, '\n').trim())
  .refine((s) => s.startsWith('-----BEGIN'), 'a PEM key expected');

/** An empty variable (compose passes `${X:-}` through) counts as unset. */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

export const transferConfigSchema = z.object({
  TRANSFER_SEAL_PRIVATE_KEY: z.preprocess(unsetIfEmpty, pem.optional()),
  TRANSFER_SEAL_KEY_ID: z.preprocess(unsetIfEmpty, z.string().min(1).max(100).optional()),
  TRANSFER_SEAL_TRUSTED_KEYS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return {} as Record<string, string>;
      try {
        return z.record(z.string(), pem).parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'JSON {keyId: PEM public key} expected' });
        return z.NEVER;
      }
    }),
  TRANSFER_ALERT_WINDOW_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  TRANSFER_ALERT_SCAN_MS: z.coerce.number().int().min(0).default(3_600_000),
});

export interface TransferConfig {
  seal: { keyId: string; privateKeyPem: string; trustedPublicKeys: Record<string, string>; development: boolean };
  alertWindowDays: number;
  alertScanMs: number;
}

/** Reads the transfer variables; refuses the development seal key in production (and a key without its id). */
export function loadTransferConfig(
  service: Pick<ServiceConfig, 'NODE_ENV'>,
  env: Record<string, string | undefined> = process.env,
): TransferConfig {
  const c = loadConfig(
    transferConfigSchema
      .refine((v) => !v.TRANSFER_SEAL_PRIVATE_KEY || v.TRANSFER_SEAL_KEY_ID, {
        message: 'TRANSFER_SEAL_KEY_ID names the key of TRANSFER_SEAL_PRIVATE_KEY',
        path: ['TRANSFER_SEAL_KEY_ID'],
      })
      .refine(
        (v) =>
          service.NODE_ENV !== 'production' ||
          (v.TRANSFER_SEAL_PRIVATE_KEY && v.TRANSFER_SEAL_PRIVATE_KEY !== DEVELOPMENT_SEAL_PRIVATE_KEY),
        {
          message: 'production needs the agency’s own seal key: the development key is refused',
          path: ['TRANSFER_SEAL_PRIVATE_KEY'],
        },
      ),
    env,
  );
  const development = !c.TRANSFER_SEAL_PRIVATE_KEY;
  return {
    seal: {
      keyId: c.TRANSFER_SEAL_KEY_ID ?? DEVELOPMENT_SEAL_KEY_ID,
      privateKeyPem: c.TRANSFER_SEAL_PRIVATE_KEY ?? DEVELOPMENT_SEAL_PRIVATE_KEY,
      trustedPublicKeys: c.TRANSFER_SEAL_TRUSTED_KEYS,
      development,
    },
    alertWindowDays: c.TRANSFER_ALERT_WINDOW_DAYS,
    alertScanMs: c.TRANSFER_ALERT_SCAN_MS,
  };
}
