import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ChannelAuthClaim } from '../../src/mpc/channel/index.ts';
import { type PartyMachine, pumpParty } from '../../src/mpc/channel/party.ts';
import { ecdsaPayloadDigest } from '../../src/mpc/channel/payload-digest.ts';
import {
  decodeOpParams,
  type OperationName,
  type ServiceCurve,
  type StepData,
  sessionOperation,
} from '../../src/mpc/channel/service-wire.ts';
import { deriveSessionId, sessionContribution } from '../../src/mpc/common/session-id.ts';
import type { Logger } from '../log.ts';
import { type Curve, newPairId, newWalletId, type PairRow, type WalletStore } from '../store/wallet-store.ts';
import type { CurveEngine, PeerInfo } from './curve-engine.ts';
import { ServiceError } from './errors.ts';
import { ejectAllowed, type PairLocks } from './policy.ts';

export interface ServiceDeps {
  store: WalletStore;
  engines: Partial<Record<Curve, CurveEngine>>;
  locks: PairLocks;
  log: Logger;
  devRawDigests: boolean;
  selfServiceEjectDelaySec: number;
  selfServiceEjectWindowSec: number;
  now: () => Date;
  /** The ECDSA engine's public Pedersen parameters and proof (JSON), when secp256k1 is available. */
  pedersenPublic?: () => unknown;
}

export interface OpContext {
  deps: ServiceDeps;
  transcriptHash: Uint8Array;
  claim: ChannelAuthClaim;
  /** The authenticated wallet (undefined for a registration until the wallet exists). */
  walletId: string | undefined;
  peer: PeerInfo;
  step(data: StepData): void;
  sendMpc(curve: ServiceCurve, frames: unknown[]): void;
  nextMpc(curve: ServiceCurve): Promise<unknown[]>;
  /** A registration channel becomes a device channel of the wallet it created. */
  adoptWallet(walletId: string): void;
  /** Log fields of this request (pseudonymous wallet id, op). */
  note(fields: { curve?: Curve; pairId?: string; status?: string }): void;
}

export function pairInfo(p: PairRow) {
  return {
    pairId: p.id,
    curve: p.curve,
    kind: p.kind,
    status: p.status,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    ...(p.expiresAt && p.status === 'STORED_ENCLAVE' ? { expiresAt: p.expiresAt } : {}),
    ...(p.derivedFrom ? { derivedFrom: p.derivedFrom } : {}),
    publicKey: bytesToHex(p.publicKey),
  };
}

function engine(ctx: OpContext, curve: Curve): CurveEngine {
  const e = ctx.deps.engines[curve];
  if (!e) throw new ServiceError('CURVE_UNAVAILABLE', `This enclave has no ${curve} protocol.`);
  return e;
}

function requireMode(ctx: OpContext, ...modes: ChannelAuthClaim['mode'][]): string {
  if (!modes.includes(ctx.claim.mode) || (ctx.claim.mode !== 'register' && !ctx.walletId))
    throw new ServiceError('AUTH_FAILED', 'This operation needs another kind of authentication.');
  return ctx.walletId ?? '';
}

function requirePair(ctx: OpContext, walletId: string, pairId: string, curve?: Curve): PairRow {
  const p = ctx.deps.store.getPair(walletId, pairId);
  if (!p || (curve && p.curve !== curve))
    throw new ServiceError('UNKNOWN_PAIR', 'No such pair for this wallet.');
  ctx.note({ curve: p.curve, pairId: p.id });
  return p;
}

function requireSigning(p: PairRow): void {
  if (p.status === 'LOCKED')
    throw new ServiceError('PAIR_LOCKED', 'The pair is locked after a failed signature.');
  if (p.kind !== 'signing' || p.status !== 'STORED_CLIENT')
    throw new ServiceError('PAIR_NOT_USABLE', `The pair cannot sign (status ${p.status}).`);
}

/** Run `fn` holding the pair's session lock (one session per pair at a time). */
async function withPair<T>(ctx: OpContext, pairId: string, fn: () => Promise<T>): Promise<T> {
  if (!ctx.deps.locks.tryAcquire(pairId))
    throw new ServiceError('PAIR_BUSY', 'Another session runs on this pair.');
  try {
    return await fn();
  } finally {
    ctx.deps.locks.release(pairId);
  }
}

