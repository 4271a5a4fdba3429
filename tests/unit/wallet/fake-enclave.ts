/**
 * An in-process stand-in for the enclave API, for unit tests of the wallet's orchestration (journal,
 * persistence order, crash resolution). It keeps the enclave's pair state machine of SPEC §2 and uses real
 * curve arithmetic, so every signature it returns verifies — but it runs no MPC protocol (it combines the
 * shares directly). The integration tests use the real enclave-sim process instead.
 */
import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { hashMessage, hashTypedData, keccak256 } from 'viem';
import type {
  EcdsaClientShare,
  EcdsaPayload,
  EnclaveApi,
  EnclaveAuth,
  FrostClientShare,
  NewPairs,
  PairInfo,
  PairKind,
  RecoveryAuth,
} from '../../../src/enclave/enclave-api.ts';
import { EnclaveClientError } from '../../../src/enclave/enclave-errors.ts';
import { ED25519_SCALAR_LABEL } from '../../../src/mpc/frost/index.ts';

const q = secp256k1.Point.Fn.ORDER;
const L = ed25519.Point.Fn.ORDER;
const G = secp256k1.Point.BASE;
const B = ed25519.Point.BASE;

const mod = (x: bigint, m: bigint) => ((x % m) + m) % m;
const rand = (m: bigint) =>
  mod(BigInt(`0x${bytesToHex(crypto.getRandomValues(new Uint8Array(48)))}`), m - 1n) + 1n;
const le32 = (x: bigint) => {
  const out = new Uint8Array(32);
  let v = x;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
};
const fromLe = (b: Uint8Array) => b.reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n);
const hexToBytes = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => Number.parseInt(x, 16)));

interface Pair {
  info: PairInfo;
  walletId: string;
  /** ECDSA: x1 (x = x1 + x2); FROST: the polynomial's secret a and slope c (s_i = a + c·i). */
  x1?: bigint;
  x2Public?: Uint8Array;
  frost?: { a: bigint; c: bigint };
}

interface Wallet {
  device: string;
  recovery: string;
  pendingDevice?: string;
  ejectableUntil?: string;
}

export class FakeEnclave implements EnclaveApi {
  readonly wallets = new Map<string, Wallet>();
  readonly pairs = new Map<string, Pair>();
  offline = false;
  /** false: behave like an enclave from before recover reported `keyExported` (the field is absent). */
  reportsKeyExported = true;
  calls: string[] = [];
  private n = 0;

  private gate(op: string): void {
    this.calls.push(op);
    if (this.offline) throw new EnclaveClientError('ENCLAVE_UNREACHABLE');
  }

  private id(prefix: string): string {
    return `${prefix}-${++this.n}-${bytesToHex(crypto.getRandomValues(new Uint8Array(4)))}`;
  }

  private auth(a: EnclaveAuth | RecoveryAuth): { wallet: Wallet; recovery: boolean } {
    const wallet = this.wallets.get(a.walletId);
    if (!wallet) throw new EnclaveClientError('ENCLAVE_AUTH_FAILED');
    if ('deviceKey' in a && bytesToHex(a.deviceKey.publicKey) === wallet.device)
      return { wallet, recovery: false };
    if ('recoveryKey' in a && bytesToHex(a.recoveryKey.publicKey) === wallet.recovery)
      return { wallet, recovery: true };
    throw new EnclaveClientError('ENCLAVE_AUTH_FAILED');
  }

  private info(curve: PairInfo['curve'], kind: PairKind, publicKey: string, from?: string) {
    const now = new Date().toISOString();
    return {
      pairId: this.id(curve === 'secp256k1' ? 'e' : 'f'),
      curve,
      kind,
      status: 'STORED_ENCLAVE' as const,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      publicKey,
      ...(from ? { derivedFrom: from } : {}),
    };
  }

  private newEcdsa(walletId: string, kind: PairKind, x: bigint, from?: string): [Pair, EcdsaClientShare] {
    const x2 = rand(q);
    const x1 = mod(x - x2, q);
    const Q = G.multiply(x).toBytes(true);
    const info = this.info('secp256k1', kind, bytesToHex(Q), from);
    const Q2 = G.multiply(x2).toBytes(true);
    const pair: Pair = { info, walletId, x1, x2Public: Q2 };
    this.pairs.set(info.pairId, pair);
    const share: EcdsaClientShare = {
      v: 1,
      kind: 'ecdsa-p2',
      pairId: info.pairId,
      x2,
      Q,
      Q1: G.multiply(x1).toBytes(true),
      Q2,
      N: 1234567n,
      cKey: 7654321n,
    };
    return [pair, share];
  }

