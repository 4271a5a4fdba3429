import { decode, type Infer, type Schema, s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { Transcript } from '../common/transcript.ts';
import { walletIdSchema } from './wire.ts';

/**
 * Messages of the enclave service, carried inside sealed channel frames (SPEC §7). One operation runs at a
 * time per connection; `id` names it. Flow: C `op` → E `step` (the enclave's session contribution and
 * any ids it assigned) → `mpc` frames both ways (the MPC state machines of src/mpc) → E `done` or `error`.
 * Everything is schema-validated on both ends; MPC frames are validated again by their own state machine.
 */

/** Any JSON value, bounded in size by the channel's frame limit; checked again by the inner schema. */
const json: Schema<unknown> = {
  kind: 'json',
  read: (v) => v,
  write: (v) => v,
};

const id = s.int({ min: 0, max: 2 ** 31 });
const curve = s.string({ minLen: 1, maxLen: 16, pattern: /^(secp256k1|ed25519)$/ });
export const pairIdWire = s.string({ minLen: 1, maxLen: 64, pattern: /^[A-Za-z0-9_-]+$/ });
const contribution = s.bytes({ len: 16 });

export const OPERATIONS = [
  'createWallet',
  'confirmPairs',
  'signEcdsa',
  'signEd25519',
  'refresh',
  'createBackupPair',
  'recover',
  'revokePair',
  'status',
  'pairCheck',
  'requestEject',
  'eject',
  'confirmEject',
  'pedersenParams',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

export const serviceSchemas = {
  op: s.frame('op', {
    id,
    op: s.string({ minLen: 1, maxLen: 32, pattern: new RegExp(`^(${OPERATIONS.join('|')})$`) }),
    params: json,
  }),
  mpc: s.frame('mpc', { id, curve, frames: s.array(json, { minLen: 0, maxLen: 8 }) }),
  step: s.frame('step', { id, data: json }),
  done: s.frame('done', { id, result: json }),
  error: s.frame('error', {
    id: s.optional(id),
    code: s.string({ minLen: 1, maxLen: 48, pattern: /^[A-Z0-9_]+$/ }),
    message: s.string({ maxLen: 300 }),
    detail: s.optional(s.string({ maxLen: 48, pattern: /^[A-Z0-9_]+$/ })),
  }),
};

export type ServiceCurve = 'secp256k1' | 'ed25519';

const payload = s.object({
  kind: s.string({ minLen: 1, maxLen: 16, pattern: /^(personal|typedData|transaction|digest)$/ }),
  message: s.optional(s.bytes({ min: 0, max: 65536 })),
  json: s.optional(s.string({ maxLen: 65536 })),
  serialized: s.optional(s.string({ maxLen: 131074, pattern: /^0x[0-9a-fA-F]*$/ })),
  digest: s.optional(s.bytes({ len: 32 })),
});
export type EcdsaPayloadWire = Infer<typeof payload>;

/** Parameters of each operation. */
export const opParams = {
  createWallet: s.object({ recoveryKey: s.bytes({ len: 32 }), contribution }),
  confirmPairs: s.object({ pairIds: s.array(pairIdWire, { minLen: 1, maxLen: 8 }) }),
  signEcdsa: s.object({ pairId: pairIdWire, contribution, payload }),
  signEd25519: s.object({ pairId: pairIdWire, contribution }),
  refresh: s.object({ curve, pairId: pairIdWire, contribution }),
  createBackupPair: s.object({ curve, pairId: pairIdWire, contribution }),
  recover: s.object({ curve, pairId: pairIdWire, newDeviceKey: s.bytes({ len: 32 }), contribution }),
  revokePair: s.object({ pairId: pairIdWire }),
  status: s.object({}),
  pairCheck: s.object({ curve, pairId: pairIdWire, contribution }),
  requestEject: s.object({}),
  eject: s.object({ curve, pairId: pairIdWire, contribution }),
  confirmEject: s.object({ pairIds: s.array(pairIdWire, { minLen: 1, maxLen: 8 }) }),
  pedersenParams: s.object({}),
} satisfies Record<OperationName, Schema<unknown>>;
export type OpParams<O extends OperationName> = Infer<(typeof opParams)[O]>;

/** The enclave's `step` answer to an MPC operation: its session contribution and the ids it assigned. */
export const stepData = s.object({
  contribution,
  walletId: s.optional(walletIdSchema),
  pairId: s.optional(pairIdWire),
  pairIds: s.optional(s.object({ secp256k1: s.optional(pairIdWire), ed25519: s.optional(pairIdWire) })),
  /** The digest the enclave computed from a typed payload (the client checks it computed the same). */
  digest: s.optional(s.bytes({ len: 32 })),
});
export type StepData = Infer<typeof stepData>;

export function decodeOpParams<O extends OperationName>(op: O, v: unknown): OpParams<O> {
  return decode(opParams[op] as Schema<OpParams<O>>, v);
}

/** Session-id operation labels (SPEC §5.1): one per protocol run, never shared between operations. */
export function sessionOperation(op: OperationName, curve: ServiceCurve): string {
  return `${op}/${curve}`;
}

export function assertCurve(c: string): asserts c is ServiceCurve {
  if (c !== 'secp256k1' && c !== 'ed25519') throw new MpcError('MALFORMED_MESSAGE', 'unknown curve');
}

/** Status and error codes the enclave sends (stable; the client maps them to its own codes). */
export type ServiceErrorCode =
  | 'MALFORMED_FRAME'
  | 'UNSUPPORTED_VERSION'
  | 'UNKNOWN_MESSAGE'
  | 'FRAME_TOO_LARGE'
  | 'SHUTTING_DOWN'
  | 'INTERNAL'
  | 'CHANNEL_ERROR'
  | 'AUTH_FAILED'
  | 'BAD_REQUEST'
  | 'UNEXPECTED_MESSAGE'
  | 'OP_IN_PROGRESS'
  | 'UNKNOWN_PAIR'
  | 'PAIR_NOT_USABLE'
  | 'PAIR_LOCKED'
  | 'PAIR_BUSY'
  | 'EJECT_WINDOW_CLOSED'
  | 'RATE_LIMITED'
  | 'RAW_DIGEST_DISABLED'
  | 'CURVE_UNAVAILABLE'
  | 'PROTOCOL_ERROR'
  | 'TIMEOUT';

/**
 * Party ids the MPC proofs bind (MPC-NOTES: real identities, not "1"/"2"): hashes of the enclave identity
 * key and of the client's authenticating static key.
 */
export function servicePartyIds(
  identityKey: Uint8Array,
  clientKey: Uint8Array,
): { enclaveId: Uint8Array; clientId: Uint8Array } {
  return {
    enclaveId: new Transcript('twofold/v1/party')
      .appendString('role', 'enclave')
      .appendBytes('key', identityKey)
      .digest(),
    clientId: new Transcript('twofold/v1/party')
      .appendString('role', 'client')
      .appendBytes('key', clientKey)
      .digest(),
  };
}