/** Our contribution to the session id, sent in `step`, and the sid both sides derive. */
function session(
  ctx: OpContext,
  op: OperationName,
  curve: ServiceCurve,
  walletId: string,
  pairIds: string[],
  clientContribution: Uint8Array,
  stepExtra: Omit<StepData, 'contribution'> = {},
): Uint8Array {
  const enclaveContribution = sessionContribution();
  ctx.step({ contribution: enclaveContribution, ...stepExtra });
  return deriveSessionId({
    operation: sessionOperation(op, curve),
    walletId,
    curve,
    pairIds,
    channelTranscriptHash: ctx.transcriptHash,
    clientContribution,
    enclaveContribution,
  });
}

function run<R>(
  ctx: OpContext,
  curve: ServiceCurve,
  m: PartyMachine<R>,
  beforeLast?: (r: R) => void,
): Promise<R> {
  return pumpParty(m, { send: (f) => ctx.sendMpc(curve, f), next: () => ctx.nextMpc(curve) }, beforeLast);
}

type Handler = (ctx: OpContext, params: unknown) => Promise<unknown>;

const createWallet: Handler = async (ctx, raw) => {
  requireMode(ctx, 'register');
  const p = decodeOpParams('createWallet', raw);
  const { store } = ctx.deps;
  const walletId = newWalletId();
  const curves = (['ed25519', 'secp256k1'] as const).filter((c) => ctx.deps.engines[c]);
  const ids = Object.fromEntries(curves.map((c) => [c, newPairId()])) as Partial<Record<Curve, string>>;
  const enclaveContribution = sessionContribution();
  ctx.step({ contribution: enclaveContribution, walletId, pairIds: ids });
  ctx.note({});
  const pairs: PairRow[] = [];
  for (const curve of curves) {
    const pairId = ids[curve]!;
    const sid = deriveSessionId({
      operation: sessionOperation('createWallet', curve),
      walletId,
      curve,
      pairIds: [pairId],
      channelTranscriptHash: ctx.transcriptHash,
      clientContribution: p.contribution,
      enclaveContribution,
    });
    await run(ctx, curve, engine(ctx, curve).keygen(sid, pairId, ctx.peer), (half) => {
      pairs.push(
        store.storeNewPair(
          {
            id: pairId,
            walletId,
            curve,
            kind: 'signing',
            purpose: 'keygen',
            publicKey: half.publicKey,
            share: half.share,
          },
          { deviceKey: ctx.claim.authKey, recoveryKey: p.recoveryKey },
        ),
      );
    });
  }
  ctx.adoptWallet(walletId);
  return { walletId, pairs: pairs.map(pairInfo) };
};

const confirmPairs: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device', 'recovery');
  const p = decodeOpParams('confirmPairs', raw);
  const mode = ctx.claim.mode === 'recovery' ? 'recovery' : 'device';
  const rows = ctx.deps.store.confirmPairs(walletId, p.pairIds, mode);
  ctx.note({ status: 'confirmed' });
  return { pairs: rows.map(pairInfo) };
};

const signEd25519: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device');
  const p = decodeOpParams('signEd25519', raw);
  const pair = requirePair(ctx, walletId, p.pairId, 'ed25519');
  requireSigning(pair);
  return withPair(ctx, pair.id, async () => {
    const share = ctx.deps.store.loadShare(pair);
    const sid = session(ctx, 'signEd25519', 'ed25519', walletId, [pair.id], p.contribution);
    await run(ctx, 'ed25519', engine(ctx, 'ed25519').sign(sid, share, ctx.peer));
    return { pairId: pair.id };
  });
};

const signEcdsa: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device');
  const p = decodeOpParams('signEcdsa', raw);
  if (p.payload.kind === 'digest' && !ctx.deps.devRawDigests)
    throw new ServiceError(
      'RAW_DIGEST_DISABLED',
      'This enclave signs typed payloads only; it hashes them itself.',
    );
  const digest = ecdsaPayloadDigest(p.payload, { allowRawDigest: ctx.deps.devRawDigests });
  const pair = requirePair(ctx, walletId, p.pairId, 'secp256k1');
  requireSigning(pair);
  const eng = engine(ctx, 'secp256k1');
  return withPair(ctx, pair.id, async () => {
    const share = ctx.deps.store.loadShare(pair);
    const sid = session(ctx, 'signEcdsa', 'secp256k1', walletId, [pair.id], p.contribution, { digest });
    try {
      // The client holds the signature already (it verifies it itself); the result only names the pair.
      await run(ctx, 'secp256k1', eng.sign(sid, share, ctx.peer, digest));
      return { pairId: pair.id };
    } catch (e) {
      if (eng.isFinalSignatureFailure(e)) {
        // SPEC §5.4: never retried with this pair.
        ctx.deps.store.lockPair(pair);
        ctx.note({ status: 'LOCKED' });
      }
      throw e;
    }
  });
};

