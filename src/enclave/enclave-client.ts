import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { ChannelAuthMode } from '../mpc/channel/index.ts';
import { ecdsaParty, frostParty, type PartyMachine } from '../mpc/channel/party.ts';
import { ecdsaPayloadDigest } from '../mpc/channel/payload-digest.ts';
import { type ServiceCurve, sessionOperation } from '../mpc/channel/service-wire.ts';
import { bytesEqual } from '../mpc/common/bytes.ts';
import { base64urlEncode, decode } from '../mpc/common/codec.ts';
import { EcdsaEjectP2 } from '../mpc/ecdsa/eject.ts';
import { EcdsaKeygenP2 } from '../mpc/ecdsa/keygen.ts';
import { EcdsaPairCheckP2 } from '../mpc/ecdsa/pair-check.ts';
import {
  pinnedPedersenParams,
  type VerifiedPedersenParams,
  verifyEnclavePedersenParams,
} from '../mpc/ecdsa/pedersen.ts';
import { EcdsaBackupP2, EcdsaRefreshP2 } from '../mpc/ecdsa/refresh.ts';
import { EcdsaSignP2 } from '../mpc/ecdsa/sign-p2.ts';
import {
  type FrostClientShare,
  FrostDkgClient,
  FrostEjectClient,
  FrostPairCheckClient,
  type FrostSignature,
  FrostSignClient,
} from '../mpc/frost/index.ts';
import { PedersenParamsProofSchema, UnknownOrderPedersenParamsSchema } from '../mpc/zk/pedersen-params.ts';
import { CoSigningChannels } from './co-signing-channels.ts';
import { encodePayload, payloadWire } from './ecdsa-payload-wire.ts';
import { EcdsaRandomness } from './ecdsa-randomness.ts';
import type {
  CreatedWallet,
  CreateWalletParams,
  EcdsaClientShare,
  EcdsaCosignResult,
  EcdsaPayload,
  EjectPolicy,
  EjectResult,
  EnclaveApi,
  EnclaveAuth,
  NewPairs,
  PairCheckResult,
  PairInfo,
  RecoveryAuth,
  WalletStatus,
} from './enclave-api.ts';
import { EnclaveClientError } from './enclave-errors.ts';
import type { WebSocketFactory, WebSocketLike } from './enclave-hello.ts';
import { EnclaveSession, type OpIo, type SessionAuth } from './enclave-session.ts';
import { FrameTransport } from './enclave-transport.ts';

export interface EnclaveClientOptions {
  url: string;
  /** The enclave identity key this wallet is pinned to (hex, 32 bytes). */
  identityKey: string;
  /** WebSocket constructor: the browser's by default; pass `(u) => new WebSocket(u)` from `ws` in Node. */
  webSocket?: WebSocketFactory;
  timeoutMs?: number;
  /**
   * Hash of the enclave's Pedersen parameters verified earlier (SPEC §5.1: checked once per enclave
   * identity, then pinned). Without it the first ECDSA co-signature verifies the g = h^α proof.
   */
  pedersenHash?: Uint8Array;
  /**
   * Co-signatures reuse one secure channel per wallet and device key; it closes after this long without
   * use (default 60 s), on `releaseChannels()` (the wallet locks), and after any failure.
   */
  keepChannelMs?: number;
  /** Co-signatures' worth of ECDSA randomness the client keeps ready, refilled in idle time (default 1). */
  ecdsaPoolTarget?: number;
}

type DerivePurpose = 'refresh' | 'createBackupPair' | 'recover';

/**
 * The extension's client of the enclave service (`EnclaveApi`, see enclave-api.ts for the contract).
 * Co-signatures share one kept secure channel per wallet and device key (the handshake's checks, SPEC §7,
 * ran when it opened; every operation on it still gets its own session id, and frames keep their counter
 * nonces); every other call opens a fresh channel and closes it. Client shares live only in memory here.
 */
export class EnclaveClient implements EnclaveApi {
  private readonly identityKey: Uint8Array;
  private readonly factory: WebSocketFactory;
  private readonly timeoutMs: number;
  private pedersen: VerifiedPedersenParams | undefined;
  private readonly channels: CoSigningChannels;
  private readonly randomness: EcdsaRandomness;

