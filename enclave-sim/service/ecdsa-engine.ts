import { readFileSync } from 'node:fs';
import { ecdsaParty } from '../../src/mpc/channel/party.ts';
import { decode, encode } from '../../src/mpc/common/codec.ts';
import { MpcError } from '../../src/mpc/common/errors.ts';
import { EcdsaEjectP1 } from '../../src/mpc/ecdsa/eject.ts';
import { EcdsaKeygenP1 } from '../../src/mpc/ecdsa/keygen.ts';
import { EcdsaPairCheckP1 } from '../../src/mpc/ecdsa/pair-check.ts';
import { type EnclavePedersen, enclavePedersen } from '../../src/mpc/ecdsa/pedersen.ts';
import { EcdsaBackupP1, EcdsaRefreshP1 } from '../../src/mpc/ecdsa/refresh.ts';
import { type EcdsaP1Share, ecdsaP1ShareSchema } from '../../src/mpc/ecdsa/shares.ts';
import { EcdsaSignP1 } from '../../src/mpc/ecdsa/sign-p1.ts';
import {
  generateFreshPedersenParams,
  generatePedersenParams,
  PedersenParamsProofSchema,
  UnknownOrderPedersenParamsSchema,
} from '../../src/mpc/zk/pedersen-params.ts';
import type { WalletStore } from '../store/wallet-store.ts';
import { type CurveEngine, mapParty, type PeerInfo } from './curve-engine.ts';
import type { FreshPaillierKey } from './paillier-pool.ts';

/** What the client fetches once per enclave identity: the parameters and the g = h^α proof (codec JSON). */
export interface PedersenSetup {
  publicJson: { params: unknown; proof: unknown };
  /** The verifier's tables, built on first use (seconds of CPU: kept off the start-up path). */
  enclave(): EnclavePedersen;
}

/**
 * The unknown-order Pedersen parameters are made ONCE at enclave setup from safe primes and stored
 * (SPEC §5.1). `devSafePrimesFile` (tests/fixtures/safe-primes.json) skips the slow safe-prime search in
 * development and tests only.
 */
export function loadOrCreatePedersen(store: WalletStore, devSafePrimesFile?: string): PedersenSetup {
  let row = store.getSetup();
  const devPrimes = () => {
    const f = JSON.parse(readFileSync(devSafePrimesFile!, 'utf8')) as { safePrimes: string[] };
    return { p: BigInt(f.safePrimes[0]!), q: BigInt(f.safePrimes[1]!) };
  };
  if (!row) {
    let made: ReturnType<typeof generatePedersenParams>;
    if (devSafePrimesFile) {
      const { p, q } = devPrimes();
      made = generatePedersenParams(p, q);
    } else made = generateFreshPedersenParams();
    const publicJson = JSON.stringify({
      params: encode(UnknownOrderPedersenParamsSchema, made.params),
      proof: encode(PedersenParamsProofSchema, made.proof),
    });
    // The factors of n and the trapdoor α (g = h^α), sealed: the verifier's speed-ups (never leave the enclave).
    const secret = {
      created: true,
      p: made.factors.p.toString(16),
      q: made.factors.q.toString(16),
      alpha: made.factors.alpha.toString(16),
    };
    store.storeSetup(secret, publicJson);
    row = store.getSetup()!;
  }
  // The sealed record authenticates the row (a swapped public row would no longer match its seal).
  const sealed = store.openSetup(row.sealed) as { p?: unknown; q?: unknown; alpha?: unknown };
  const publicJson = JSON.parse(row.publicJson) as { params: unknown; proof: unknown };
  const params = decode(UnknownOrderPedersenParamsSchema, publicJson.params);
  // Setups made before the factors were kept: development ones can take them from the fixture again.
  let factors: { p: bigint; q: bigint; alpha?: bigint } | undefined;
  if (typeof sealed.p === 'string' && typeof sealed.q === 'string')
    factors = {
      p: BigInt(`0x${sealed.p}`),
      q: BigInt(`0x${sealed.q}`),
      // Setups made before α was kept have none (enclavePedersen then uses two tables).
      ...(typeof sealed.alpha === 'string' ? { alpha: BigInt(`0x${sealed.alpha}`) } : {}),
    };
  else if (devSafePrimesFile) factors = devPrimes();
  if (factors && factors.p * factors.q !== params.n) factors = undefined;
  let tables: EnclavePedersen | undefined;
  return {
    publicJson,
    enclave: () => {
      tables ??= enclavePedersen(params, factors);
      return tables;
    },
  };
}