function derive(op: 'refresh' | 'createBackupPair'): Handler {
  return async (ctx, raw) => {
    const walletId = requireMode(ctx, 'device');
    const p = decodeOpParams(op, raw);
    const curve = p.curve as Curve;
    const src = requirePair(ctx, walletId, p.pairId, curve);
    requireSigning(src);
    const eng = engine(ctx, curve);
    return withPair(ctx, src.id, async () => {
      const share = ctx.deps.store.loadShare(src);
      const pairId = newPairId();
      const sid = session(ctx, op, curve, walletId, [src.id, pairId], p.contribution, { pairId });
      const mode = op === 'refresh' ? 'refresh' : 'backup';
      let row: PairRow | undefined;
      await run(ctx, curve, eng.derive(sid, pairId, mode, share, ctx.peer), (half) => {
        row = ctx.deps.store.storeNewPair({
          id: pairId,
          walletId,
          curve,
          kind: op === 'refresh' ? 'signing' : 'backup',
          purpose: mode,
          publicKey: half.publicKey,
          share: half.share,
          derivedFrom: src.id,
        });
      });
      return { pair: pairInfo(row!), previousPairId: src.id };
    });
  };
}

const recover: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'recovery');
  const p = decodeOpParams('recover', raw);
  const curve = p.curve as Curve;
  const backup = requirePair(ctx, walletId, p.pairId, curve);
  if (backup.kind !== 'backup' || backup.status !== 'STORED_CLIENT_BACKUP_SHARE')
    throw new ServiceError(
      'PAIR_NOT_USABLE',
      `Recovery needs a confirmed backup pair (status ${backup.status}).`,
    );
  const eng = engine(ctx, curve);
  return withPair(ctx, backup.id, async () => {
    const share = ctx.deps.store.loadShare(backup);
    const pairId = newPairId();
    const enclaveContribution = sessionContribution();
    ctx.step({ contribution: enclaveContribution, pairId });
    const sidFor = (operation: string, pairIds: string[]) =>
      deriveSessionId({
        operation,
        walletId,
        curve,
        pairIds,
        channelTranscriptHash: ctx.transcriptHash,
        clientContribution: p.contribution,
        enclaveContribution,
      });
    // Proof of knowledge of the backup client share first (mutual, bound to this session), then a
    // derivation from the backup pair that keeps it.
    const checkSid = sidFor(`${sessionOperation('recover', curve)}/check`, [backup.id]);
    const sid = sidFor(sessionOperation('recover', curve), [backup.id, pairId]);
    await run(ctx, curve, eng.pairCheck(checkSid, share, ctx.peer));
    let row: PairRow | undefined;
    await run(ctx, curve, eng.derive(sid, pairId, 'backup', share, ctx.peer), (half) => {
      row = ctx.deps.store.storeNewPair({
        id: pairId,
        walletId,
        curve,
        kind: 'signing',
        purpose: 'recovery',
        publicKey: half.publicKey,
        share: half.share,
        derivedFrom: backup.id,
        pendingDeviceKey: p.newDeviceKey,
      });
    });
    // Public fact, not a secret: the key on this curve left the enclave once (SPEC §4.7), so the new
    // device must warn permanently. Additive field (absent = false), so older clients simply ignore it.
    return {
      pair: pairInfo(row!),
      previousPairId: backup.id,
      ...(keyExported(ctx.deps.store.listPairs(walletId), curve) ? { keyExported: true } : {}),
    };
  });
};

/** A signing pair of the wallet on `curve` released its enclave half (eject), whichever device did it. */
export function keyExported(pairs: PairRow[], curve: Curve): boolean {
  return pairs.some(
    (p) =>
      p.curve === curve && p.kind === 'signing' && (p.status === 'EJECTED' || p.status === 'EJECT_PENDING'),
  );
}

const revokePair: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device');
  const p = decodeOpParams('revokePair', raw);
  const pair = requirePair(ctx, walletId, p.pairId);
  if (
    pair.kind !== 'backup' ||
    !['STORED_CLIENT_BACKUP_SHARE', 'STORED_ENCLAVE', 'REVOKED'].includes(pair.status)
  )
    throw new ServiceError('PAIR_NOT_USABLE', 'Only backup pairs can be revoked by the client.');
  if (pair.status === 'REVOKED') return { pair: pairInfo(pair) };
  return withPair(ctx, pair.id, async () => ({ pair: pairInfo(ctx.deps.store.revokePair(pair)) }));
};

