/**
 * The extension's typed API to the enclave service (SPEC §4, §7), implemented by `EnclaveClient`
 * (enclave-client.ts). The wallet service (`src/wallet/`) drives it; this module holds no state beyond one
 * call: every method opens a secure channel (pinned identity key, device-key challenge–response), runs the
 * CLIENT side of the MPC state machines of `src/mpc`, and returns the client's new share objects **in
 * memory only**. Storing them (sealed in the vault) and confirming them afterwards is the caller's job,
 * in this order (SPEC §4.1/§4.6): store the new share as pending → `confirmPairs` → only then erase an
 * old share. Every refusal is an `EnclaveClientError` with a stable `code` (enclave-errors.ts).
 */

import type { ChannelSigner } from '../mpc/channel/index.ts';
import type { EcdsaP2Share } from '../mpc/ecdsa/shares.ts';
import type { EcdsaSignature } from '../mpc/ecdsa/signature.ts';
import type { EjectedEd25519Key, FrostClientShare, FrostSignature } from '../mpc/frost/index.ts';

export type { ChannelSigner };
export type Curve = 'secp256k1' | 'ed25519';
export type PairKind = 'signing' | 'backup';
/** Enclave-side pair statuses of SPEC §2. */
export type PairStatus =
  | 'STORED_ENCLAVE'
  | 'STORED_CLIENT'
  | 'STORED_CLIENT_BACKUP_SHARE'
  | 'EJECT_PENDING'
  | 'REVOKED'
  | 'LOCKED'
  | 'EJECTED';

/** The client half of an ECDSA pair (x2 and the public values it verified at key generation). */
export type EcdsaClientShare = EcdsaP2Share;
export type { FrostClientShare };

/** What the enclave reports about one pair. All times ISO-8601. */
export interface PairInfo {
  pairId: string;
  curve: Curve;
  kind: PairKind;
  status: PairStatus;
  createdAt: string;
  updatedAt: string;
  /** Set while STORED_ENCLAVE: the pair is discarded after this time unless confirmed. */
  expiresAt?: string;
  /** The pair this one was derived from (refresh, backup, recovery). */
  derivedFrom?: string;
  /** The wallet's public key on this curve, hex (secp256k1 compressed 33 bytes; ed25519 32 bytes). */
  publicKey: string;
}

/** Authentication of a session: the wallet and the registered device key (or the recovery key). */
export interface EnclaveAuth {
  walletId: string;
  /** ed25519 signer of the device key (`ed25519Signer(secretKey)` from src/mpc/channel). */
  deviceKey: ChannelSigner;
}

export interface RecoveryAuth {
  walletId: string;
  /** The recovery key from the backup file (ed25519). */
  recoveryKey: ChannelSigner;
}

export interface CreateWalletParams {
  /** The new device key (ed25519); its public key is registered with the wallet. */
  deviceKey: ChannelSigner;
  /** Public key (ed25519, 32 bytes) of the recovery key that goes into backup files. */
  recoveryPublicKey: Uint8Array;
}

export interface CreatedWallet {
  walletId: string;
  /** Client shares of the new signing pairs: store them (pending), then `confirmPairs`. */
  ecdsaShare: EcdsaClientShare;
  frostShare: FrostClientShare;
  /** Both pairs, STORED_ENCLAVE until confirmed. */
  pairs: PairInfo[];
}

/**
 * What to co-sign on secp256k1. The enclave hashes the payload itself (SPEC §5.3 item 10); `digest` is
 * accepted only by enclaves started with `--dev-raw-digests` (test builds).
 */
export type EcdsaPayload =
  | { kind: 'personal'; message: Uint8Array } // EIP-191 personal_sign message bytes
  | { kind: 'typedData'; json: string } // EIP-712 v4 typed data as JSON text (domain, types, primaryType, message)
  | { kind: 'transaction'; serialized: `0x${string}` } // viem-serialized unsigned EVM transaction
  | { kind: 'digest'; digest: Uint8Array }; // raw 32 bytes, test builds only

export interface EcdsaCosignResult {
  /** (r, s, v) low-s, verified by the client against the wallet public key before it is returned. */
  signature: EcdsaSignature;
  /** The 32-byte digest that was signed (both sides computed it from the payload). */
  digest: Uint8Array;
}

export interface NewPair<S> {
  share: S;
  pair: PairInfo;
  /** The pair it was derived from: retired on confirmation (refresh, recovery) or kept (backup). */
  previousPairId: string;
  /**
   * Recovery only: the enclave reports that a signing pair of this wallet on this curve was ejected
   * (EJECTED or EJECT_PENDING), i.e. the full key exists outside the enclave on another device.
   */
  keyExported?: boolean;
}

