import type { EcdsaPayloadWire } from '../mpc/channel/service-wire.ts';
import { base64urlEncode } from '../mpc/common/codec.ts';
import type { EcdsaPayload } from './enclave-api.ts';
import { EnclaveClientError } from './enclave-errors.ts';

/** What the client asks the enclave to sign, in the service's wire form (the enclave hashes it itself). */
export function payloadWire(p: EcdsaPayload): EcdsaPayloadWire {
  switch (p.kind) {
    case 'personal':
      return { kind: 'personal', message: p.message };
    case 'typedData':
      return { kind: 'typedData', json: p.json };
    case 'transaction':
      return { kind: 'transaction', serialized: p.serialized };
    case 'digest':
      return { kind: 'digest', digest: p.digest };
    default:
      throw new EnclaveClientError('BAD_REQUEST', 'Unknown payload kind.');
  }
}

/** The wire payload as a JSON-safe object (bytes as base64url). */
export function encodePayload(p: EcdsaPayloadWire): unknown {
  return {
    kind: p.kind,
    ...(p.message ? { message: base64urlEncode(p.message) } : {}),
    ...(p.json !== undefined ? { json: p.json } : {}),
    ...(p.serialized !== undefined ? { serialized: p.serialized } : {}),
    ...(p.digest ? { digest: base64urlEncode(p.digest) } : {}),
  };
}