function ejectPolicy(ctx: OpContext, walletId: string) {
  const w = ctx.deps.store.getWallet(walletId);
  return {
    ...(w?.ejectableUntil ? { ejectableUntil: w.ejectableUntil } : {}),
    ...(w?.ejectableFrom ? { ejectableFrom: w.ejectableFrom } : {}),
  };
}

const status: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device', 'recovery');
  decodeOpParams('status', raw);
  return {
    walletId,
    pairs: ctx.deps.store.listPairs(walletId).map(pairInfo),
    eject: ejectPolicy(ctx, walletId),
  };
};

const pairCheck: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device');
  const p = decodeOpParams('pairCheck', raw);
  const curve = p.curve as Curve;
  const pair = requirePair(ctx, walletId, p.pairId, curve);
  if (!['STORED_CLIENT', 'STORED_CLIENT_BACKUP_SHARE', 'LOCKED'].includes(pair.status))
    throw new ServiceError('PAIR_NOT_USABLE', `The pair cannot be checked (status ${pair.status}).`);
  const eng = engine(ctx, curve);
  return withPair(ctx, pair.id, async () => {
    const share = ctx.deps.store.loadShare(pair);
    const sid = session(ctx, 'pairCheck', curve, walletId, [pair.id], p.contribution);
    await run(ctx, curve, eng.pairCheck(sid, share, ctx.peer));
    return { pair: pairInfo(pair), ok: true };
  });
};

const requestEject: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device');
  decodeOpParams('requestEject', raw);
  const now = ctx.deps.now().getTime();
  const from = new Date(now + ctx.deps.selfServiceEjectDelaySec * 1000);
  const until = new Date(from.getTime() + ctx.deps.selfServiceEjectWindowSec * 1000);
  ctx.deps.store.setEjectWindow(walletId, until.toISOString(), from.toISOString());
  ctx.note({ status: 'eject_requested' });
  return ejectPolicy(ctx, walletId);
};

const eject: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device');
  const p = decodeOpParams('eject', raw);
  const curve = p.curve as Curve;
  const pair = requirePair(ctx, walletId, p.pairId, curve);
  if (pair.kind !== 'signing' || !['STORED_CLIENT', 'LOCKED', 'EJECT_PENDING'].includes(pair.status))
    throw new ServiceError('PAIR_NOT_USABLE', `The pair cannot be ejected (status ${pair.status}).`);
  const wallet = ctx.deps.store.getWallet(walletId)!;
  if (!ejectAllowed(wallet, pair, ctx.deps.now(), ctx.deps.store.listPairs(walletId)))
    throw new ServiceError('EJECT_WINDOW_CLOSED', 'Eject is not enabled for this wallet right now.');
  const eng = engine(ctx, curve);
  return withPair(ctx, pair.id, async () => {
    const share = ctx.deps.store.loadShare(pair);
    const sid = session(ctx, 'eject', curve, walletId, [pair.id], p.contribution);
    let row: PairRow | undefined;
    // EJECT_PENDING is durable before the half leaves (SPEC §4.7).
    await run(ctx, curve, eng.eject(sid, share, ctx.peer), () => {
      row = ctx.deps.store.markEjectPending(pair);
    });
    ctx.note({ status: 'EJECT_PENDING' });
    return { pair: pairInfo(row!) };
  });
};

const confirmEject: Handler = async (ctx, raw) => {
  const walletId = requireMode(ctx, 'device');
  const p = decodeOpParams('confirmEject', raw);
  return { pairs: ctx.deps.store.confirmEject(walletId, p.pairIds).map(pairInfo) };
};

const pedersenParams: Handler = async (ctx, raw) => {
  decodeOpParams('pedersenParams', raw);
  if (!ctx.deps.pedersenPublic)
    throw new ServiceError('CURVE_UNAVAILABLE', 'This enclave has no secp256k1 protocol.');
  return ctx.deps.pedersenPublic();
};

export const HANDLERS: Record<OperationName, Handler> = {
  createWallet,
  confirmPairs,
  signEcdsa,
  signEd25519,
  refresh: derive('refresh'),
  createBackupPair: derive('createBackupPair'),
  recover,
  revokePair,
  status,
  pairCheck,
  requestEject,
  eject,
  confirmEject,
  pedersenParams,
};

/** Pseudonymous wallet id for logs (SPEC §7): a hash prefix, never the id itself. */
export function walletPseudonym(walletId: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(`twofold/log/${walletId}`))).slice(0, 12);
}
