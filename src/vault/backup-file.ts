/**
 * Backup file crypto (SPEC §4.4): versioned JSON text with a clear header, used whole as the AEAD's
 * associated data, and a body sealed with XChaCha20-Poly1305 under a key derived from the backup password
 * with scrypt (N = 2^18, r = 8, p = 1 by default). The body is opaque bytes from the wallet (it JSON-encodes
 * the backup shares and recovery key itself). The header is shown before decryption (addresses), so every
 * header field is authenticated: any change makes the file refuse to open.
 *
 * Outcomes: BACKUP_WRONG_PASSWORD (password check fails), BACKUP_TAMPERED (right password, header or body
 * altered), BACKUP_MALFORMED (not JSON, missing/extra/invalid fields, truncated), BACKUP_UNSUPPORTED_VERSION.
 */
import { NONCE_BYTES, open, randomNonce, sealWithNonce, TAG_BYTES } from './aead.ts';
import { constantTimeEqual, encodeAssociatedData, fromBase64, toBase64, wipe } from './encoding.ts';
import { VaultError } from './errors.ts';
import {
  BACKUP_KDF_DEFAULT,
  derivePasswordKeys,
  isValidSalt,
  isValidScryptParams,
  newKdf,
  passwordBytes,
  type ScryptParams,
  type StoredKdf,
} from './kdf.ts';

export const BACKUP_FORMAT = 'twofold-backup';
export const BACKUP_VERSION = 1;
const AD_DOMAIN = 'twofold/backup-file/v1';
const MAX_FILE_CHARS = 1 << 20;
const MIN_BACKUP_PASSWORD = 8;

export interface BackupAddresses {
  evm: string;
  solana: string;
}

export interface BackupHeaderInput {
  walletId: string;
  addresses: BackupAddresses;
  /** Fingerprint of the enclave identity key the wallet is pinned to (hex or base64). */
  enclaveKeyFingerprint: string;
  /** ISO-8601; defaults to now. */
  createdAt?: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  walletId: string;
  addresses: BackupAddresses;
  enclaveKeyFingerprint: string;
  createdAt: string;
  /** scrypt parameters; salt and password check in base64. */
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string; check: string };
  /** 24-byte XChaCha20 nonce, base64. */
  nonce: string;
}

export interface OpenedBackup {
  header: BackupHeader;
  /** The wallet's body bytes; wipe when done. */
  body: Uint8Array;
}

export interface SealBackupOptions {
  /** Tests only: lower scrypt parameters. Default N = 2^18, r = 8, p = 1. */
  kdf?: ScryptParams;
}

const WALLET_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;
const EVM_RE = /^0x[0-9a-fA-F]{40}$/;
const SOLANA_RE = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;
const FINGERPRINT_RE = /^[A-Za-z0-9:+/=_-]{8,128}$/;

function malformed(field: string): VaultError {
  return new VaultError('BACKUP_MALFORMED', field);
}

function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || s.length > 40) return false;
  const d = new Date(s);
  return !Number.isNaN(d.getTime()) && d.toISOString() === s;
}

function exactKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(o, k));
}

function isObject(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/** Every header field in a fixed order: the AEAD's associated data. */
function headerAssociatedData(h: BackupHeader): Uint8Array {
  return encodeAssociatedData(AD_DOMAIN, [
    h.format,
    h.version,
    h.walletId,
    h.addresses.evm,
    h.addresses.solana,
    h.enclaveKeyFingerprint,
    h.createdAt,
    h.kdf.name,
    h.kdf.N,
    h.kdf.r,
    h.kdf.p,
    h.kdf.salt,
    h.kdf.check,
    h.nonce,
  ]);
}

function checkHeaderInput(h: BackupHeaderInput, createdAt: string): void {
  if (!isObject(h)) throw new VaultError('INVALID_ARGUMENT', 'header');
  if (typeof h.walletId !== 'string' || !WALLET_ID_RE.test(h.walletId))
    throw new VaultError('INVALID_ARGUMENT', 'walletId');
  if (!isObject(h.addresses) || typeof h.addresses.evm !== 'string' || !EVM_RE.test(h.addresses.evm))
    throw new VaultError('INVALID_ARGUMENT', 'addresses.evm');
  if (typeof h.addresses.solana !== 'string' || !SOLANA_RE.test(h.addresses.solana))
    throw new VaultError('INVALID_ARGUMENT', 'addresses.solana');
  if (typeof h.enclaveKeyFingerprint !== 'string' || !FINGERPRINT_RE.test(h.enclaveKeyFingerprint))
    throw new VaultError('INVALID_ARGUMENT', 'enclaveKeyFingerprint');
  if (!isIsoDate(createdAt)) throw new VaultError('INVALID_ARGUMENT', 'createdAt');
}

/** Seal `body` under `backupPassword`; returns the file's text (pretty JSON, ready to download). */
export async function sealBackupFile(
  input: { header: BackupHeaderInput; body: Uint8Array },
  backupPassword: string,
  opts: SealBackupOptions = {},
): Promise<string> {
  if (!isObject(input) || !(input.body instanceof Uint8Array))
    throw new VaultError('INVALID_ARGUMENT', 'body');
  if (typeof backupPassword !== 'string') throw new VaultError('INVALID_ARGUMENT', 'password');
  const pw = passwordBytes(backupPassword);
  const short = [...backupPassword.normalize('NFKC')].length < MIN_BACKUP_PASSWORD;
  wipe(pw);
  if (short) throw new VaultError('WEAK_PASSWORD');
  const createdAt = input.header?.createdAt ?? new Date().toISOString();
  checkHeaderInput(input.header, createdAt);

  const kdf = newKdf(opts.kdf ?? BACKUP_KDF_DEFAULT);
  const derived = await derivePasswordKeys(backupPassword, kdf);
  try {
    // The nonce is part of the header (and so of the associated data): pick it before sealing.
    const nonce = randomNonce();
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      walletId: input.header.walletId,
      addresses: { evm: input.header.addresses.evm, solana: input.header.addresses.solana },
      enclaveKeyFingerprint: input.header.enclaveKeyFingerprint,
      createdAt,
      kdf: {
        name: 'scrypt',
        N: kdf.N,
        r: kdf.r,
        p: kdf.p,
        salt: toBase64(kdf.salt),
        check: toBase64(derived.check),
      },
      nonce: toBase64(nonce),
    };
    const ciphertext = sealWithNonce(derived.key, nonce, input.body, headerAssociatedData(header));
    return `${JSON.stringify({ header, body: toBase64(ciphertext) }, null, 2)}\n`;
  } finally {
    wipe(derived.key, derived.check);
  }
}

