import { generateKeyPairSync } from 'node:crypto';
import { infoSheet } from '../domain/spec-fixtures';
import { DEVELOPMENT_SEAL_PRIVATE_KEY, loadTransferConfig } from './config';
import { Sealer } from './seal';

const ownKey = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('T9 — the agency’s seal key', () => {
  it('T9: outside production the development key seals; in production it is refused, and so is no key', () => {
    expect(loadTransferConfig({ NODE_ENV: 'development' }, {}).seal).toMatchObject({
      development: true,
      keyId: 'yibao-dev-seal-2026',
    });
    expect(() => loadTransferConfig({ NODE_ENV: 'production' }, {})).toThrow(/development key is refused/);
    // compose passes unset variables as empty strings
    expect(() =>
      loadTransferConfig({ NODE_ENV: 'production' }, { TRANSFER_SEAL_PRIVATE_KEY: '', TRANSFER_SEAL_KEY_ID: '' }),
    ).toThrow(/development key is refused/);
    expect(loadTransferConfig({ NODE_ENV: 'development' }, { TRANSFER_SEAL_PRIVATE_KEY: '' }).seal.development).toBe(
      true,
    );
    expect(() =>
      loadTransferConfig(
        { NODE_ENV: 'production' },
        { TRANSFER_SEAL_PRIVATE_KEY: DEVELOPMENT_SEAL_PRIVATE_KEY, TRANSFER_SEAL_KEY_ID: 'x' },
      ),
    ).toThrow(/development key is refused/);
    const c = loadTransferConfig(
      { NODE_ENV: 'production' },
      { TRANSFER_SEAL_PRIVATE_KEY: ownKey().replace(/\n/g, '\\n'), TRANSFER_SEAL_KEY_ID: 'tj-2026' },
    );
    expect(c.seal).toMatchObject({ development: false, keyId: 'tj-2026' });
    expect(() => loadTransferConfig({ NODE_ENV: 'test' }, { TRANSFER_SEAL_PRIVATE_KEY: ownKey() })).toThrow(
      /TRANSFER_SEAL_KEY_ID/,
    );
  });

  it('T9: a seal verifies with the key of its id, after rotation too; another agency’s key does not', () => {
    const old = new Sealer(loadTransferConfig({ NODE_ENV: 'test' }, {}).seal);
    const sheet = infoSheet({ mode: 'ONLINE' });
    const seal = old.seal('t-1', sheet, new Date('2026-10-09T02:00:00Z'));
    expect(old.verify('t-1', sheet, seal)).toMatchObject({ valid: true, keyId: 'yibao-dev-seal-2026' });
    expect(old.verify('t-2', sheet, seal).valid).toBe(false);
    expect(old.verify('t-1', { ...sheet, person: { ...sheet.person, name: '李四' } }, seal).valid).toBe(false);
    const rotated = new Sealer(
      loadTransferConfig(
        { NODE_ENV: 'test' },
        {
          TRANSFER_SEAL_PRIVATE_KEY: ownKey(),
          TRANSFER_SEAL_KEY_ID: 'tj-2027',
          TRANSFER_SEAL_TRUSTED_KEYS: JSON.stringify({ 'yibao-dev-seal-2026': old.publicKeyPem() }),
        },
      ).seal,
    );
    expect(rotated.verify('t-1', sheet, seal).valid).toBe(true);
    const stranger = new Sealer(
      loadTransferConfig({ NODE_ENV: 'test' }, { TRANSFER_SEAL_PRIVATE_KEY: ownKey(), TRANSFER_SEAL_KEY_ID: 'other' })
        .seal,
    );
    expect(stranger.verify('t-1', sheet, seal)).toMatchObject({
      valid: false,
      reason: { en: expect.stringContaining('not made with a key') },
    });
  });
});
