/**
 * Shared plumbing of the wallet operations: the injected dependencies, the wallet record, device-key
 * authentication, opening the signing shares, and the step hook (progress + fault injection).
 */
import type { ChainRegistry } from '../chains/chain-registry.ts';
import type { EnclaveApi, EnclaveAuth, PairInfo, RecoveryAuth } from '../enclave/enclave-api.ts';
import { EnclaveClientError } from '../enclave/enclave-errors.ts';
import type { OperationProgress, WalletOperation } from '../messaging/page-messages.ts';
import { ed25519Signer } from '../mpc/channel/index.ts';
import type { EcdsaP2Share } from '../mpc/ecdsa/shares.ts';
import type { FrostClientShare } from '../mpc/frost/index.ts';
import type { ScryptParams } from '../vault/kdf.ts';
import type { Vault } from '../vault/vault.ts';
import { WalletError } from './errors.ts';
import type { RpcClientFactory } from './send.ts';
import { decodeEcdsaShare, decodeFrostClientShare } from './share-codec.ts';
import { deviceKeyRef, parseWalletData, shareRef, type WalletData } from './wallet-data.ts';

export interface EnclaveTarget {
  url: string;
  /** Hex ed25519 identity key the client must find in the handshake. */
  identityKey: string;
}

export type EnclaveConnector = (target: EnclaveTarget) => EnclaveApi | Promise<EnclaveApi>;

export interface WalletHooks {
  /** Fault injection (tests): called after each durable step; a throw aborts the operation right there. */
  crashAfter?: (op: WalletOperation, step: string) => void;
  onProgress?: (p: OperationProgress) => void;
}

export interface WalletServiceOptions {
  vault: Vault;
  connect: EnclaveConnector;
  /** Default enclave URL (settings may change it) and the build's pinned identity key (hex). */
  enclaveUrl: string;
  enclaveIdentityKey: string;
  chains?: ChainRegistry;
  rpc?: RpcClientFactory;
  hooks?: WalletHooks;
  /**
   * Runs each wallet operation; the extension passes src/platform's keepAwakeWhile so the browser does not
   * stop the background mid-exchange with the enclave (Firefox does not count WebSocket traffic as activity).
   */
  keepAwake?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Tests only: cheaper scrypt for backup files (default N = 2^18). */
  backupKdf?: ScryptParams;
}

export const ENCLAVE_URL_SETTING = 'wallet.enclaveUrl';

export interface LoadedWallet {
  id: string;
  data: WalletData;
}

export interface SigningShares {
  ecdsa: EcdsaP2Share;
  frost: FrostClientShare;
}

export class WalletCore {
  private progress: OperationProgress | null = null;
  /**
   * Decoded ECDSA client shares by pair id while unlocked: the enclave client keys its per-share signing
   * precomputation by object identity. Cleared on lock; never persisted.
   */
  private readonly ecdsaCache = new Map<string, EcdsaP2Share>();

  constructor(readonly opts: WalletServiceOptions) {}

  get vault(): Vault {
    return this.opts.vault;
  }

  currentProgress(): OperationProgress | null {
    return this.progress;
  }

  /** Mark a durable step: report progress, then give the fault-injection hook its chance to abort. */
  step(operation: WalletOperation, step: string, done: number, total: number): void {
    this.progress = done >= total ? null : { operation, step, done, total };
    this.opts.hooks?.onProgress?.({ operation, step, done, total });
    this.opts.hooks?.crashAfter?.(operation, step);
  }

  clearProgress(): void {
    this.progress = null;
  }

  async wallet(): Promise<LoadedWallet | undefined> {
    if (!(await this.vault.exists())) return undefined;
    const recs = await this.vault.wallets.list();
    const rec = recs[0];
    if (!rec) return undefined;
    const data = parseWalletData(rec.data);
    return data ? { id: rec.id, data } : undefined;
  }

  async requireWallet(): Promise<LoadedWallet> {
    const w = await this.wallet();
    if (!w) throw new WalletError('NO_WALLET');
    return w;
  }

  async saveWallet(w: LoadedWallet): Promise<void> {
    await this.vault.wallets.put(w.id, w.data as unknown as Record<string, unknown>);
  }

