/**
 * Leak test over a full lifecycle against the real enclave-sim: every console line, every thrown error and
 * every WebSocket frame (both directions) is captured, and none may contain a client share (signing or
 * backup), a password, the vault key, the backup file key, the device or recovery key — in hex, base64,
 * base64url or decimal.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { WebSocketFactory, WebSocketLike } from '../../src/enclave/enclave-hello.ts';
import { fromBase64 } from '../../src/vault/encoding.ts';
import { openBackupFile, readBackupHeader } from '../../src/vault/index.ts';
import { derivePasswordKeys } from '../../src/vault/kdf.ts';
import { decodeSessionEntry } from '../../src/vault/session-entry.ts';
import { errorText, secretForms } from '../../src/vault/test-env.ts';
import { decodeBackupBody, decodeEcdsaShare, decodeFrostClientShare } from '../../src/wallet/share-codec.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import {
  BACKUP_PASSWORD,
  type Device,
  device,
  NEW_PASSWORD,
  PASSWORD,
  startWalletEnclave,
} from './wallet-support.ts';

/** A `ws` socket that records every frame sent and received. */
function recordingFactory(frames: string[]): WebSocketFactory {
  return (url) => {
    const ws = new WebSocket(url);
    const handler = (name: 'onopen' | 'onmessage' | 'onerror' | 'onclose') => {
      let h: ((ev: never) => void) | null = null;
      return {
        get: () => h,
        set: (fn: ((ev: never) => void) | null) => {
          h = fn;
          (ws as unknown as Record<string, unknown>)[name] = fn
            ? (ev: { data?: unknown }) => {
                if (name === 'onmessage') frames.push(String(ev.data));
                fn(ev as never);
              }
            : null;
        },
      };
    };
    const like = {
      send: (d: string) => {
        frames.push(d);
        ws.send(d);
      },
      close: () => ws.close(),
    } as WebSocketLike;
    for (const n of ['onopen', 'onmessage', 'onerror', 'onclose'] as const)
      Object.defineProperty(like, n, { ...handler(n), enumerable: true });
    return like;
  };
}

