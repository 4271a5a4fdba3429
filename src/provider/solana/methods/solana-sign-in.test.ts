import { ed25519 } from '@noble/curves/ed25519.js';
import { getAddressEncoder } from '@solana/kit';
import { createSignInMessage } from '@solana/wallet-standard-util';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { frostSolanaSigner } from '../../../../tests/unit/solana/frost-signer.ts';
import { memorySolanaSettingsStore } from '../../../chains/solana/solana-clusters.ts';
import { codeOf, TEST_ORIGIN, type TestProvider, testProvider } from '../../test-support.ts';
import { createSolanaContext } from '../solana-context.ts';
import { memorySolanaGrantsStorage } from '../solana-permissions.ts';
import { toBase64 } from './solana-access.ts';

const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
type SignInWire = {
  account: { address: string; publicKey: string };
  signedMessage: string;
  signature: string;
};

describe('solana_signIn (Sign In With Solana)', () => {
  let t: TestProvider;
  let signer: ReturnType<typeof frostSolanaSigner>;

  // One FROST key generation for the file (it is the slow part); each test starts with no signatures.
  beforeAll(() => {
    signer = frostSolanaSigner();
  });

  beforeEach(() => {
    t = testProvider();
    signer.signed.length = 0;
    Object.assign(t.wallet, { solanaAddress: async () => signer.address, signEd25519: signer.sign });
    t.ctx.solana = createSolanaContext({
      settings: memorySolanaSettingsStore({ selected: 'localnet', rpcUrls: {} }),
      grants: memorySolanaGrantsStorage(),
    });
  });

  const signIn = (input: unknown, origin?: string) =>
    t.call('solana_signIn', [input], origin) as Promise<SignInWire>;

  it('signs the exact SIWS message (library bytes), noble verifies it, and the origin is connected', async () => {
    const input = {
      domain: 'dapp.example',
      statement: 'Sign in to Example',
      uri: 'https://dapp.example/login',
      version: '1',
      chainId: 'solana:localnet',
      nonce: 'n0nce12345',
      issuedAt: '2025-01-01T00:00:00Z',
      resources: ['https://dapp.example/tos'],
    };
    const out = await signIn(input);
    const expected = createSignInMessage({ ...input, address: signer.address });
    const signedMessage = fromB64(out.signedMessage);
    expect(signedMessage).toEqual(expected);
    expect(signer.signed).toEqual([expected]);
    const publicKey = new Uint8Array(getAddressEncoder().encode(signer.address));
    expect(out.account).toEqual({ address: signer.address, publicKey: toBase64(publicKey) });
    expect(ed25519.verify(fromB64(out.signature), signedMessage, publicKey)).toBe(true);
    // The approval showed every field and the exact text.
    const seen = t.approvals.seen[0]!;
    expect(seen.content).toEqual({
      kind: 'solanaSignIn',
      signIn: { ...input, address: signer.address },
      message: new TextDecoder().decode(expected),
    });
    expect(seen.warnings.map((w) => w.code)).toEqual(['first-time-origin']);
    // Signing in connected the origin: a silent connect now returns the account without a prompt.
    expect(await t.call('solana_connect', [{ silent: true }])).toEqual([out.account]);
    expect(t.approvals.seen).toHaveLength(1);
  });

  it('defaults the domain to the origin host with its port and the address to the wallet’s', async () => {
    const out = await signIn({}, 'http://localhost:5173');
    expect(new TextDecoder().decode(fromB64(out.signedMessage))).toBe(
      `localhost:5173 wants you to sign in with your Solana account:\n${signer.address}`,
    );
  });

  it('refuses a domain other than the requesting origin’s host (-32602), before any prompt', async () => {
    expect(await codeOf(signIn({ domain: 'evil.example' }))).toBe(-32602);
    expect(await codeOf(signIn({ domain: 'dapp.example' }, 'https://dapp.example.evil.example'))).toBe(
      -32602,
    );
    expect(await codeOf(signIn({ domain: 'dapp.example:444' }))).toBe(-32602);
    expect(t.approvals.seen).toHaveLength(0);
    expect(signer.signed).toHaveLength(0);
  });

  it('refuses an address that is not the wallet’s (-32602), before any prompt', async () => {
    expect(await codeOf(signIn({ address: '11111111111111111111111111111111' }))).toBe(-32602);
    expect(t.approvals.seen).toHaveLength(0);
  });

  it('refuses bad fields with -32602 without prompting or unlocking', async () => {
    t.wallet.unlocked = false;
    for (const input of [
      { statement: 'a\nb' },
      { nonce: 'short' },
      { issuedAt: 'yesterday' },
      { resources: ['not a uri'] },
      { version: 1 },
      { useOffchainMessage: { messageVersion: 1 } },
      'not an object',
    ])
      expect(await codeOf(signIn(input))).toBe(-32602);
    expect(t.wallet.unlockRequests).toBe(0);
    expect(t.approvals.seen).toHaveLength(0);
  });

  it('warns in the approval when expired or not yet valid', async () => {
    await signIn({ expirationTime: '2000-01-01T00:00:00Z' });
    await signIn({ notBefore: '2999-01-01T00:00:00Z' });
    expect(t.approvals.seen.map((s) => s.warnings.map((w) => w.code))).toEqual([
      ['first-time-origin', 'sign-in-expired'],
      ['sign-in-not-yet-valid'],
    ]);
  });

  it('a rejected sign-in is 4001: nothing signed, origin not connected', async () => {
    t.approvals.decision = 'reject';
    expect(await codeOf(signIn({ statement: 'hello' }))).toBe(4001);
    expect(signer.signed).toHaveLength(0);
    expect(await t.ctx.solana!.permissions.get(TEST_ORIGIN)).toBeUndefined();
  });

  it('a wallet signature that does not verify is never returned and connects nothing (-32603)', async () => {
    Object.assign(t.wallet, { signEd25519: async () => new Uint8Array(64).fill(1) });
    expect(await codeOf(signIn({}))).toBe(-32603);
    expect(await t.ctx.solana!.permissions.get(TEST_ORIGIN)).toBeUndefined();
  });

  it('a locked wallet is unlocked first (sign-in needs the address)', async () => {
    t.wallet.unlocked = false;
    await signIn({});
    expect(t.wallet.unlockRequests).toBe(1);
  });
});
