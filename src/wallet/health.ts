/**
 * checkHealth (SPEC §4.8): `ok` only if, per curve, the client share decrypts and matches its public share,
 * a pair check with the enclave passes, the enclave reports the signing pair STORED_CLIENT and a backup pair
 * STORED_CLIENT_BACKUP_SHARE; the backup file was re-verified within 90 days; the last refresh is within 30
 * days; and no journal entry is pending. Each failing check says what to do. A wallet whose key another
 * device exported (SPEC §4.7) is never ok: the key exists in full outside the enclave.
 */
import { type WalletStatus as EnclaveWalletStatus, keyExportedOn } from '../enclave/enclave-api.ts';
import type { CurveName, HealthCheck, HealthReport } from '../messaging/page-messages.ts';
import { toWalletError } from './errors.ts';
import { hex } from './keys.ts';
import { type LoadedWallet, type SigningShares, type WalletCore, wipeShares } from './wallet-core.ts';
import { CURVES } from './wallet-data.ts';

const DAY = 86_400_000;
export const BACKUP_VERIFY_MAX_AGE_MS = 90 * DAY;
export const REFRESH_MAX_AGE_MS = 30 * DAY;

export async function checkHealth(core: WalletCore, w: LoadedWallet): Promise<HealthReport> {
  const now = core.vault.clock.now();
  const checks: HealthCheck[] = [];
  const add = (c: HealthCheck) => checks.push(c);

  const pending = await core.vault.journal.listPending();
  add({
    id: 'journal-clear',
    ok: pending.length === 0,
    message:
      pending.length === 0
        ? 'No interrupted operation.'
        : 'An interrupted operation is waiting: unlock the wallet while online to finish it.',
  });

  if (w.data.keyExportedAt !== undefined) {
    add({
      id: 'signing-pair-status',
      ok: false,
      message: 'Key exported: this wallet signs locally now. Move your funds to a new wallet.',
    });
    return { ok: false, checkedAt: now, checks };
  }

  let shares: SigningShares | undefined;
  try {
    shares = await core.openShares(w);
    const okE = hex(shares.ecdsa.Q) === w.data.publicKeys.secp256k1;
    const okF = hex(shares.frost.groupKey) === w.data.publicKeys.ed25519;
    add(shareCheck('secp256k1', okE));
    add(shareCheck('ed25519', okF));
  } catch {
    for (const c of CURVES) add(shareCheck(c, false));
  }

  let status: EnclaveWalletStatus | undefined;
  try {
    const enclave = await core.enclave(w.data.enclaveIdentityKey);
    const auth = await core.deviceAuth(w);
    status = await enclave.status(auth);
    add({
      id: 'enclave-reachable',
      ok: true,
      message: 'The signing service answers and proves its identity.',
    });
    if (shares) {
      const pc = await enclave.pairCheck(auth, { ecdsaShare: shares.ecdsa, frostShare: shares.frost });
      for (const [curve, ok] of [
        ['secp256k1', pc.ecdsa === true],
        ['ed25519', pc.frost === true],
      ] as const)
        add({
          id: 'pair-check',
          curve,
          ok,
          message: ok
            ? 'Your share and the service share combine to the wallet key.'
            : 'The pair check failed: recover from your backup file.',
        });
    }
  } catch (e) {
    add({ id: 'enclave-reachable', ok: false, message: toWalletError(e).message });
  } finally {
    wipeShares(shares);
  }

  for (const curve of CURVES) {
    const signing = status?.pairs.find((p) => p.pairId === w.data.signingPairs[curve]);
    const sOk = signing?.status === 'STORED_CLIENT';
    add({
      id: 'signing-pair-status',
      curve,
      ok: sOk,
      message: sOk
        ? 'The signing pair is confirmed.'
        : signing
          ? `The signing pair is ${signing.status}: recover from your backup file or export the key.`
          : 'The signing pair status is unknown: check the connection.',
    });
    const bOk = !!status?.pairs.some((p) => p.curve === curve && p.status === 'STORED_CLIENT_BACKUP_SHARE');
    add({
      id: 'backup-pair-status',
      curve,
      ok: bOk,
      message: bOk
        ? 'A verified backup pair exists.'
        : 'No verified backup: create a backup file and verify it.',
    });
  }

  // Recorded at recovery; also learnt here from the enclave's pair list, for an eject that happened between
  // this device's recovery and its confirmation (the recovery does not revoke EJECT_PENDING/EJECTED pairs).
  // Our own signing pairs are left out: an eject of this device still being finished is not "elsewhere".
  const others = status?.pairs.filter((p) => p.pairId !== w.data.signingPairs[p.curve]) ?? [];
  const elsewhere =
    w.data.keyExportedElsewhereAt !== undefined || CURVES.some((c) => keyExportedOn(others, c));
  if (elsewhere) {
    add({
      id: 'key-exported-elsewhere',
      ok: false,
      message: "This wallet's key was exported on another device: move your funds to a new wallet.",
    });
    if (w.data.keyExportedElsewhereAt === undefined) await recordExportedElsewhere(core, w.id, now);
  }

  const backups = (await core.vault.backups.list(w.id)).filter((b) => b.revokedAt === undefined);
  const lastVerified = Math.max(0, ...backups.map((b) => b.lastVerifiedAt ?? 0));
  const vOk = lastVerified > 0 && now - lastVerified <= BACKUP_VERIFY_MAX_AGE_MS;
  add({
    id: 'backup-verified-recently',
    ok: vOk,
    message: vOk
      ? 'The backup file was verified within 90 days.'
      : 'Verify your backup file (select it and type its password) — last check over 90 days ago or never.',
  });
  const rOk = now - w.data.lastRefreshAt <= REFRESH_MAX_AGE_MS;
  add({
    id: 'refreshed-recently',
    ok: rOk,
    message: rOk
      ? 'The key shares were refreshed within 30 days.'
      : 'Refresh your key shares (over 30 days old).',
  });
  return { ok: checks.every((c) => c.ok), checkedAt: now, checks };
}

/** Keep the warning permanent (status reads the wallet record), re-reading the record so nothing is lost. */
async function recordExportedElsewhere(core: WalletCore, walletId: string, now: number): Promise<void> {
  const fresh = await core.wallet();
  if (!fresh || fresh.id !== walletId || fresh.data.keyExportedElsewhereAt !== undefined) return;
  await core.saveWallet({ ...fresh, data: { ...fresh.data, keyExportedElsewhereAt: now } });
}

function shareCheck(curve: CurveName, ok: boolean): HealthCheck {
  return {
    id: 'share-decrypts',
    curve,
    ok,
    message: ok
      ? 'Your key share decrypts and matches its public share.'
      : 'Your key share could not be opened or does not match: recover from your backup file.',
  };
}
