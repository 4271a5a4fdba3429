/**
 * Sign In With Solana (SIWS): strict validation of a dApp's `solana:signIn` input and the message text,
 * built with @solana/wallet-standard-util (the format dApps verify against with `verifySignIn`).
 */
import { createSignInMessageText, parseSignInMessageText } from '@solana/wallet-standard-util';

/** The validated fields of one sign-in; `domain` and `address` are always filled in by the wallet. */
export interface SolanaSignInFields {
  domain: string;
  address: string;
  statement?: string;
  uri?: string;
  version?: string;
  chainId?: string;
  nonce?: string;
  issuedAt?: string;
  expirationTime?: string;
  notBefore?: string;
  requestId?: string;
  resources?: string[];
}

/** Why an input is refused; the message names the field and never echoes its value. */
export class SolanaSignInError extends Error {
  override readonly name = 'SolanaSignInError';
  constructor(
    readonly code: 'BAD_FIELD' | 'DOMAIN_MISMATCH' | 'ADDRESS_MISMATCH' | 'UNSUPPORTED',
    message: string,
  ) {
    super(message);
  }
}

const SINGLE_LINE_FIELDS = [
  'domain',
  'address',
  'statement',
  'uri',
  'version',
  'chainId',
  'nonce',
  'issuedAt',
  'expirationTime',
  'notBefore',
  'requestId',
] as const;
const KNOWN_FIELDS = new Set<string>([...SINGLE_LINE_FIELDS, 'resources']);

// Limits: generous for real dApps, small enough that the approval window stays readable.
const MAX = { domain: 255, address: 44, statement: 2048, uri: 2048, requestId: 256, resources: 32 };

// Phantom's SIWS spec names these chain ids; anything else would be a claim the user cannot judge.
const CHAIN_IDS = new Set([
  'mainnet',
  'testnet',
  'devnet',
  'localnet',
  'solana:mainnet',
  'solana:testnet',
  'solana:devnet',
  'solana:localnet',
]);

// Control characters (including CR/LF) and the Unicode line/paragraph separators: every SIWS field is one line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const HOST_PORT =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const NONCE = /^[A-Za-z0-9]{8,128}$/;
// EIP-4361 request-id is *pchar (RFC 3986): unreserved, percent-encoded, sub-delims, ':' and '@'.
const REQUEST_ID = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;
const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
// RFC 3339 date-time (the ISO 8601 profile EIP-4361 requires).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function bad(field: string, why: string): never {
  throw new SolanaSignInError('BAD_FIELD', `${field} ${why}.`);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds since the epoch of an RFC 3339 date-time, or null when it is not one (e.g. Feb 30). */
export function parseDateTime(s: string): number | null {
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se, , oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysIn(y!, mo!)) return null;
  if (h! > 23 || mi! > 59 || se! > 59 || oh! > 23 || om! > 59) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

