import { hashMessage, hashTypedData, keccak256, parseTransaction, type TypedDataDefinition } from 'viem';
import { MpcError } from '../common/errors.ts';
import type { EcdsaPayloadWire } from './service-wire.ts';

/**
 * The digest of an ECDSA payload, computed the same way by the enclave (which never signs a digest it did
 * not compute, SPEC §5.3 item 10) and by the client: EIP-191 personal message, EIP-712 v4 typed data,
 * keccak256 of a serialized unsigned EVM transaction. Raw digests only when `allowRawDigest` (test builds).
 */
export function ecdsaPayloadDigest(p: EcdsaPayloadWire, opts: { allowRawDigest: boolean }): Uint8Array {
  const only = (field: keyof EcdsaPayloadWire) => {
    for (const k of ['message', 'json', 'serialized', 'digest'] as const)
      if (k !== field && p[k] !== undefined)
        throw new MpcError('MALFORMED_MESSAGE', `payload: unexpected ${k}`);
    if (p[field] === undefined) throw new MpcError('MALFORMED_MESSAGE', `payload: missing ${field}`);
  };
  switch (p.kind) {
    case 'personal':
      only('message');
      return hexBytes(hashMessage({ raw: p.message! }));
    case 'typedData': {
      only('json');
      let td: unknown;
      try {
        td = JSON.parse(p.json!);
      } catch {
        throw new MpcError('MALFORMED_MESSAGE', 'payload: typed data is not JSON');
      }
      if (typeof td !== 'object' || td === null || Array.isArray(td))
        throw new MpcError('MALFORMED_MESSAGE', 'payload: typed data is not an object');
      try {
        return hexBytes(hashTypedData(td as TypedDataDefinition));
      } catch {
        throw new MpcError('MALFORMED_MESSAGE', 'payload: typed data does not hash (EIP-712)');
      }
    }
    case 'transaction':
      only('serialized');
      if (p.serialized!.length < 4 || p.serialized!.length % 2)
        throw new MpcError('MALFORMED_MESSAGE', 'payload: serialized transaction is not whole bytes');
      assertUnsignedTransaction(p.serialized as `0x${string}`);
      return hexBytes(keccak256(p.serialized as `0x${string}`));
    case 'digest':
      only('digest');
      if (!opts.allowRawDigest)
        throw new MpcError('MALFORMED_MESSAGE', 'payload: raw digests are accepted only by test builds');
      return p.digest!.slice();
    default:
      throw new MpcError('MALFORMED_MESSAGE', 'payload: unknown kind');
  }
}

function hexBytes(h: `0x${string}`): Uint8Array {
  const out = new Uint8Array((h.length - 2) / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(2 + 2 * i, 4 + 2 * i), 16);
  return out;
}

/** The enclave signs only what parses as an unsigned EVM transaction (legacy or typed envelope). */
function assertUnsignedTransaction(serialized: `0x${string}`): void {
  let tx: { r?: unknown; s?: unknown };
  try {
    tx = parseTransaction(serialized) as { r?: unknown; s?: unknown };
  } catch {
    throw new MpcError('MALFORMED_MESSAGE', 'payload: not a serialized EVM transaction');
  }
  if (tx.r !== undefined || tx.s !== undefined)
    throw new MpcError('MALFORMED_MESSAGE', 'payload: transaction is already signed');
}