/** Result of refresh / createBackupPair / recover: one entry per curve that was asked for. */
export interface NewPairs {
  ecdsa?: NewPair<EcdsaClientShare>;
  frost?: NewPair<FrostClientShare>;
}

export interface EjectedSecp256k1Key {
  kind: 'secp256k1';
  /** The full private key (32 bytes) and its hex; (x1 + x2)·G = Q was checked. */
  privateKey: Uint8Array;
  privateKeyHex: string;
  pairId: string;
}

export interface EjectResult {
  ecdsa?: EjectedSecp256k1Key;
  frost?: EjectedEd25519Key;
  /** Pairs now EJECT_PENDING: store the keys durably, then `confirmEject` to let the enclave erase its half. */
  pairs: PairInfo[];
}

export interface EjectPolicy {
  /** End of the eject window, when one is open. */
  ejectableUntil?: string;
  /** Self-service: the time a requested window opens (after the configured delay). */
  ejectableFrom?: string;
}

/** A signing pair on `curve` released its enclave half (eject): the full key exists on some device. */
export function keyExportedOn(pairs: readonly PairInfo[], curve: Curve): boolean {
  return pairs.some(
    (p) =>
      p.curve === curve && p.kind === 'signing' && (p.status === 'EJECTED' || p.status === 'EJECT_PENDING'),
  );
}

export interface WalletStatus {
  walletId: string;
  pairs: PairInfo[];
  eject: EjectPolicy;
}

export interface PairCheckResult {
  /** true when the mutual proofs of knowledge passed and the shares combine to the public key. */
  ecdsa?: boolean;
  frost?: boolean;
}

export interface EnclaveApi {
  /** Key generation for both curves; registers the device key and the recovery public key. */
  createWallet(params: CreateWalletParams): Promise<CreatedWallet>;
  /**
   * Confirm that the client stored its halves durably. Signing pairs → STORED_CLIENT (a refreshed pair
   * retires the one it replaces, in one enclave transaction); backup pairs → STORED_CLIENT_BACKUP_SHARE.
   * Idempotent. With `RecoveryAuth`, confirms a recovery and switches the wallet to its new device key.
   */
  confirmPairs(auth: EnclaveAuth | RecoveryAuth, pairIds: string[]): Promise<PairInfo[]>;
  signEcdsa(
    auth: EnclaveAuth,
    params: { share: EcdsaClientShare; payload: EcdsaPayload },
  ): Promise<EcdsaCosignResult>;
  /** FROST co-signature of message bytes, strictly verified (`zip215: false`) before it is returned. */
  signEd25519(
    auth: EnclaveAuth,
    params: { share: FrostClientShare; message: Uint8Array },
  ): Promise<FrostSignature>;
  /** Proactive refresh: new signing pairs (STORED_ENCLAVE) for the same public keys. */
  refresh(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ): Promise<NewPairs>;
  /** A backup pair per curve (a refresh that keeps the signing pair). */
  createBackupPair(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ): Promise<NewPairs>;
  /**
   * Recovery from a backup file: proves knowledge of the backup client shares, derives new signing pairs
   * from the backup pairs (which stay), and registers `newDeviceKey` (pending until `confirmPairs` with the
   * same RecoveryAuth, which revokes the previous signing pairs and device key in one transaction).
   */
  recover(
    auth: RecoveryAuth,
    params: {
      newDevicePublicKey: Uint8Array;
      backupEcdsaShare?: EcdsaClientShare;
      backupFrostShare?: FrostClientShare;
    },
  ): Promise<NewPairs>;
  /** Revoke a backup pair (an old backup file plus its password is a takeover credential). */
  revokePair(auth: EnclaveAuth, pairId: string): Promise<PairInfo>;
  status(auth: EnclaveAuth): Promise<WalletStatus>;
  /** Mutual proofs of knowledge bound to a fresh session id, per given share. */
  pairCheck(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ): Promise<PairCheckResult>;
  /** Self-service eject: asks the enclave to open a window after its configured delay. */
  requestEject(auth: EnclaveAuth): Promise<EjectPolicy>;
  /** Eject inside the window (re-sends allowed for 24 h): returns the full keys, checked against the public keys. */
  eject(
    auth: EnclaveAuth,
    params: { ecdsaShare?: EcdsaClientShare; frostShare?: FrostClientShare },
  ): Promise<EjectResult>;
  /** After storing the ejected keys: the pairs become EJECTED and the enclave erases its halves. */
  confirmEject(auth: EnclaveAuth, pairIds: string[]): Promise<PairInfo[]>;
  /** Close the channels kept open for co-signing (the wallet locked). Optional: fakes may keep none. */
  releaseChannels?(): void;
}