  private newFrost(walletId: string, kind: PairKind, a: bigint, from?: string): [Pair, FrostClientShare] {
    const c = rand(L);
    const A = B.multiply(a).toBytes();
    const info = this.info('ed25519', kind, bytesToHex(A), from);
    const pair: Pair = { info, walletId, frost: { a, c } };
    this.pairs.set(info.pairId, pair);
    const s1 = mod(a + c, L);
    const s2 = mod(a + 2n * c, L);
    const share: FrostClientShare = {
      pairId: info.pairId,
      role: 'client',
      signingShare: le32(s1),
      groupKey: A,
      commitment: [A, B.multiply(c).toBytes()],
      verifyingShares: { client: B.multiply(s1).toBytes(), enclave: B.multiply(s2).toBytes() },
    };
    return [pair, share];
  }

  private usable(pairId: string, walletId: string, statuses: PairInfo['status'][]): Pair {
    const p = this.pairs.get(pairId);
    if (!p || p.walletId !== walletId) throw new EnclaveClientError('UNKNOWN_PAIR');
    if (!statuses.includes(p.info.status)) throw new EnclaveClientError('PAIR_NOT_USABLE');
    return p;
  }

  private ecdsaSecret(p: Pair, share: EcdsaClientShare): bigint {
    if (bytesToHex(G.multiply(share.x2).toBytes(true)) !== bytesToHex(p.x2Public!))
      throw new EnclaveClientError('BAD_REQUEST');
    return mod(p.x1! + share.x2, q);
  }

  private set(p: Pair, status: PairInfo['status']): void {
    p.info = { ...p.info, status, updatedAt: new Date().toISOString() };
    if (status !== 'STORED_ENCLAVE') delete p.info.expiresAt;
  }

  /** Test control: the 24 h expiry of unconfirmed pairs. */
  expireUnconfirmed(): void {
    for (const [id, p] of this.pairs) if (p.info.status === 'STORED_ENCLAVE') this.pairs.delete(id);
  }

  async createWallet(params: Parameters<EnclaveApi['createWallet']>[0]) {
    this.gate('createWallet');
    const walletId = this.id('w');
    this.wallets.set(walletId, {
      device: bytesToHex(params.deviceKey.publicKey),
      recovery: bytesToHex(params.recoveryPublicKey),
    });
    const [pe, ecdsaShare] = this.newEcdsa(walletId, 'signing', rand(q));
    const [pf, frostShare] = this.newFrost(walletId, 'signing', rand(L));
    return { walletId, ecdsaShare, frostShare, pairs: [pe.info, pf.info] };
  }

  async confirmPairs(auth: EnclaveAuth | RecoveryAuth, pairIds: string[]): Promise<PairInfo[]> {
    this.gate('confirmPairs');
    const { wallet, recovery } = this.auth(auth);
    const out: PairInfo[] = [];
    for (const id of pairIds) {
      const p = this.usable(id, auth.walletId, [
        'STORED_ENCLAVE',
        'STORED_CLIENT',
        'STORED_CLIENT_BACKUP_SHARE',
      ]);
      if (p.info.status === 'STORED_ENCLAVE') {
        if (p.info.kind === 'backup') this.set(p, 'STORED_CLIENT_BACKUP_SHARE');
        else {
          this.set(p, 'STORED_CLIENT');
          // One transaction: the new signing pair is usable and every other signing pair of its curve retired.
          for (const o of this.pairs.values())
            if (
              o !== p &&
              o.walletId === p.walletId &&
              o.info.curve === p.info.curve &&
              o.info.kind === 'signing'
            )
              if (o.info.status === 'STORED_CLIENT') this.set(o, 'REVOKED');
        }
      }
      out.push(p.info);
    }
    if (recovery && wallet.pendingDevice) {
      wallet.device = wallet.pendingDevice;
      delete wallet.pendingDevice;
    }
    return out;
  }

