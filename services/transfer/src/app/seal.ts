import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { sealedContent, type InfoSheet } from '../domain';
import type { InfoSheetSeal } from '../entities';
import type { TransferConfig } from './config';

export interface SealVerification {
  valid: boolean;
  keyId: string | null;
  algorithm: string | null;
  signedAt: string | null;
  contentSha256: string | null;
  reason: { zh: string; en: string };
}

/**
 * The agency's electronic seal (电子印章) of the online information sheet (T9): an Ed25519 signature (node:crypto)
 * over the sheet's canonical form (domain/seal.ts). Verification recomputes the canonical form from the stored
 * sheet and checks it with the public key of the seal's key id as configured here — never with a key stored next
 * to the signature — so any change of the content, the signature or the key id shows.
 */
export class Sealer {
  private readonly privateKey: KeyObject;
  private readonly publicKeys = new Map<string, KeyObject>();

  constructor(private readonly config: TransferConfig['seal']) {
    this.privateKey = createPrivateKey(config.privateKeyPem);
    if (this.privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error('TRANSFER_SEAL_PRIVATE_KEY must be an Ed25519 key');
    this.publicKeys.set(config.keyId, createPublicKey(this.privateKey));
    for (const [keyId, pem] of Object.entries(config.trustedPublicKeys))
      this.publicKeys.set(keyId, createPublicKey(pem));
  }

  get keyId(): string {
    return this.config.keyId;
  }

  /** The public key of the current seal, for the other regions that verify our sheets. */
  publicKeyPem(): string {
    return createPublicKey(this.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  seal(transferId: string, sheet: InfoSheet, signedAt: Date): InfoSheetSeal {
    const content = Buffer.from(sealedContent(transferId, sheet), 'utf8');
    return {
      algorithm: 'Ed25519',
      keyId: this.config.keyId,
      signature: sign(null, content, this.privateKey).toString('base64'),
      contentSha256: createHash('sha256').update(content).digest('hex'),
      signedAt: signedAt.toISOString(),
    };
  }

  verify(transferId: string, sheet: InfoSheet | null, seal: InfoSheetSeal | null): SealVerification {
    const base = {
      keyId: seal?.keyId ?? null,
      algorithm: seal?.algorithm ?? null,
      signedAt: seal?.signedAt ?? null,
      contentSha256: seal?.contentSha256 ?? null,
    };
    if (!sheet || !seal) {
      return {
        ...base,
        valid: false,
        reason: { zh: '该《信息表》未加盖电子印章', en: 'the information sheet carries no seal' },
      };
    }
    const key = this.publicKeys.get(seal.keyId);
    if (seal.algorithm !== 'Ed25519' || !key) {
      return {
        ...base,
        valid: false,
        reason: { zh: '电子印章的密钥不是本机构的', en: 'the seal was not made with a key of this agency' },
      };
    }
    const content = Buffer.from(sealedContent(transferId, sheet), 'utf8');
    let ok = false;
    try {
      ok = verify(null, content, key, Buffer.from(seal.signature, 'base64'));
    } catch {
      ok = false;
    }
    return ok
      ? {
          ...base,
          valid: true,
          reason: { zh: '电子印章有效，内容未被修改', en: 'the seal is valid: the content is unchanged' },
        }
      : {
          ...base,
          valid: false,
          reason: {
            zh: '电子印章无效：《信息表》内容或印章已被修改',
            en: 'the seal is invalid: the sheet or the seal was changed',
          },
        };
  }
}