  constructor(private readonly opts: EnclaveClientOptions) {
    if (!/^[0-9a-fA-F]{64}$/.test(opts.identityKey))
      throw new EnclaveClientError('BAD_REQUEST', 'The pinned enclave identity key must be 32 bytes of hex.');
    this.identityKey = hexToBytes(opts.identityKey.toLowerCase());
    this.factory = opts.webSocket ?? ((u) => new WebSocket(u) as unknown as WebSocketLike);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.channels = new CoSigningChannels(
      (auth) => this.connect(this.device(auth)),
      opts.keepChannelMs ?? 60_000,
    );
    this.randomness = new EcdsaRandomness(opts.ecdsaPoolTarget ?? 1);
  }

  /** The hash of the verified Pedersen parameters, to pin per enclave identity (after the first ECDSA use). */
  get pedersenHash(): Uint8Array | undefined {
    return this.pedersen?.hash.slice();
  }

  /** Open an authenticated session (for callers that chain several operations on one channel). */
  async connect(auth: SessionAuth): Promise<EnclaveSession> {
    const transport = await FrameTransport.open(this.opts.url, this.factory, this.timeoutMs);
    return EnclaveSession.open(transport, this.identityKey, auth, this.timeoutMs);
  }

  private async with<T>(auth: SessionAuth, fn: (s: EnclaveSession) => Promise<T>): Promise<T> {
    const s = await this.connect(auth);
    try {
      return await fn(s);
    } finally {
      s.close();
    }
  }

  /**
   * Close every kept channel (the wallet locked); the next co-signature opens a new one. A call running
   * on one sees its channel closed and fails like any interrupted operation.
   */
  releaseChannels(): void {
    this.channels.releaseAll();
  }

  /**
   * Fill this share's ECDSA randomness in idle time. Resolves when it covers `ecdsaPoolTarget`
   * co-signatures; does nothing before the enclave's Pedersen parameters were verified (first co-signature).
   */
  prepareEcdsa(share: EcdsaClientShare): Promise<void> {
    return this.pedersen ? this.randomness.refill(share, this.pedersen) : Promise.resolve();
  }

  private device(auth: EnclaveAuth): SessionAuth {
    return { mode: 'device', walletId: auth.walletId, signer: auth.deviceKey };
  }