  private digest(payload: EcdsaPayload): Uint8Array {
    switch (payload.kind) {
      case 'personal':
        return hexToBytes(hashMessage({ raw: payload.message }).slice(2));
      case 'typedData':
        return hexToBytes(hashTypedData(JSON.parse(payload.json)).slice(2));
      case 'transaction':
        return hexToBytes(keccak256(payload.serialized).slice(2));
      case 'digest':
        throw new EnclaveClientError('BAD_REQUEST');
    }
  }

  async signEcdsa(auth: EnclaveAuth, params: { share: EcdsaClientShare; payload: EcdsaPayload }) {
    this.gate('signEcdsa');
    this.auth(auth);
    const p = this.usable(params.share.pairId, auth.walletId, ['STORED_CLIENT']);
    const x = this.ecdsaSecret(p, params.share);
    const digest = this.digest(params.payload);
    const sig = secp256k1.sign(digest, le32BE(x), { prehash: false, lowS: true, format: 'recovered' });
    const r = BigInt(`0x${bytesToHex(sig.subarray(1, 33))}`);
    const s = BigInt(`0x${bytesToHex(sig.subarray(33, 65))}`);
    return { signature: { r, s, v: sig[0]!, bytes: sig.slice(1) }, digest };
  }

  async signEd25519(auth: EnclaveAuth, params: { share: FrostClientShare; message: Uint8Array }) {
    this.gate('signEd25519');
    this.auth(auth);
    const p = this.usable(params.share.pairId, auth.walletId, ['STORED_CLIENT']);
    const signature = ed25519_FROST.sign(params.message, le32(p.frost!.a));
    return { signature, message: params.message, publicKey: B.multiply(p.frost!.a).toBytes() };
  }

  private derive(
    walletId: string,
    kind: PairKind,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
    from: PairInfo['status'][],
  ): NewPairs {
    const out: NewPairs = {};
    if (params.ecdsaShare) {
      const p = this.usable(params.ecdsaShare.pairId, walletId, from);
      const [, share] = this.newEcdsa(walletId, kind, this.ecdsaSecret(p, params.ecdsaShare), p.info.pairId);
      out.ecdsa = { share, pair: this.pairs.get(share.pairId)!.info, previousPairId: p.info.pairId };
    }
    if (params.frostShare) {
      const p = this.usable(params.frostShare.pairId, walletId, from);
      const [, share] = this.newFrost(walletId, kind, p.frost!.a, p.info.pairId);
      out.frost = { share, pair: this.pairs.get(share.pairId)!.info, previousPairId: p.info.pairId };
    }
    return out;
  }

