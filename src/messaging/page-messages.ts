/**
 * The typed message API between the extension's own pages (popup, onboarding, approval) and the background.
 * Each request type maps to its response type; the background refuses these from content scripts and pages.
 *
 * Secrets that cross this boundary: passwords (page → background, never echoed back), the backup file text
 * (sealed; page ↔ background for download and re-verification) and the ejected private keys (shown once:
 * returned by `eject.confirm`, or by `eject.exportedKeys` behind the password while no page has confirmed
 * displaying them with `eject.keysShown`). Shares never cross it.
 */
import type { ApprovalView } from '../provider/approvals/approval-types.ts';
import type { SolanaPageRequests } from '../provider/solana/solana-page-api.ts';

export interface EnclaveStatus {
  reachable: boolean;
  url: string;
  service?: string;
  versions?: number[];
  error?: string;
}

export type CurveName = 'secp256k1' | 'ed25519';

/** A wallet's public identity: one address per curve. */
export interface WalletAddresses {
  walletId: string;
  /** EIP-55 checksummed EVM address (secp256k1). */
  evm: string;
  /** Solana-style base58 address (ed25519 public key). */
  solana: string;
}

/** The wallet as the pages see it. `locked` means a wallet exists but the vault is locked. */
export interface WalletStatus {
  state: 'no-wallet' | 'locked' | 'unlocked';
  /** Present whenever a wallet exists (addresses are public and shown even when locked). */
  addresses?: WalletAddresses;
  /** The keys were exported (eject): the wallet signs locally and shows "key exported" permanently. */
  keyExported: boolean;
  /** The exported keys were displayed once (SPEC §4.7 "shown once"): they are never shown again. */
  exportedKeysShown: boolean;
  /** Another device recovered this wallet from a backup: this device's pair was revoked. */
  restoredElsewhere: boolean;
  /**
   * Another device exported (ejected) this wallet's key: this device still co-signs, but the key exists in
   * full elsewhere, so the wallet warns permanently to move the funds. Never set together with keyExported's
   * meaning of "this device holds the key" (absent from older background builds = false).
   */
  keyExportedElsewhere?: boolean;
  /** No verified, unrevoked backup yet: onboarding/popup should lead to the backup. */
  needsBackup: boolean;
  /** Journal entries still unresolved (resolved at unlock). */
  pendingOperations: number;
  autoLockMinutes: number;
  /** After wrong passwords: milliseconds to wait before the next unlock attempt is accepted. */
  unlockRetryAfterMs?: number;
}

export type WalletOperation = 'generate' | 'refresh' | 'backup' | 'recover' | 'eject' | 'send';

/** Progress of the running long operation, broadcast as a {@link PageEvent} and also pollable. */
export interface OperationProgress {
  operation: WalletOperation;
  /** Stable step name, e.g. 'ecdsa-keygen', 'frost-dkg', 'seal', 'confirm'. */
  step: string;
  done: number;
  total: number;
}

export interface BackupInfo {
  backupId: string;
  createdAt: number;
  lastVerifiedAt?: number;
  revokedAt?: number;
  /** unverified: file exported, not yet re-read; verified: confirmed STORED_CLIENT_BACKUP_SHARE. */
  status: 'unverified' | 'verified' | 'revoked';
}

export interface HealthCheck {
  id:
    | 'share-decrypts'
    | 'pair-check'
    | 'signing-pair-status'
    | 'backup-pair-status'
    | 'backup-verified-recently'
    | 'refreshed-recently'
    | 'journal-clear'
    | 'enclave-reachable'
    | 'key-exported-elsewhere';
  curve?: CurveName;
  ok: boolean;
  /** What was found and, when not ok, what to do. Never contains a secret. */
  message: string;
}

export interface HealthReport {
  ok: boolean;
  checkedAt: number;
  checks: HealthCheck[];
}

export interface WalletSettings {
  enclaveUrl: string;
  /** RPC URL per chain id (decimal string keys); missing chains use the built-in default. */
  rpcUrls: Record<string, string>;
  autoLockMinutes: number;
}

export interface ConnectedSiteInfo {
  origin: string;
  accounts: string[];
  chainId?: number;
  connectedAt: number;
  lastUsedAt: number;
}

export interface FeeEstimate {
  chainId: number;
  gas: string;
  /** Wei, decimal strings. EIP-1559 chains set maxFeePerGas/maxPriorityFeePerGas, legacy ones gasPrice. */
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  gasPrice?: string;
  /** Upper bound of the fee in wei (gas × max fee), and formatted in the chain's native unit. */
  maxFeeWei: string;
  maxFeeFormatted: string;
  symbol: string;
}

