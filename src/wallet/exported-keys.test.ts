/**
 * The ejected keys are shown once (SPEC §4.7), through the page API (what the popup sends): 'eject.keysShown'
 * records that a page displayed them; until then 'eject.exportedKeys' answers an ejected wallet, only with
 * the wallet password (a wrong one counts toward the unlock delay and changes nothing else), and afterwards
 * it refuses with KEY_ALREADY_SHOWN before any password is tried. The keys control the wallet's addresses,
 * and neither the keys nor the password reach an error or the console.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { FakeEnclave } from '../../tests/unit/wallet/fake-enclave.ts';
import { base58Decode, crashAfter, type Device, device, PASSWORD } from '../../tests/unit/wallet/helpers.ts';
import { ChainRegistry, memoryChainSettingsStore } from '../chains/chain-registry.ts';
import { walletPageHandlers } from '../messaging/wallet-page-api.ts';
import { caught, errorText, secretForms } from '../vault/test-env.ts';
import type { WalletService } from './wallet-service.ts';

const WRONG = 'definitely not the password';

function handlers(wallet: WalletService) {
  return walletPageHandlers({ wallet, chains: new ChainRegistry(memoryChainSettingsStore()) });
}

async function newWallet() {
  const d: Device = device(new FakeEnclave());
  const wallet = d.restart();
  const h = handlers(wallet);
  const addr = await h['wallet.generate']({ password: PASSWORD });
  return { d, wallet, h, addr };
}

/** Every record of the stores a refused request must not touch (the throttle counter lives in 'meta'). */
async function records(d: Device): Promise<unknown> {
  const v = d.env.open();
  try {
    return await v.run(async (db) => ({
      shares: await db.getAll('shares'),
      wallets: await db.getAll('wallets'),
      vaultKey: await db.get('meta', 'vaultKey'),
    }));
  } finally {
    await v.close();
  }
}

/** The ed25519 point a·B of the little-endian scalar a, as the wallet's Solana public key bytes. */
function ed25519PublicOfScalar(scalarHex: string): Uint8Array {
  return ed25519.Point.BASE.multiply(ed25519.Point.Fn.fromBytes(hexToBytes(scalarHex))).toBytes();
}

let consoleLines: string[];
let spies: MockInstance[];

beforeEach(() => {
  consoleLines = [];
  spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (a instanceof Error ? errorText(a) : String(a))).join(' '));
    }),
  );
});

afterEach(() => {
  for (const s of spies) s.mockRestore();
});

/** Refused before the password: no wrong-password count, no delay, nothing written. */
async function expectRefusedBeforePassword(d: Device, h: ReturnType<typeof handlers>, code: string) {
  const before = await records(d);
  for (const password of [PASSWORD, WRONG, WRONG, WRONG])
    await expect(h['eject.exportedKeys']({ password })).rejects.toMatchObject({ code });
  expect(await records(d)).toEqual(before);
  // No wrong-password delay was started by those requests: the unlock screen takes the password at once.
  await h['wallet.lock']({});
  expect((await h['wallet.status']({})).unlockRetryAfterMs).toBeUndefined();
  expect((await h['wallet.unlock']({ password: PASSWORD })).state).toBe('unlocked');
}