  async createWallet(params: CreateWalletParams): Promise<CreatedWallet> {
    if (!(params.recoveryPublicKey instanceof Uint8Array) || params.recoveryPublicKey.length !== 32)
      throw new EnclaveClientError('BAD_REQUEST', 'The recovery public key must be 32 bytes.');
    return this.with({ mode: 'register', signer: params.deviceKey }, async (s) => {
      const { result, driven } = await s.run(
        'createWallet',
        (contribution) => ({
          recoveryKey: base64urlEncode(params.recoveryPublicKey),
          contribution: base64urlEncode(contribution),
        }),
        async (io) => {
          const step = await io.step();
          const walletId = step.walletId;
          const ids = step.pairIds;
          if (!walletId || !ids?.ed25519 || !ids.secp256k1)
            throw new EnclaveClientError(
              'BAD_REQUEST',
              'The enclave cannot create both keys.',
              'CURVE_UNAVAILABLE',
            );
          const frostSid = io.sid('ed25519', walletId, [ids.ed25519], step.contribution);
          const frost = await io.run(
            'ed25519',
            frostParty(new FrostDkgClient({ sid: frostSid, pairId: ids.ed25519, mode: 'keygen' })),
          );
          const ecdsaSid = io.sid('secp256k1', walletId, [ids.secp256k1], step.contribution);
          const ecdsa = await io.run(
            'secp256k1',
            ecdsaParty(new EcdsaKeygenP2({ ...p2(io, ecdsaSid), pairId: ids.secp256k1 })),
          );
          return { walletId, frostShare: frost.share, ecdsaShare: ecdsa };
        },
      );
      const r = result as { walletId: string; pairs: PairInfo[] };
      if (!driven || r.walletId !== driven.walletId)
        throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'WALLET_ID');
      return {
        walletId: r.walletId,
        ecdsaShare: driven.ecdsaShare,
        frostShare: driven.frostShare,
        pairs: r.pairs,
      };
    });
  }

  async confirmPairs(auth: EnclaveAuth | RecoveryAuth, pairIds: string[]): Promise<PairInfo[]> {
    const sa: SessionAuth =
      'recoveryKey' in auth
        ? { mode: 'recovery', walletId: auth.walletId, signer: auth.recoveryKey }
        : this.device(auth);
    return this.with(sa, async (s) => {
      const { result } = await s.run('confirmPairs', () => ({ pairIds }));
      return (result as { pairs: PairInfo[] }).pairs;
    });
  }

  private async verifiedPedersen(s: EnclaveSession): Promise<VerifiedPedersenParams> {
    if (this.pedersen) return this.pedersen;
    const { result } = await s.run('pedersenParams', () => ({}));
    const r = result as { params: unknown; proof: unknown };
    try {
      const params = decode(UnknownOrderPedersenParamsSchema, r.params);
      this.pedersen = this.opts.pedersenHash
        ? pinnedPedersenParams(params, this.opts.pedersenHash)
        : verifyEnclavePedersenParams(params, decode(PedersenParamsProofSchema, r.proof));
    } catch (e) {
      throw new EnclaveClientError(
        'ENCLAVE_FAULT',
        undefined,
        (e as { code?: string }).code ?? 'BAD_PARAMETERS',
      );
    }
    return this.pedersen;
  }

  async signEcdsa(
    auth: EnclaveAuth,
    params: { share: EcdsaClientShare; payload: EcdsaPayload },
  ): Promise<EcdsaCosignResult> {
    const wire = payloadWire(params.payload);
    let digest: Uint8Array;
    try {
      digest = ecdsaPayloadDigest(wire, { allowRawDigest: true });
    } catch {
      throw new EnclaveClientError('BAD_REQUEST', 'The payload cannot be hashed for signing.');
    }
    const { share } = params;
    const result = await this.channels.run(auth, async (s) => {
      const pedersen = await this.verifiedPedersen(s);
      const precompute = this.randomness.forShare(share, pedersen);
      const { driven } = await s.run(
        'signEcdsa',
        (contribution) => ({
          pairId: share.pairId,
          contribution: base64urlEncode(contribution),
          payload: encodePayload(wire),
        }),
        async (io) => {
          const step = await io.step();
          // The enclave hashed the payload itself; both must sign the same digest.
          if (!step.digest || !bytesEqual(step.digest, digest))
            throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'DIGEST_MISMATCH');
          const sid = io.sid('secp256k1', auth.walletId, [share.pairId], step.contribution);
          return io.run(
            'secp256k1',
            ecdsaParty(new EcdsaSignP2({ ...p2(io, sid), share, digest, pedersen, precompute })),
          );
        },
      );
      const signature = driven!;
      // SPEC §4.2: verified against the wallet key before anything is returned.
      if (!secp256k1.verify(signature.bytes, digest, share.Q, { prehash: false, lowS: true }))
        throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'BAD_SIGNATURE');
      return { signature, digest };
    });
    // Idle time after this co-signature prepares the next one's randomness.
    void this.prepareEcdsa(share);
    return result;
  }

  async signEd25519(
    auth: EnclaveAuth,
    params: { share: FrostClientShare; message: Uint8Array },
  ): Promise<FrostSignature> {
    const { share, message } = params;
    return this.channels.run(auth, async (s) => {
      const { driven } = await s.run(
        'signEd25519',
        (contribution) => ({ pairId: share.pairId, contribution: base64urlEncode(contribution) }),
        async (io) => {
          const step = await io.step();
          const sid = io.sid('ed25519', auth.walletId, [share.pairId], step.contribution);
          return io.run('ed25519', frostParty(new FrostSignClient({ sid, share, message })));
        },
      );
      return driven!;
    });
  }

  /** One derivation (refresh, backup pair, recovery) per given share, on one channel. */
  private async derive(
    sa: SessionAuth,
    purpose: DerivePurpose,
    shares: { ecdsa?: EcdsaClientShare; frost?: FrostClientShare },
    extra: Record<string, unknown> = {},
  ): Promise<NewPairs> {
    const walletId = sa.walletId!;
    const mode = purpose === 'refresh' ? 'refresh' : 'backup';
    return this.with(sa, async (s) => {
      const out: NewPairs = {};
      const one = async <S extends { pairId: string }>(
        curve: ServiceCurve,
        share: S,
        machines: (
          io: OpIo,
          sid: Uint8Array,
          newPairId: string,
          checkSid: Uint8Array,
        ) => {
          check?: PartyMachine<unknown>;
          derive: PartyMachine<S>;
        },
      ) => {
        const { result, driven } = await s.run(
          purpose,
          (contribution) => ({
            curve,
            pairId: share.pairId,
            contribution: base64urlEncode(contribution),
            ...extra,
          }),
          async (io) => {
            const step = await io.step();
            if (!step.pairId) throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'NO_PAIR_ID');
            const sid = io.sid(curve, walletId, [share.pairId, step.pairId], step.contribution);
            const checkSid = io.sid(
              curve,
              walletId,
              [share.pairId],
              step.contribution,
              `${sessionOperation('recover', curve)}/check`,
            );
            const m = machines(io, sid, step.pairId, checkSid);
            if (m.check) await io.run(curve, m.check);
            return { share: await io.run(curve, m.derive), newPairId: step.pairId };
          },
        );
        const r = result as { pair: PairInfo; previousPairId: string; keyExported?: unknown };
        if (!driven || r.pair.pairId !== driven.newPairId)
          throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'PAIR_ID');
        // Optional, additive field (older enclaves omit it): only recovery reports it.
        if (r.keyExported !== undefined && typeof r.keyExported !== 'boolean')
          throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'KEY_EXPORTED');
        return {
          share: driven.share,
          pair: r.pair,
          previousPairId: r.previousPairId,
          ...(purpose === 'recover' && r.keyExported === true ? { keyExported: true } : {}),
        };
      };
      if (shares.frost) {
        const prev = shares.frost;
        out.frost = await one('ed25519', prev, (_io, sid, pairId, checkSid) => ({
          ...(purpose === 'recover'
            ? { check: frostParty(new FrostPairCheckClient({ sid: checkSid, share: prev })) }
            : {}),
          derive: mapShare(frostParty(new FrostDkgClient({ sid, pairId, mode, previous: prev }))),
        }));
      }
      if (shares.ecdsa) {
        const prev = shares.ecdsa;
        out.ecdsa = await one('secp256k1', prev, (io, sid, newPairId, checkSid) => {
          const o = { ...p2(io, sid), newPairId, share: prev };
          return {
            ...(purpose === 'recover'
              ? { check: ecdsaParty(new EcdsaPairCheckP2({ ...p2(io, checkSid), share: prev })) }
              : {}),
            derive: ecdsaParty(mode === 'refresh' ? new EcdsaRefreshP2(o) : new EcdsaBackupP2(o)),
          };
        });
      }
      return out;
    });
  }

  refresh(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ): Promise<NewPairs> {
    return this.derive(this.device(auth), 'refresh', shares(params));
  }

  createBackupPair(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ): Promise<NewPairs> {
    return this.derive(this.device(auth), 'createBackupPair', shares(params));
  }

  recover(
    auth: RecoveryAuth,
    params: {
      newDevicePublicKey: Uint8Array;
      backupEcdsaShare?: EcdsaClientShare;
      backupFrostShare?: FrostClientShare;
    },
  ): Promise<NewPairs> {
    if (!(params.newDevicePublicKey instanceof Uint8Array) || params.newDevicePublicKey.length !== 32)
      throw new EnclaveClientError('BAD_REQUEST', 'The new device key must be 32 bytes.');
    return this.derive(
      { mode: 'recovery', walletId: auth.walletId, signer: auth.recoveryKey },
      'recover',
      {
        ...(params.backupEcdsaShare ? { ecdsa: params.backupEcdsaShare } : {}),
        ...(params.backupFrostShare ? { frost: params.backupFrostShare } : {}),
      },
      { newDeviceKey: base64urlEncode(params.newDevicePublicKey) },
    );
  }

  async revokePair(auth: EnclaveAuth, pairId: string): Promise<PairInfo> {
    return this.with(this.device(auth), async (s) => {
      const { result } = await s.run('revokePair', () => ({ pairId }));
      return (result as { pair: PairInfo }).pair;
    });
  }

  async status(auth: EnclaveAuth): Promise<WalletStatus> {
    return this.with(
      this.device(auth),
      async (s) => (await s.run('status', () => ({}))).result as WalletStatus,
    );
  }

  async pairCheck(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ): Promise<PairCheckResult> {
    const out: PairCheckResult = {};
    const check = async (
      curve: ServiceCurve,
      pairId: string,
      make: (io: OpIo, sid: Uint8Array) => PartyMachine<unknown>,
    ) => {
      try {
        await this.with(this.device(auth), (s) =>
          s.run(
            'pairCheck',
            (contribution) => ({ curve, pairId, contribution: base64urlEncode(contribution) }),
            async (io) => {
              const step = await io.step();
              await io.run(curve, make(io, io.sid(curve, auth.walletId, [pairId], step.contribution)));
            },
          ),
        );
        return true;
      } catch (e) {
        // A failed proof or a mismatched pair is a health finding, not an exception; transport errors are.
        if (e instanceof EnclaveClientError && (e.code === 'ENCLAVE_FAULT' || e.code === 'PROTOCOL_ERROR'))
          return false;
        throw e;
      }
    };
    if (params.frostShare) {
      const share = params.frostShare;
      out.frost = await check('ed25519', share.pairId, (_io, sid) =>
        frostParty(new FrostPairCheckClient({ sid, share })),
      );
    }
    if (params.ecdsaShare) {
      const share = params.ecdsaShare;
      out.ecdsa = await check('secp256k1', share.pairId, (io, sid) =>
        ecdsaParty(new EcdsaPairCheckP2({ ...p2(io, sid), share })),
      );
    }
    return out;
  }

  async requestEject(auth: EnclaveAuth): Promise<EjectPolicy> {
    return this.with(
      this.device(auth),
      async (s) => (await s.run('requestEject', () => ({}))).result as EjectPolicy,
    );
  }

  async eject(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ): Promise<EjectResult> {
    return this.with(this.device(auth), async (s) => {
      const out: EjectResult = { pairs: [] };
      const one = async <R>(
        curve: ServiceCurve,
        pairId: string,
        make: (io: OpIo, sid: Uint8Array) => PartyMachine<R>,
      ) => {
        const { result, driven } = await s.run(
          'eject',
          (contribution) => ({ curve, pairId, contribution: base64urlEncode(contribution) }),
          async (io) => {
            const step = await io.step();
            return io.run(curve, make(io, io.sid(curve, auth.walletId, [pairId], step.contribution)));
          },
        );
        out.pairs.push((result as { pair: PairInfo }).pair);
        return driven!;
      };
      if (params.frostShare) {
        const share = params.frostShare;
        out.frost = await one('ed25519', share.pairId, (_io, sid) =>
          frostParty(new FrostEjectClient({ sid, share })),
        );
      }
      if (params.ecdsaShare) {
        const share = params.ecdsaShare;
        const r = await one('secp256k1', share.pairId, (io, sid) =>
          ecdsaParty(new EcdsaEjectP2({ ...p2(io, sid), share })),
        );
        out.ecdsa = {
          kind: 'secp256k1',
          privateKey: r.privateKey,
          privateKeyHex: bytesToHex(r.privateKey),
          pairId: share.pairId,
        };
      }
      return out;
    });
  }

  async confirmEject(auth: EnclaveAuth, pairIds: string[]): Promise<PairInfo[]> {
    return this.with(this.device(auth), async (s) => {
      const { result } = await s.run('confirmEject', () => ({ pairIds }));
      return (result as { pairs: PairInfo[] }).pairs;
    });
  }
}

function p2(io: OpIo, sid: Uint8Array) {
  return { sid, p1Id: io.peer.enclaveId, p2Id: io.peer.clientId };
}

function shares(p: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare }) {
  return {
    ...(p.ecdsaShare ? { ecdsa: p.ecdsaShare } : {}),
    ...(p.frostShare ? { frost: p.frostShare } : {}),
  };
}

function mapShare(m: PartyMachine<{ share: FrostClientShare }>): PartyMachine<FrostClientShare> {
  return {
    start: () => m.start(),
    receive: (f) => m.receive(f),
    get done() {
      return m.done;
    },
    result: () => m.result().share,
    abort: () => m.abort(),
  };
}

export type { ChannelAuthMode };