/** Native transfer: `amount` is a decimal string in the chain's native unit (e.g. "0.01" ETH). */
export interface NativeTransfer {
  to: string;
  amount: string;
  chainId: number;
}

/** Sweep: move the whole native balance of the wallet's EVM address on `chainId` to `to` (an EOA). */
export interface EvmSweepRequest {
  to: string;
  chainId: number;
}

/** What a sweep moves: balance − gas × max fee per gas (wei, decimal strings), and the fee bound. */
export interface EvmSweepQuote {
  chainId: number;
  chainName: string;
  /** The wallet's address and the destination, both EIP-55. */
  from: string;
  to: string;
  balanceWei: string;
  amountWei: string;
  /** The amount in the chain's native unit (symbol in `fee.symbol`). */
  amountFormatted: string;
  fee: FeeEstimate;
  /** EIP-1559: the chain charges at most the bound and the unused part stays, so a little dust may remain. */
  dustMayRemain: boolean;
}

export interface EjectedKeys {
  /** secp256k1 private key, 0x-prefixed hex. */
  evmPrivateKey: string;
  /** ed25519 signing scalar (NOT an RFC 8032 seed: seed-based Solana wallets cannot import it), hex. */
  solanaScalar: string;
  addresses: WalletAddresses;
}

type Empty = Record<string, never>;

// SOLANA: the popup's Solana requests (clusters, SOL balance, send SOL) are in src/provider/solana/solana-page-api.ts.
export interface PageRequests extends SolanaPageRequests {
  'status.get': {
    request: Empty;
    response: { enclave: EnclaveStatus; chainId: number; chainName: string };
  };
  'wallet.status': { request: Empty; response: WalletStatus };
  'wallet.unlock': { request: { password: string }; response: WalletStatus };
  'wallet.lock': { request: Empty; response: WalletStatus };
  'wallet.changePassword': { request: { oldPassword: string; newPassword: string }; response: WalletStatus };
  /** Create the vault with `password` and run DKG for both curves; progress via 'wallet.progress' events. */
  'wallet.generate': { request: { password: string }; response: WalletAddresses };
  'wallet.progress': { request: Empty; response: OperationProgress | null };
  'wallet.addresses': { request: Empty; response: WalletAddresses };
  /** Backup pair per curve + sealed backup file; the page offers `fileText` for download as `fileName`. */
  'backup.create': {
    request: { backupPassword: string };
    response: { backupId: string; fileText: string; fileName: string };
  };
  /** Re-read the file the user saved: confirms the backup pair only if it decrypts and matches. */
  'backup.verify': { request: { fileText: string; backupPassword: string }; response: BackupInfo };
  'backup.list': { request: Empty; response: { backups: BackupInfo[] } };
  'backup.revoke': { request: { backupId: string }; response: { backups: BackupInfo[] } };
  /** Fresh install or forgotten password: recover from the backup file into a new vault. */
  'wallet.recover': {
    request: { fileText: string; backupPassword: string; newPassword: string };
    response: WalletAddresses;
  };
  'wallet.refresh': { request: Empty; response: { refreshedAt: number } };
  /** Admin/customer role: open the eject window until `ejectableUntil` (ms since epoch). */
  'eject.enable': { request: { ejectableUntil: number }; response: { ejectableUntil: number } };
  /** Self-service: ask the enclave to open the eject window (policy delay applies). */
  'eject.start': { request: Empty; response: { ejectableUntil: number } };
  /** Reconstruct and return the full keys, once; afterwards the wallet signs locally ("key exported"). */
  /** PAGES: the password is asked again before the keys are shown (re-authentication, not decryption). */
  'eject.confirm': { request: { password: string }; response: EjectedKeys };
  /**
   * Ejected wallets whose keys never reached the screen (worker died, popup closed during the eject): the
   * stored full keys, after the wallet password. KEY_NOT_EXPORTED if not ejected, KEY_ALREADY_SHOWN once a
   * page confirmed displaying them (checked before the password).
   */
  'eject.exportedKeys': { request: { password: string }; response: EjectedKeys };
  /** A page displayed the ejected keys: recorded once (idempotent; the first time is kept). */
  'eject.keysShown': { request: Empty; response: { shownAt: number } };
  'health.check': { request: Empty; response: HealthReport };
  'send.estimate': { request: NativeTransfer; response: FeeEstimate };
  'send.native': { request: NativeTransfer; response: { txHash: string; fee: FeeEstimate } };
  /** What sweeping the whole native balance to `to` would move now (read-only). */
  'sweep.evm.quote': { request: EvmSweepRequest; response: EvmSweepQuote };
  /** Sweep: re-reads balance and fees, signs (co-signed or, after eject, locally), broadcasts. */
  'sweep.evm': { request: EvmSweepRequest; response: EvmSweepQuote & { txHash: string } };
  'settings.get': { request: Empty; response: WalletSettings };
  'settings.set': { request: Partial<WalletSettings>; response: WalletSettings };
  'sites.list': { request: Empty; response: { sites: ConnectedSiteInfo[] } };
  'sites.revoke': { request: { origin: string }; response: { sites: ConnectedSiteInfo[] } };
  // ---- added by PAGES (popup needs; WALLET owns this file, adjust freely) ----
  /** Known EVM chains (built-in and added) and the selected one, for the popup's network selector. */
  'chains.list': { request: Empty; response: { chains: ChainSummary[]; selectedChainId: number } };
  /** Select the active chain (dApps get chainChanged). */
  'chains.select': { request: { chainId: number }; response: { selectedChainId: number } };
  /** Native balance of the wallet's EVM address on the selected chain. */
  'balance.get': { request: Empty; response: NativeBalance };
  // ---- end of PAGES block ----
  // ---- PROVIDER block: the approval window (src/ui/approval) ----
  /** The oldest pending dApp request (what the approval window shows), or null. */
  'approval.current': { request: Empty; response: ApprovalView | null };
  /** Approve or reject one request by id; answers with the next one to show (null: close the window). */
  'approval.decide': { request: { id: string; approved: boolean }; response: ApprovalView | null };
  // ---- end of PROVIDER block ----
}