describe('eject.exportedKeys', () => {
  it('ejected, never shown: the password shows the stored keys once; after the page confirms, never again', async () => {
    const { d, h, addr } = await newWallet();
    await h['eject.start']({});
    // eject.confirm answered, but no page confirmed displaying the keys (popup closed meanwhile).
    const ejected = await h['eject.confirm']({ password: PASSWORD });
    expect(await h['wallet.status']({})).toMatchObject({ keyExported: true, exportedKeysShown: false });
    const shown = await h['eject.exportedKeys']({ password: PASSWORD });
    expect(shown).toEqual(ejected);
    expect(shown.addresses).toEqual(addr);
    expect(privateKeyToAddress(shown.evmPrivateKey as Hex)).toBe(addr.evm);
    expect(bytesToHex(ed25519PublicOfScalar(shown.solanaScalar))).toBe(bytesToHex(base58Decode(addr.solana)));

    const t0 = d.env.clock.now();
    expect(await h['eject.keysShown']({})).toEqual({ shownAt: t0 });
    // Idempotent: a second confirmation keeps the first time.
    d.env.clock.advance(5_000);
    expect(await h['eject.keysShown']({})).toEqual({ shownAt: t0 });
    expect(await h['wallet.status']({})).toMatchObject({
      state: 'unlocked',
      keyExported: true,
      exportedKeysShown: true,
    });
    await expect(h['eject.exportedKeys']({ password: PASSWORD })).rejects.toMatchObject({
      code: 'KEY_ALREADY_SHOWN',
      message: expect.stringContaining('Move funds'),
    });
    // Persisted in the vault: a restarted worker refuses too, and the wallet still signs locally.
    const h2 = handlers(d.restart());
    expect(await h2['wallet.status']({})).toMatchObject({ keyExported: true, exportedKeysShown: true });
    await expect(h2['eject.exportedKeys']({ password: PASSWORD })).rejects.toMatchObject({
      code: 'KEY_ALREADY_SHOWN',
    });
    expect(await h2['eject.keysShown']({})).toEqual({ shownAt: t0 });
  });

  it('after the keysShown confirmation: KEY_ALREADY_SHOWN before any password is tried (no count, nothing written)', async () => {
    const { d, h } = await newWallet();
    await h['eject.start']({});
    await h['eject.confirm']({ password: PASSWORD });
    // What the eject page does once it rendered the keys.
    await h['eject.keysShown']({});
    await expectRefusedBeforePassword(d, h, 'KEY_ALREADY_SHOWN');
  });

  it('keysShown on a wallet that was never ejected: KEY_NOT_EXPORTED, nothing written; locked: LOCKED', async () => {
    const { d, h } = await newWallet();
    const before = await records(d);
    await expect(h['eject.keysShown']({})).rejects.toMatchObject({ code: 'KEY_NOT_EXPORTED' });
    expect(await records(d)).toEqual(before);
    expect(await h['wallet.status']({})).toMatchObject({ keyExported: false, exportedKeysShown: false });
    await h['wallet.lock']({});
    await expect(h['eject.keysShown']({})).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('the worker died after the keys were stored, before the page showed them: shown once after a restart', async () => {
    const d: Device = device(new FakeEnclave());
    const h1 = handlers(d.restart());
    const addr = await h1['wallet.generate']({ password: PASSWORD });
    await h1['eject.start']({});
    const crashing = d.restart(crashAfter('eject', 'stored'));
    await expect(crashing.eject()).rejects.toThrow();
    // The restarted worker finishes the eject (journal step 'stored') and can show the keys it stored.
    const wallet = d.restart();
    await wallet.start();
    const h = handlers(wallet);
    expect(await h['wallet.status']({})).toMatchObject({
      keyExported: true,
      exportedKeysShown: false,
      pendingOperations: 0,
    });
    const shown = await h['eject.exportedKeys']({ password: PASSWORD });
    expect(privateKeyToAddress(shown.evmPrivateKey as Hex)).toBe(addr.evm);
    expect(bytesToHex(ed25519PublicOfScalar(shown.solanaScalar))).toBe(bytesToHex(base58Decode(addr.solana)));
    await h['eject.keysShown']({});
    await expect(h['eject.exportedKeys']({ password: PASSWORD })).rejects.toMatchObject({
      code: 'KEY_ALREADY_SHOWN',
    });
  });

  it('not ejected: KEY_NOT_EXPORTED before any password is tried (no count, nothing written)', async () => {
    const { d, h } = await newWallet();
    await expectRefusedBeforePassword(d, h, 'KEY_NOT_EXPORTED');
  });

  it('wrong password: WRONG_PASSWORD, then the unlock delay; nothing else changes; locked: LOCKED', async () => {
    const { d, h } = await newWallet();
    await h['eject.start']({});
    await h['eject.confirm']({ password: PASSWORD });
    const before = await records(d);
    await expect(h['eject.exportedKeys']({ password: WRONG })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    // The second failure starts the same growing delay as the unlock screen, and the message says so.
    await expect(h['eject.exportedKeys']({ password: WRONG })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
      message: expect.stringContaining('wait 1 s'),
    });
    // Inside the delay even the right password is refused without being tried.
    await expect(h['eject.exportedKeys']({ password: PASSWORD })).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
    expect(await records(d)).toEqual(before);
    expect((await h['wallet.status']({})).state).toBe('unlocked');
    d.env.clock.advance(2_000);
    const shown = await h['eject.exportedKeys']({ password: PASSWORD });
    expect(shown.addresses.evm).toBe(privateKeyToAddress(shown.evmPrivateKey as Hex));

    // Locked: refused before the password is tried, so this is no password oracle for a locked wallet.
    await h['wallet.lock']({});
    await expect(h['eject.exportedKeys']({ password: PASSWORD })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(h['eject.exportedKeys']({} as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('a stored key that does not match the wallet is refused, not shown', async () => {
    const { d, h, addr } = await newWallet();
    await h['eject.start']({});
    await h['eject.confirm']({ password: PASSWORD });
    const other = secp256k1.utils.randomSecretKey();
    const v = d.env.open();
    try {
      await v.shares.put(
        { walletId: addr.walletId, curve: 'secp256k1', pairId: 'ejected', kind: 'ejected-key' },
        other,
      );
    } finally {
      await v.close();
    }
    const e = await caught(() => h['eject.exportedKeys']({ password: PASSWORD }));
    expect(e).toMatchObject({ code: 'INTERNAL' });
    for (const form of secretForms(other)) expect(errorText(e)).not.toContain(form);
  });

  it('leak check: the keys and the password appear in no error and no console line', async () => {
    const { d, h } = await newWallet();
    const notEjected = await caught(() => h['eject.exportedKeys']({ password: PASSWORD }));
    await h['eject.start']({});
    const keys = await h['eject.confirm']({ password: PASSWORD });
    const errors = [notEjected];
    errors.push(await caught(() => h['eject.exportedKeys']({ password: WRONG })));
    errors.push(await caught(() => h['eject.exportedKeys']({ password: WRONG })));
    errors.push(await caught(() => h['eject.exportedKeys']({ password: PASSWORD })));
    d.env.clock.advance(2_000);
    expect(await h['eject.exportedKeys']({ password: PASSWORD })).toEqual(keys);
    await h['wallet.lock']({});
    errors.push(await caught(() => h['eject.exportedKeys']({ password: PASSWORD })));
    await h['wallet.unlock']({ password: PASSWORD });
    await h['eject.keysShown']({});
    errors.push(await caught(() => h['eject.exportedKeys']({ password: PASSWORD })));
    expect(errors.map((e) => (e as { code: string }).code)).toEqual([
      'KEY_NOT_EXPORTED',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'TOO_MANY_ATTEMPTS',
      'LOCKED',
      'KEY_ALREADY_SHOWN',
    ]);

    const secrets = [
      ...secretForms(hexToBytes(keys.evmPrivateKey.slice(2))),
      ...secretForms(hexToBytes(keys.solanaScalar)),
      PASSWORD,
      WRONG,
    ];
    const text = [...errors.map(errorText), ...consoleLines].join('\n');
    for (const s of secrets) expect(text).not.toContain(s);
  });
});