function parties(sid: Uint8Array, peer: PeerInfo) {
  return { sid, p1Id: peer.enclaveId, p2Id: peer.clientId };
}

function stored(share: EcdsaP1Share) {
  return { share: encode(ecdsaP1ShareSchema, share), publicKey: share.Q };
}

/**
 * Decoded shares by pair id: a pair's enclave half never changes (a refresh makes a new pair id), and
 * keeping the object lets the signer reuse its prepared Paillier/CRT tables across co-signatures.
 */
const shareCache = new Map<string, EcdsaP1Share>();
function load(json: unknown): EcdsaP1Share {
  const share = decode(ecdsaP1ShareSchema, json);
  const hit = shareCache.get(share.pairId);
  if (hit && hit.x1 === share.x1 && hit.cKey === share.cKey) return hit;
  if (shareCache.size >= 2000) shareCache.delete(shareCache.keys().next().value!);
  shareCache.set(share.pairId, share);
  return share;
}

/** Forget a pair's cached half (after it was erased). */
export function forgetEcdsaShare(pairId: string): void {
  shareCache.delete(pairId);
}

/**
 * secp256k1: ECDSA-2PC with the enclave as P1 (Paillier key owner, SPEC §5.1). `paillierKey` hands out a
 * fresh key per new pair (the idle-time pool, paillier-pool.ts); without it each pair generates its own.
 */
export function ecdsaEngine(setup: () => PedersenSetup, paillierKey?: () => FreshPaillierKey): CurveEngine {
  return {
    curve: 'secp256k1',
    keygen(sid, pairId, peer) {
      // The key is taken when P2's frame is in (not now): the pool's refill, which the take starts, then
      // runs while the client verifies instead of between our first frame and its answer.
      const keys = paillierKey ? { freshKey: paillierKey } : {};
      return mapParty(ecdsaParty(new EcdsaKeygenP1({ ...parties(sid, peer), pairId, ...keys })), stored);
    },
    derive(sid, pairId, mode, previous, peer) {
      const fresh = paillierKey?.();
      const opts = {
        ...parties(sid, peer),
        newPairId: pairId,
        share: load(previous),
        ...(fresh ? { paillierKey: fresh.key } : {}),
      };
      const m = mode === 'refresh' ? new EcdsaRefreshP1(opts) : new EcdsaBackupP1(opts);
      return mapParty(ecdsaParty(m), stored);
    },
    sign(sid, share, peer, digest) {
      if (!digest) throw new MpcError('INVALID_STATE', 'ECDSA co-signing needs the digest');
      return ecdsaParty(
        new EcdsaSignP1({ ...parties(sid, peer), share: load(share), digest, pedersen: setup().enclave() }),
      );
    },
    pairCheck(sid, share, peer) {
      return ecdsaParty(new EcdsaPairCheckP1({ ...parties(sid, peer), share: load(share) }));
    },
    eject(sid, share, peer) {
      return ecdsaParty(new EcdsaEjectP1({ ...parties(sid, peer), share: load(share) }));
    },
    // EcdsaSignP1 refuses with PAIR_LOCKED exactly when its final signature failed verification.
    isFinalSignatureFailure: (e) => e instanceof MpcError && e.code === 'PAIR_LOCKED',
  };
}
