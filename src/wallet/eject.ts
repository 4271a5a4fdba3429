/**
 * enableEject / eject (SPEC §4.7). The enclave releases its halves inside the secure channel (the client
 * proved knowledge of its shares); the client checks the full keys against the public keys, stores them
 * sealed, and only then confirms so the enclave erases its halves. From then on the wallet signs locally
 * and shows "key exported".
 *
 * Journal: 'begun' → keys released → 'stored' (sealed keys written with the entry's step) → confirmEject →
 * done. Resolution: 'begun' asks the enclave first: if it already released a half (EJECT_PENDING pairs no
 * longer co-sign) the eject is run again (the enclave re-sends for 24 h) and finished, else the entry is
 * dropped and the wallet co-signs as before; 'stored' confirms again and marks the wallet exported.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { EnclaveApi, EnclaveAuth, WalletStatus as EnclaveWalletStatus } from '../enclave/enclave-api.ts';
import type { EjectedKeys } from '../messaging/page-messages.ts';
import type { JournalEntry } from '../vault/journal.ts';
import { WalletError } from './errors.ts';
import { fromHex, hex } from './keys.ts';
import { type LoadedWallet, type WalletCore, wipeShares } from './wallet-core.ts';
import { ejectedKeyRef, type WalletData } from './wallet-data.ts';

export const EJECT_OP = 'eject';
const TOTAL = 4;

interface EjectJournal {
  walletId: string;
  pairIds?: string[];
}

export async function requestEject(core: WalletCore, w: LoadedWallet): Promise<number> {
  if (w.data.keyExportedAt !== undefined) throw new WalletError('KEY_EXPORTED');
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const policy = await enclave.requestEject(await core.deviceAuth(w));
  const until = Date.parse(policy.ejectableUntil ?? '');
  if (!Number.isFinite(until)) throw new WalletError('EJECT_NOT_ALLOWED');
  return until;
}

function leScalar(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]!);
  return x;
}

export async function ejectWallet(core: WalletCore, w: LoadedWallet): Promise<EjectedKeys> {
  if (w.data.keyExportedAt !== undefined) throw new WalletError('KEY_EXPORTED');
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const auth = await core.deviceAuth(w);
  const entryId = await core.vault.journal.begin(EJECT_OP, { walletId: w.id } satisfies EjectJournal, {
    walletId: w.id,
    step: 'begun',
  });
  core.step('eject', 'begun', 1, TOTAL);
  const keys = await releaseAndStore(core, w, { enclave, auth, entryId, reveal: true });
  core.step('eject', 'done', TOTAL, TOTAL);
  return keys!;
}

/**
 * Fetch the enclave's halves, check and store the full keys, confirm. `reveal` builds the keys to show the
 * user (the eject call); resolution after a crash stores them without making strings of them.
 */
async function releaseAndStore(
  core: WalletCore,
  w: LoadedWallet,
  {
    enclave,
    auth,
    entryId,
    reveal,
  }: { enclave: EnclaveApi; auth: EnclaveAuth; entryId: string; reveal: boolean },
): Promise<EjectedKeys | undefined> {
  const shares = await core.openShares(w);
  let res: Awaited<ReturnType<typeof enclave.eject>>;
  try {
    res = await enclave.eject(auth, { ecdsaShare: shares.ecdsa, frostShare: shares.frost });
  } finally {
    wipeShares(shares);
  }
  const ek = res.ecdsa;
  const fk = res.frost;
  try {
    if (!ek || !fk) throw new WalletError('ENCLAVE_FAULT', 'missing key');
    // (x1 + x2)·G = Q and a·G = A, checked here again before anything is stored or shown.
    if (hex(secp256k1.getPublicKey(ek.privateKey, true)) !== w.data.publicKeys.secp256k1)
      throw new WalletError('ENCLAVE_FAULT', 'secp256k1 key mismatch');
    const a = leScalar(fk.scalar);
    if (
      a === 0n ||
      !ed25519.Point.BASE.multiply(a % ed25519.Point.Fn.ORDER).equals(
        ed25519.Point.fromBytes(fromHex(w.data.publicKeys.ed25519)),
      )
    )
      throw new WalletError('ENCLAVE_FAULT', 'ed25519 key mismatch');
    core.step('eject', 'released', 2, TOTAL);
    const pairIds = res.pairs.map((p) => p.pairId);
    await core.vault.write([
      { type: 'putShare', ref: ejectedKeyRef(w.id, 'secp256k1'), status: 'active', plaintext: ek.privateKey },
      { type: 'putShare', ref: ejectedKeyRef(w.id, 'ed25519'), status: 'active', plaintext: fk.scalar },
      { type: 'journalUpdate', id: entryId, step: 'stored', data: { walletId: w.id, pairIds } },
    ]);
    core.step('eject', 'stored', 3, TOTAL);
    await finishEject(core, w, entryId, pairIds);
    if (!reveal) return undefined;
    return {
      evmPrivateKey: `0x${hex(ek.privateKey)}`,
      solanaScalar: hex(fk.scalar),
      addresses: { walletId: w.id, ...w.data.addresses },
    };
  } finally {
    ek?.privateKey.fill(0);
    fk?.scalar.fill(0);
  }
}

async function finishEject(
  core: WalletCore,
  w: LoadedWallet,
  entryId: string,
  pairIds: string[],
): Promise<void> {
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  await enclave.confirmEject(await core.deviceAuth(w), pairIds);
  const data: WalletData = { ...w.data, keyExportedAt: core.vault.clock.now() };
  await core.vault.write([
    { type: 'putWallet', id: w.id, data: data as unknown as Record<string, unknown> },
    { type: 'journalComplete', id: entryId },
  ]);
  w.data = data;
}

/** True when the enclave has marked one of the wallet's signing pairs EJECT_PENDING (its half was sent). */
function released(status: EnclaveWalletStatus, w: LoadedWallet): boolean {
  const ours = Object.values(w.data.signingPairs);
  return status.pairs.some((p) => ours.includes(p.pairId) && p.status === 'EJECT_PENDING');
}

export async function resolveEject(core: WalletCore, entry: JournalEntry): Promise<void> {
  const j = entry.data as EjectJournal;
  const w = await core.wallet();
  if (!w || w.id !== j.walletId || w.data.keyExportedAt !== undefined) {
    await core.vault.journal.complete(entry.id);
    return;
  }
  if (entry.step === 'stored' && j.pairIds) {
    await finishEject(core, w, entry.id, j.pairIds);
    return;
  }
  // Killed after the enclave released its halves but before the keys were stored: those pairs can no longer
  // co-sign, so dropping the entry would leave a wallet that signs neither way. Fetch the keys again.
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const auth = await core.deviceAuth(w);
  if (released(await enclave.status(auth), w)) {
    await releaseAndStore(core, w, { enclave, auth, entryId: entry.id, reveal: false });
    return;
  }
  await core.vault.journal.complete(entry.id);
}