  async enclaveUrl(): Promise<string> {
    const url = await this.vault.settings.get<string>(ENCLAVE_URL_SETTING).catch(() => undefined);
    return typeof url === 'string' && url ? url : this.opts.enclaveUrl;
  }

  async enclave(identityKey: string): Promise<EnclaveApi> {
    if (!/^[0-9a-f]{64}$/.test(identityKey))
      throw new WalletError('ENCLAVE_IDENTITY_MISMATCH', 'no pinned enclave identity');
    return this.opts.connect({ url: await this.enclaveUrl(), identityKey });
  }

  async deviceAuth(w: LoadedWallet): Promise<EnclaveAuth> {
    const rec = await this.vault.shares.get(deviceKeyRef(w.id));
    if (!rec) throw new WalletError('INTERNAL', 'device key missing');
    try {
      return { walletId: w.id, deviceKey: ed25519Signer(rec.plaintext) };
    } finally {
      rec.plaintext.fill(0);
    }
  }

  forgetShares(): void {
    this.ecdsaCache.clear();
  }

  /** The active (or pending) client shares of the given pair ids; the vault must be unlocked. */
  async openShares(
    w: LoadedWallet,
    pairs: WalletData['signingPairs'] = w.data.signingPairs,
    status: 'active' | 'pending' = 'active',
  ): Promise<SigningShares> {
    if (!(await this.vault.isUnlocked())) {
      this.forgetShares();
      throw new WalletError('LOCKED');
    }
    const f = await this.vault.shares.get(shareRef(w.id, 'ed25519', pairs.ed25519), { expectStatus: status });
    const cached = status === 'active' ? this.ecdsaCache.get(pairs.secp256k1) : undefined;
    const e = cached
      ? undefined
      : await this.vault.shares.get(shareRef(w.id, 'secp256k1', pairs.secp256k1), { expectStatus: status });
    if (!f || (!cached && !e)) {
      e?.plaintext.fill(0);
      f?.plaintext.fill(0);
      throw new WalletError('INTERNAL', 'client share missing');
    }
    try {
      const ecdsa = cached ?? decodeEcdsaShare(e!.plaintext);
      if (!cached && status === 'active') {
        this.ecdsaCache.clear();
        this.ecdsaCache.set(pairs.secp256k1, ecdsa);
      }
      return { ecdsa, frost: decodeFrostClientShare(f.plaintext) };
    } finally {
      e?.plaintext.fill(0);
      f.plaintext.fill(0);
    }
  }
}

/** True when the enclave says the pair no longer exists or cannot be confirmed (expired, revoked). */
export function isPairGone(e: unknown): boolean {
  return e instanceof EnclaveClientError && (e.code === 'UNKNOWN_PAIR' || e.code === 'PAIR_NOT_USABLE');
}

export function pairsHaveStatus(infos: PairInfo[], ids: string[], status: PairInfo['status']): boolean {
  return ids.every((id) => infos.some((p) => p.pairId === id && p.status === status));
}

/** Best-effort wipe of a share's secret parts (JS cannot wipe bigints; bytes we can). */
export function wipeShares(s: Partial<SigningShares> | undefined): void {
  s?.frost?.signingShare.fill(0);
}

/**
 * The last step of generate and recover: the enclave confirms the new signing pairs (STORED_CLIENT) under
 * `auth`, then, in one vault transaction, the pending shares become active, the wallet ready and the
 * journal entry done.
 */
export async function confirmAndActivateSigningPairs(
  core: WalletCore,
  w: LoadedWallet,
  auth: EnclaveAuth | RecoveryAuth,
  entryId: string,
): Promise<void> {
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const ids = [w.data.signingPairs.secp256k1, w.data.signingPairs.ed25519];
  const infos = await enclave.confirmPairs(auth, ids);
  if (!pairsHaveStatus(infos, ids, 'STORED_CLIENT')) throw new WalletError('ENCLAVE_FAULT', 'not confirmed');
  await core.vault.write([
    { type: 'activateShare', ref: shareRef(w.id, 'secp256k1', w.data.signingPairs.secp256k1) },
    { type: 'activateShare', ref: shareRef(w.id, 'ed25519', w.data.signingPairs.ed25519) },
    { type: 'putWallet', id: w.id, data: { ...w.data, state: 'ready' } },
    { type: 'journalComplete', id: entryId },
  ]);
}