function isUri(s: string): boolean {
  if (!URI_SCHEME.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

function checkString(field: string, v: unknown, max: number): string {
  if (typeof v !== 'string') bad(field, 'must be a string');
  if (v.length === 0) bad(field, 'must not be empty');
  if (v.length > max) bad(field, `must be at most ${max} characters`);
  if (NOT_SINGLE_LINE.test(v)) bad(field, 'must be a single line without control characters');
  return v;
}

/** A validated input before the wallet's address is known (it may be locked): `address` as the dApp gave it. */
export type SolanaSignInRequest = Omit<SolanaSignInFields, 'address'> & { address?: string };

/**
 * Validates a dApp's input and fills in `domain` (the requesting origin's host, with its port). A domain
 * other than the origin's host is refused: a page must not obtain a sign-in meant for another site
 * (phishing).
 */
export function validateSignInInput(input: unknown, originHost: string): SolanaSignInRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) bad('input', 'must be an object');
  const p = input as Record<string, unknown>;
  for (const k of Object.keys(p)) {
    if (k === 'useOffchainMessage')
      throw new SolanaSignInError(
        'UNSUPPORTED',
        'useOffchainMessage is not supported (solana:signIn 1.0.0).',
      );
    if (!KNOWN_FIELDS.has(k)) bad('input', `has an unknown field ${JSON.stringify(k.slice(0, 40))}`);
  }
  const present = (k: string) => p[k] !== undefined;
  const out: SolanaSignInRequest = { domain: originHost };

  if (present('domain')) {
    const domain = checkString('domain', p.domain, MAX.domain);
    if (!HOST_PORT.test(domain)) bad('domain', 'must be a host with an optional port (RFC 3986 authority)');
    if (domain !== originHost)
      throw new SolanaSignInError('DOMAIN_MISMATCH', 'domain differs from the requesting site’s host.');
  }
  if (present('address')) out.address = checkString('address', p.address, MAX.address);
  if (present('statement')) out.statement = checkString('statement', p.statement, MAX.statement);
  if (present('uri')) {
    out.uri = checkString('uri', p.uri, MAX.uri);
    if (!isUri(out.uri)) bad('uri', 'must be an absolute URI');
  }
  if (present('version')) {
    out.version = checkString('version', p.version, 8);
    if (out.version !== '1') bad('version', 'must be "1"');
  }
  if (present('chainId')) {
    out.chainId = checkString('chainId', p.chainId, 32);
    if (!CHAIN_IDS.has(out.chainId)) bad('chainId', `must be one of ${[...CHAIN_IDS].join(', ')}`);
  }
  if (present('nonce')) {
    out.nonce = checkString('nonce', p.nonce, 128);
    if (!NONCE.test(out.nonce)) bad('nonce', 'must be 8 to 128 letters or digits');
  }
  const times: Partial<Record<'issuedAt' | 'expirationTime' | 'notBefore', number>> = {};
  for (const k of ['issuedAt', 'expirationTime', 'notBefore'] as const) {
    if (!present(k)) continue;
    const v = checkString(k, p[k], 64);
    const t = parseDateTime(v);
    if (t === null) bad(k, 'must be an ISO 8601 (RFC 3339) date-time');
    out[k] = v;
    times[k] = t;
  }
  if (times.expirationTime !== undefined) {
    if (times.issuedAt !== undefined && times.expirationTime <= times.issuedAt)
      bad('expirationTime', 'must be after issuedAt');
    if (times.notBefore !== undefined && times.expirationTime <= times.notBefore)
      bad('expirationTime', 'must be after notBefore');
  }
  if (present('requestId')) {
    out.requestId = checkString('requestId', p.requestId, MAX.requestId);
    if (!REQUEST_ID.test(out.requestId)) bad('requestId', 'must be URI path characters (RFC 3986 pchar)');
  }
  if (present('resources')) {
    if (!Array.isArray(p.resources)) bad('resources', 'must be an array of URIs');
    if (p.resources.length === 0) bad('resources', 'must not be empty');
    if (p.resources.length > MAX.resources) bad('resources', `must have at most ${MAX.resources} entries`);
    out.resources = p.resources.map((r, i) => {
      const s = checkString(`resources[${i}]`, r, MAX.uri);
      if (!isUri(s)) bad(`resources[${i}]`, 'must be an absolute URI');
      return s;
    });
  }
  return out;
}

/** The fields with the wallet's address; an address the dApp gave must be that one. */
export function bindSignInAddress(req: SolanaSignInRequest, walletAddress: string): SolanaSignInFields {
  if (req.address !== undefined && req.address !== walletAddress)
    throw new SolanaSignInError('ADDRESS_MISMATCH', 'address is not this wallet’s Solana address.');
  return { ...req, address: walletAddress };
}

/**
 * The SIWS message text. It must parse back to exactly the same fields, so what the user approves field by
 * field is what a dApp's `verifySignIn` reads (no field can smuggle in another).
 */
export function signInMessageText(fields: SolanaSignInFields): string {
  const text = createSignInMessageText(fields);
  const parsed = parseSignInMessageText(text);
  const same =
    parsed !== null &&
    SINGLE_LINE_FIELDS.every((k) => parsed[k] === fields[k]) &&
    JSON.stringify(parsed.resources) === JSON.stringify(fields.resources);
  if (!same)
    throw new SolanaSignInError('BAD_FIELD', 'The fields do not form an unambiguous sign-in message.');
  return text;
}

export type SolanaSignInTimeWarning = 'expired' | 'not-yet-valid';

/** The sign-in is already expired, or not valid yet, at `now`. */
export function signInTimeWarnings(fields: SolanaSignInFields, now: number): SolanaSignInTimeWarning[] {
  const w: SolanaSignInTimeWarning[] = [];
  const exp = fields.expirationTime ? parseDateTime(fields.expirationTime) : null;
  const nbf = fields.notBefore ? parseDateTime(fields.notBefore) : null;
  if (exp !== null && exp <= now) w.push('expired');
  if (nbf !== null && nbf > now) w.push('not-yet-valid');
  return w;
}
