import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/** The enclave's ed25519 identity (the stand-in for attestation, SPEC §7); the extension pins its public key. */
export interface EnclaveIdentity {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  publicKeyHex: string;
}

/** Load the identity from `file`, or create it there (mode 0600) on first start. */
export function loadOrCreateIdentity(file: string): EnclaveIdentity {
  let secretKey: Uint8Array;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`identity key file ${file} is not 32 bytes of hex`);
    secretKey = hexToBytes(text);
  } else {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    secretKey = ed25519.utils.randomSecretKey();
    writeFileSync(file, `${bytesToHex(secretKey)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const publicKey = ed25519.getPublicKey(secretKey);
  return { secretKey, publicKey, publicKeyHex: bytesToHex(publicKey) };
}