/** PAGES: one chain as the network selector shows it. */
export interface ChainSummary {
  chainId: number;
  name: string;
  symbol: string;
  rpcUrl: string;
}

/** PAGES: a native balance; `wei` in decimal, `formatted` in the chain's unit (e.g. "1.5"). */
export interface NativeBalance {
  chainId: number;
  wei: string;
  formatted: string;
  symbol: string;
}

export type PageRequestType = keyof PageRequests;

export interface PageMessage<T extends PageRequestType = PageRequestType> {
  channel: 'twofold:page';
  type: T;
  payload: PageRequests[T]['request'];
}

export type PageResult<T extends PageRequestType> =
  | { ok: true; value: PageRequests[T]['response'] }
  | { ok: false; error: { code: string; message: string } };

/** Background → pages broadcasts (runtime.sendMessage); pages listen with runtime.onMessage. */
export type PageEvent =
  | { channel: 'twofold:event'; type: 'progress'; progress: OperationProgress }
  | { channel: 'twofold:event'; type: 'status'; status: WalletStatus };

/**
 * Stable error codes the pages may branch on (besides FORBIDDEN / UNKNOWN_REQUEST / INTERNAL of the server).
 */
export type PageErrorCode =
  | 'LOCKED'
  | 'NO_WALLET'
  | 'WALLET_EXISTS'
  | 'WRONG_PASSWORD'
  | 'TOO_MANY_ATTEMPTS'
  | 'WEAK_PASSWORD'
  | 'SAME_PASSWORD'
  | 'BAD_BACKUP_FILE'
  | 'WRONG_BACKUP_PASSWORD'
  | 'BACKUP_MISMATCH'
  | 'ENCLAVE_UNREACHABLE'
  | 'ENCLAVE_IDENTITY_MISMATCH'
  | 'ENCLAVE_FAULT'
  | 'ENCLAVE_REFUSED'
  /** The enclave is draining for a restart (SHUTTING_DOWN): retry shortly. */
  | 'ENCLAVE_RESTARTING'
  /** The enclave's rate limits or connection caps refused the request (RATE_LIMITED): wait, then retry. */
  | 'ENCLAVE_BUSY'
  | 'EJECT_NOT_ALLOWED'
  | 'KEY_EXPORTED'
  /** "Show exported keys" on a wallet that was never ejected. */
  | 'KEY_NOT_EXPORTED'
  /** "Show exported keys" after a page already displayed them once. */
  | 'KEY_ALREADY_SHOWN'
  | 'RESTORED_ELSEWHERE'
  | 'BUSY'
  | 'INVALID_ARGUMENT'
  | 'RPC_ERROR'
  | 'INSUFFICIENT_FUNDS'
  /** Sweep: the destination is invalid, the wallet itself, or (EVM) a contract. */
  | 'BAD_DESTINATION'
  /** Sweep: after the network fee nothing (or, on Solana, less than the rent-exempt minimum) would move. */
  | 'NOTHING_TO_SWEEP';