/**
 * Parse and validate the file without a password (to show the addresses before asking for it). The header
 * is NOT authenticated until `openBackupFile` succeeds.
 */
export function readBackupHeader(text: string): BackupHeader {
  return parseFile(text).header;
}

/** Open a backup file with its password. */
export async function openBackupFile(text: string, backupPassword: string): Promise<OpenedBackup> {
  if (typeof backupPassword !== 'string') throw new VaultError('INVALID_ARGUMENT', 'password');
  const { header, salt, check, nonce, ciphertext } = parseFile(text);
  const kdf: StoredKdf = { name: 'scrypt', N: header.kdf.N, r: header.kdf.r, p: header.kdf.p, salt };
  const derived = await derivePasswordKeys(backupPassword, kdf);
  try {
    if (!constantTimeEqual(derived.check, check)) throw new VaultError('BACKUP_WRONG_PASSWORD');
    const body = open(derived.key, { nonce, ciphertext }, headerAssociatedData(header));
    if (!body) throw new VaultError('BACKUP_TAMPERED');
    return { header, body };
  } finally {
    wipe(derived.key, derived.check);
  }
}

/** A download name that tells backups apart: twofold-backup-<evm prefix>-<date>.json */
export function backupFileName(header: Pick<BackupHeader, 'addresses' | 'createdAt'>): string {
  const day = header.createdAt.slice(0, 10);
  return `twofold-backup-${header.addresses.evm.slice(0, 10).toLowerCase()}-${day}.json`;
}

interface ParsedFile {
  header: BackupHeader;
  salt: Uint8Array;
  check: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

function parseFile(text: string): ParsedFile {
  if (typeof text !== 'string' || text.length > MAX_FILE_CHARS) throw malformed('size');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed('not JSON or truncated');
  }
  if (!isObject(doc) || !isObject(doc.header)) throw malformed('header');
  const h = doc.header;
  if (h.format !== BACKUP_FORMAT) throw malformed('format');
  if (h.version !== BACKUP_VERSION) {
    if (Number.isSafeInteger(h.version) && (h.version as number) > BACKUP_VERSION)
      throw new VaultError('BACKUP_UNSUPPORTED_VERSION');
    throw malformed('version');
  }
  if (!exactKeys(doc, ['header', 'body'])) throw malformed('fields');
  const headerKeys = [
    'format',
    'version',
    'walletId',
    'addresses',
    'enclaveKeyFingerprint',
    'createdAt',
    'kdf',
    'nonce',
  ];
  if (!exactKeys(h, headerKeys)) throw malformed('header fields');
  if (typeof h.walletId !== 'string' || !WALLET_ID_RE.test(h.walletId)) throw malformed('walletId');
  const a = h.addresses;
  if (!isObject(a) || !exactKeys(a, ['evm', 'solana'])) throw malformed('addresses');
  if (typeof a.evm !== 'string' || !EVM_RE.test(a.evm)) throw malformed('addresses.evm');
  if (typeof a.solana !== 'string' || !SOLANA_RE.test(a.solana)) throw malformed('addresses.solana');
  if (typeof h.enclaveKeyFingerprint !== 'string' || !FINGERPRINT_RE.test(h.enclaveKeyFingerprint))
    throw malformed('enclaveKeyFingerprint');
  if (!isIsoDate(h.createdAt)) throw malformed('createdAt');
  const k = h.kdf;
  if (!isObject(k) || !exactKeys(k, ['name', 'N', 'r', 'p', 'salt', 'check']) || k.name !== 'scrypt')
    throw malformed('kdf');
  if (!isValidScryptParams(k)) throw malformed('kdf parameters');
  const salt = typeof k.salt === 'string' ? fromBase64(k.salt) : undefined;
  if (!isValidSalt(salt)) throw malformed('kdf.salt');
  const check = typeof k.check === 'string' ? fromBase64(k.check) : undefined;
  if (check?.length !== 32) throw malformed('kdf.check');
  const nonce = typeof h.nonce === 'string' ? fromBase64(h.nonce) : undefined;
  if (!nonce || nonce.length !== NONCE_BYTES) throw malformed('nonce');
  const ciphertext = typeof doc.body === 'string' ? fromBase64(doc.body) : undefined;
  if (!ciphertext || ciphertext.length < TAG_BYTES) throw malformed('body');
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    walletId: h.walletId,
    addresses: { evm: a.evm, solana: a.solana },
    enclaveKeyFingerprint: h.enclaveKeyFingerprint,
    createdAt: h.createdAt,
    kdf: {
      name: 'scrypt',
      N: k.N as number,
      r: k.r as number,
      p: k.p as number,
      salt: k.salt as string,
      check: k.check as string,
    },
    nonce: h.nonce as string,
  };
  return { header, salt, check, nonce, ciphertext };
}
