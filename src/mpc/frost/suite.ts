import { createFROST } from '@noble/curves/abstract/frost.js';
import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { MpcError } from '../common/errors.ts';

/**
 * The FROST ciphersuite FROST-ED25519-SHA512-v1 (RFC 9591) as used by both parties.
 *
 * Why not `ed25519_FROST` as is: every noble call re-parses every point it touches and checks each one for
 * torsion twice (once in the generic parser, once in the suite's `validatePoint` hook), ~2 ms a check; one
 * co-signature re-checks the same five encodings (group key, four nonce commitments) some thirty times. We
 * build the same suite with the library's own `createFROST` (same name, hash, H2 prefix and point
 * class; outputs are byte-identical, see suite.test.ts) over a point class that remembers which exact
 * 32-byte encodings have already passed the full check (strict decoding, on the curve, not the identity,
 * torsion-free). An encoding always decodes to the same point, so the memory is sound; a new encoding is
 * always checked in full. Each party should own its suite (its memory is its own trust).
 */
export type Frost = typeof ed25519_FROST;
export type EdPoint = InstanceType<typeof ed25519.Point>;

const Point = ed25519.Point;
/** Order of the prime subgroup (the scalar field). */
export const ORDER: bigint = Point.Fn.ORDER;
const MEMORY_LIMIT = 4096;

export interface FrostSuite {
  readonly frost: Frost;
  /**
   * Decode a received point and refuse anything but a canonical, on-curve, torsion-free, non-identity
   * encoding (BAD_POINT). `what` names the field in the error, never its value.
   */
  point(bytes: Uint8Array, what: string): EdPoint;
  /** Record an encoding we produced ourselves as a multiple of the base point (our nonce commitments). */
  trust(bytes: Uint8Array): void;
}

export function createFrostSuite(opts: { memory?: boolean } = {}): FrostSuite {
  const memory = opts.memory ?? true;
  // Encodings that passed the full check (or that we made ourselves), with their decoded point once known.
  const known = new Map<string, EdPoint | null>();
  const remember = (hex: string, p: EdPoint | null): void => {
    if (known.size >= MEMORY_LIMIT && !known.has(hex)) known.clear();
    known.set(hex, p);
  };
  const encodingOf = new WeakMap<object, string>();

  class RememberingPoint extends Point {
    // Points made by the library's own arithmetic are plain `Point`s: they must pass `instanceof` checks.
    static override [Symbol.hasInstance](x: unknown): boolean {
      return x instanceof Point;
    }
    static override fromBytes(bytes: Uint8Array, zip215 = false): EdPoint {
      // Only strict (RFC 8032) decodings are remembered: strict decoding accepts canonical encodings only.
      if (zip215) return Point.fromBytes(bytes, zip215);
      const hex = bytesToHex(bytes);
      const seen = known.get(hex);
      if (seen) return seen; // points are immutable: reuse the decoded one (saves a square root)
      const p = Point.fromBytes(bytes);
      const q = new RememberingPoint(p.X, p.Y, p.Z, p.T);
      encodingOf.set(q, hex);
      if (seen === null) remember(hex, q);
      return q;
    }
    override isTorsionFree(): boolean {
      const hex = encodingOf.get(this);
      if (hex !== undefined && known.has(hex)) return true;
      const ok = super.isTorsionFree();
      // The identity is torsion-free too, but never a valid received point: never remember it.
      if (ok && hex !== undefined && !this.is0()) remember(hex, this);
      return ok;
    }
  }

  const frost: Frost = memory
    ? createFROST({
        name: 'FROST-ED25519-SHA512-v1',
        Point: RememberingPoint as unknown as typeof Point,
        hash: sha512,
        // RFC 9591 leaves H2 undecorated for ed25519 (RFC 8032 compatible challenges), as ed25519_FROST does.
        H2: '',
      })
    : ed25519_FROST;

  return {
    frost,
    point(bytes, what) {
      if (bytes.length !== 32) throw new MpcError('BAD_POINT', `${what}: expected 32 bytes`);
      if (memory) {
        const seen = known.get(bytesToHex(bytes));
        if (seen) return seen;
      }
      let p: EdPoint;
      try {
        p = memory ? RememberingPoint.fromBytes(bytes) : Point.fromBytes(bytes);
        p.assertValidity();
      } catch {
        throw new MpcError('BAD_POINT', `${what}: not a valid curve point encoding`);
      }
      // Strict RFC 8032 decoding already refuses y >= p and the x = 0 sign bit; re-encoding catches the rest.
      if (bytesToHex(p.toBytes()) !== bytesToHex(bytes))
        throw new MpcError('BAD_POINT', `${what}: non-canonical encoding`);
      if (p.is0()) throw new MpcError('BAD_POINT', `${what}: identity point`);
      if (p.isSmallOrder()) throw new MpcError('BAD_POINT', `${what}: small-order point`);
      if (!p.isTorsionFree()) throw new MpcError('BAD_POINT', `${what}: point has a torsion component`);
      return p;
    },
    trust(bytes) {
      if (memory && !known.has(bytesToHex(bytes))) remember(bytesToHex(bytes), null);
    },
  };
}

/** One suite shared by the code that does not bring its own (each party process should pass its own). */
let shared: FrostSuite | undefined;
export function defaultFrostSuite(): FrostSuite {
  shared ??= createFrostSuite();
  return shared;
}