  async refresh(auth: EnclaveAuth, params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare }) {
    this.gate('refresh');
    this.auth(auth);
    return this.derive(auth.walletId, 'signing', params, ['STORED_CLIENT']);
  }

  async createBackupPair(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ) {
    this.gate('createBackupPair');
    this.auth(auth);
    return this.derive(auth.walletId, 'backup', params, ['STORED_CLIENT']);
  }

  async recover(
    auth: RecoveryAuth,
    params: {
      newDevicePublicKey: Uint8Array;
      backupEcdsaShare?: EcdsaClientShare;
      backupFrostShare?: FrostClientShare;
    },
  ) {
    this.gate('recover');
    const { wallet, recovery } = this.auth(auth);
    if (!recovery) throw new EnclaveClientError('ENCLAVE_AUTH_FAILED');
    wallet.pendingDevice = bytesToHex(params.newDevicePublicKey);
    const out = this.derive(
      auth.walletId,
      'signing',
      { ecdsaShare: params.backupEcdsaShare, frostShare: params.backupFrostShare } as never,
      ['STORED_CLIENT_BACKUP_SHARE'],
    );
    // As enclave-sim: a signing pair of the curve was ejected (by any device) → the key is out in full.
    if (this.reportsKeyExported)
      for (const np of [out.ecdsa, out.frost])
        if (
          np &&
          [...this.pairs.values()].some(
            (p) =>
              p.walletId === auth.walletId &&
              p.info.curve === np.pair.curve &&
              p.info.kind === 'signing' &&
              (p.info.status === 'EJECTED' || p.info.status === 'EJECT_PENDING'),
          )
        )
          np.keyExported = true;
    return out;
  }

  async revokePair(auth: EnclaveAuth, pairId: string): Promise<PairInfo> {
    this.gate('revokePair');
    this.auth(auth);
    const p = this.usable(pairId, auth.walletId, ['STORED_ENCLAVE', 'STORED_CLIENT_BACKUP_SHARE', 'REVOKED']);
    this.set(p, 'REVOKED');
    return p.info;
  }

  async status(auth: EnclaveAuth) {
    this.gate('status');
    const { wallet } = this.auth(auth);
    const pairs = [...this.pairs.values()].filter((p) => p.walletId === auth.walletId).map((p) => p.info);
    return {
      walletId: auth.walletId,
      pairs,
      eject: wallet.ejectableUntil ? { ejectableUntil: wallet.ejectableUntil } : {},
    };
  }

  async pairCheck(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ) {
    this.gate('pairCheck');
    this.auth(auth);
    const out: { ecdsa?: boolean; frost?: boolean } = {};
    if (params.ecdsaShare) {
      const p = this.usable(params.ecdsaShare.pairId, auth.walletId, ['STORED_CLIENT']);
      out.ecdsa =
        bytesToHex(G.multiply(this.ecdsaSecret(p, params.ecdsaShare)).toBytes(true)) === p.info.publicKey;
    }
    if (params.frostShare) {
      const p = this.usable(params.frostShare.pairId, auth.walletId, ['STORED_CLIENT']);
      out.frost =
        bytesToHex(B.multiply(mod(p.frost!.a + p.frost!.c, L)).toBytes()) ===
        bytesToHex(params.frostShare.verifyingShares.client);
    }
    return out;
  }

  async requestEject(auth: EnclaveAuth) {
    this.gate('requestEject');
    const { wallet } = this.auth(auth);
    wallet.ejectableUntil = new Date(Date.now() + 3_600_000).toISOString();
    return { ejectableUntil: wallet.ejectableUntil };
  }

  async eject(auth: EnclaveAuth, params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare }) {
    this.gate('eject');
    const { wallet } = this.auth(auth);
    if (!wallet.ejectableUntil || Date.parse(wallet.ejectableUntil) < Date.now())
      throw new EnclaveClientError('EJECT_WINDOW_CLOSED');
    const pe = this.usable(params.ecdsaShare!.pairId, auth.walletId, [
      'STORED_CLIENT',
      'EJECT_PENDING',
      'LOCKED',
    ]);
    const pf = this.usable(params.frostShare!.pairId, auth.walletId, [
      'STORED_CLIENT',
      'EJECT_PENDING',
      'LOCKED',
    ]);
    const x = this.ecdsaSecret(pe, params.ecdsaShare!);
    this.set(pe, 'EJECT_PENDING');
    this.set(pf, 'EJECT_PENDING');
    const a = pf.frost!.a;
    const publicKey = B.multiply(a).toBytes();
    return {
      ecdsa: {
        kind: 'secp256k1' as const,
        privateKey: le32BE(x),
        privateKeyHex: bytesToHex(le32BE(x)),
        pairId: pe.info.pairId,
      },
      frost: {
        kind: 'ed25519-scalar' as const,
        label: ED25519_SCALAR_LABEL,
        scalar: le32(a),
        scalarHex: bytesToHex(le32(a)),
        scalarBase58: '',
        publicKey,
        address: '',
        pairId: pf.info.pairId,
      },
      pairs: [pe.info, pf.info],
    };
  }

  async confirmEject(auth: EnclaveAuth, pairIds: string[]): Promise<PairInfo[]> {
    this.gate('confirmEject');
    this.auth(auth);
    return pairIds.map((id) => {
      const p = this.usable(id, auth.walletId, ['EJECT_PENDING', 'EJECTED']);
      this.set(p, 'EJECTED');
      return p.info;
    });
  }

  /** The full ed25519 scalar of a pair (for checking FROST share arithmetic in tests). */
  frostSecret(pairId: string): bigint {
    return this.pairs.get(pairId)!.frost!.a;
  }
}

function le32BE(x: bigint): Uint8Array {
  return hexToBytes(x.toString(16).padStart(64, '0'));
}

export { fromLe };