function bigintForms(x: bigint): string[] {
  const hex = x.toString(16);
  const bytes = Uint8Array.from(Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex'));
  return [x.toString(10), hex, hex.padStart(64, '0'), ...secretForms(bytes)];
}

describe('no secret leaves through logs, errors or WebSocket frames', () => {
  let enclave: RunningEnclave;
  const frames: string[] = [];
  const logs: string[] = [];
  const errors: string[] = [];
  const secrets = new Map<string, string>(); // form → what it is
  let spies: ReturnType<typeof vi.spyOn>[] = [];

  const addBytes = (what: string, b: Uint8Array) => {
    for (const f of secretForms(b)) if (f.length >= 12) secrets.set(f, what);
  };
  const addBigint = (what: string, x: bigint) => {
    for (const f of bigintForms(x)) if (f.length >= 12) secrets.set(f, what);
  };
  const expectError = async (p: Promise<unknown>, code: string) => {
    try {
      await p;
    } catch (e) {
      errors.push(errorText(e));
      expect((e as { code?: string }).code).toBe(code);
      return;
    }
    throw new Error(`expected ${code}`);
  };

  /** Every client-side secret this device holds right now. */
  async function collect(d: Device, label: string) {
    const vault = d.env.open();
    const entry = decodeSessionEntry(d.env.session.value);
    if (entry) addBytes(`${label} vault key`, entry.key);
    const [w] = await vault.wallets.list();
    for (const info of await vault.shares.list(w!.id)) {
      const rec = await vault.shares.get(info);
      if (!rec) continue;
      addBytes(`${label} ${info.kind} record`, rec.plaintext);
      if (info.kind === 'client-share' && info.curve === 'secp256k1')
        addBigint(`${label} x2`, decodeEcdsaShare(rec.plaintext).x2);
      else if (info.kind === 'client-share')
        addBytes(`${label} frost share`, decodeFrostClientShare(rec.plaintext).signingShare);
      else if (info.kind === 'ejected-key') addBytes(`${label} ejected key`, rec.plaintext);
      else addBytes(`${label} ${info.kind}`, rec.plaintext);
    }
    await vault.close();
  }

  beforeAll(async () => {
    enclave = await startWalletEnclave();
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const)
      spies.push(
        vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
          logs.push(args.map((a) => (a instanceof Error ? errorText(a) : String(a))).join(' '));
        }),
      );
  });
  afterAll(async () => {
    for (const s of spies) s.mockRestore();
    spies = [];
    await enclave?.stop();
  });

  it('runs the lifecycle and finds no secret in any captured text', async () => {
    const phone = device(enclave, { webSocket: recordingFactory(frames) });
    let svc = phone.restart();
    const addr = await svc.generateWallet(PASSWORD);
    await collect(phone, 'generate');
    await svc.sign({ kind: 'personal', message: new TextEncoder().encode('hi') });
    await svc.sign({ kind: 'ed25519', message: new Uint8Array([1, 2, 3]) });
    await expectError(svc.backupWallet(PASSWORD), 'SAME_PASSWORD');
    await svc.lock();
    await expectError(svc.sign({ kind: 'personal', message: new Uint8Array([1]) }), 'LOCKED');
    svc = phone.restart();
    await expectError(svc.unlock(`${PASSWORD}x`), 'WRONG_PASSWORD');
    await svc.unlock(PASSWORD);
    await svc.refreshSigningSharePairs();
    await collect(phone, 'refresh');
    const b = await svc.backupWallet(BACKUP_PASSWORD);
    await expectError(svc.verifyBackup(b.fileText, `${BACKUP_PASSWORD}x`), 'WRONG_BACKUP_PASSWORD');
    await svc.verifyBackup(b.fileText, BACKUP_PASSWORD);
    // The backup file's own secrets: its key (from the backup password) and the backup shares in it.
    const header = readBackupHeader(b.fileText);
    const derived = await derivePasswordKeys(BACKUP_PASSWORD, {
      name: 'scrypt',
      N: header.kdf.N,
      r: header.kdf.r,
      p: header.kdf.p,
      salt: fromBase64(header.kdf.salt)!,
    });
    addBytes('backup file key', derived.key);
    const opened = await openBackupFile(b.fileText, BACKUP_PASSWORD);
    const body = decodeBackupBody(opened.body);
    addBigint('backup x2', body.ecdsa.x2);
    addBytes('backup frost share', body.frost.signingShare);
    addBytes('recovery key', body.recoverySecretKey);
    await svc.checkHealth();

    const laptop = device(enclave, { webSocket: recordingFactory(frames) });
    const other = laptop.restart();
    await expectError(
      other.recoverWallet(b.fileText, 'not the backup pw', NEW_PASSWORD),
      'WRONG_BACKUP_PASSWORD',
    );
    expect(await other.recoverWallet(b.fileText, BACKUP_PASSWORD, NEW_PASSWORD)).toEqual(addr);
    await collect(laptop, 'recover');
    await other.sign({ kind: 'personal', message: new Uint8Array([7]) });
    await expectError(svc.sign({ kind: 'personal', message: new Uint8Array([1]) }), 'RESTORED_ELSEWHERE');
    await other.requestEject();
    const keys = await other.eject();
    expect(keys.evmPrivateKey).toMatch(/^0x[0-9a-f]{64}$/);
    await collect(laptop, 'eject');

    for (const pw of [PASSWORD, BACKUP_PASSWORD, NEW_PASSWORD]) secrets.set(pw, 'password');
    expect(frames.length).toBeGreaterThan(50);
    expect(secrets.size).toBeGreaterThan(40);
    const haystacks: [string, string[]][] = [
      ['WebSocket frame', frames],
      ['console', logs],
      ['thrown error', errors],
      ['enclave log', enclave.logs.map((l) => JSON.stringify(l))],
    ];
    const found: string[] = [];
    for (const [where, texts] of haystacks)
      for (const t of texts)
        for (const [form, what] of secrets) if (t.includes(form)) found.push(`${what} in ${where}`);
    expect(found).toEqual([]);
    // The check can fail: a frame that did carry a secret would be caught.
    const probe = bytesToHex(body.frost.signingShare);
    expect([...secrets.keys()].includes(probe)).toBe(true);
    // One long lifecycle (two devices, every operation): allow for a loaded machine.
  }, 600_000);
});
