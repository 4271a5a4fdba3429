/**
 * Structured JSON logs (SPEC §7). The type only admits the fields that may be logged: never payloads,
 * digests, addresses, IP addresses, shares, Paillier/Pedersen secrets, nonces, DKG shares or channel keys.
 */
export interface LogFields {
  event: string;
  requestId?: string;
  /** Pseudonymous wallet id (a hash prefix, never the wallet id itself). */
  wallet?: string;
  op?: string;
  curve?: 'secp256k1' | 'ed25519';
  pairId?: string;
  status?: string;
  code?: string;
  durationMs?: number;
  url?: string;
  identityKey?: string;
  count?: number;
}

export type Logger = (level: 'info' | 'warn' | 'error', fields: LogFields) => void;

export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  return (level, fields) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, ...fields })}\n`);
}

export const silentLogger: Logger = () => {};
