import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { concatBytes, randomBytes, utf8 } from '../../src/mpc/common/bytes.ts';
import { Transcript } from '../../src/mpc/common/transcript.ts';

/**
 * Sealing of enclave shares at rest (SPEC §7): XChaCha20-Poly1305 under the master key (the stand-in for
 * the enclave's sealing key), with associated data binding wallet id, curve and pair id, so a blob moved to
 * another row does not open. Blob = nonce (24) ‖ ciphertext.
 */
export interface SealBinding {
  walletId: string;
  curve: string;
  pairId: string;
  /** What the blob holds, e.g. 'share' or 'pedersen'. */
  kind: string;
}

export class Sealer {
  constructor(private readonly key: Uint8Array) {
    if (key.length !== 32) throw new Error('master key must be 32 bytes');
  }

  private ad(b: SealBinding): Uint8Array {
    return new Transcript('twofold/enclave-seal/v1')
      .appendString('kind', b.kind)
      .appendString('walletId', b.walletId)
      .appendString('curve', b.curve)
      .appendString('pairId', b.pairId)
      .digest();
  }

  seal(plain: Uint8Array, b: SealBinding): Uint8Array {
    const nonce = randomBytes(24);
    return concatBytes(nonce, xchacha20poly1305(this.key, nonce, this.ad(b)).encrypt(plain));
  }

  open(blob: Uint8Array, b: SealBinding): Uint8Array {
    if (blob.length < 24 + 16) throw new Error('sealed blob too short');
    return xchacha20poly1305(this.key, blob.subarray(0, 24), this.ad(b)).decrypt(blob.subarray(24));
  }

  sealJson(v: unknown, b: SealBinding): Uint8Array {
    return this.seal(utf8(JSON.stringify(v)), b);
  }

  openJson(blob: Uint8Array, b: SealBinding): unknown {
    return JSON.parse(new TextDecoder().decode(this.open(blob, b)));
  }
}

/** The master key from env ENCLAVE_MASTER_KEY (hex), else `file` (created mode 0600 on first start). */
export function loadOrCreateMasterKey(file: string, envHex: string | undefined): Uint8Array {
  if (envHex) {
    if (!/^[0-9a-fA-F]{64}$/.test(envHex)) throw new Error('ENCLAVE_MASTER_KEY must be 32 bytes of hex');
    return hexToBytes(envHex);
  }
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`master key file ${file} is not 32 bytes of hex`);
    return hexToBytes(text);
  }
  const key = randomBytes(32);
  writeFileSync(file, `${bytesToHex(key)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
