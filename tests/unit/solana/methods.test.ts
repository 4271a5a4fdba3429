import {
  generateKeyPairSigner,
  getAddressEncoder,
  getBase58Decoder,
  getPublicKeyFromAddress,
  getTransactionDecoder,
  type SignatureBytes,
  verifySignature,
} from '@solana/kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { memorySolanaSettingsStore } from '../../../src/chains/solana/solana-clusters.ts';
import { toBase64 } from '../../../src/provider/solana/methods/solana-access.ts';
import { createSolanaContext } from '../../../src/provider/solana/solana-context.ts';
import { memorySolanaGrantsStorage } from '../../../src/provider/solana/solana-permissions.ts';
import { codeOf, TEST_ORIGIN, type TestProvider, testProvider } from '../../../src/provider/test-support.ts';
import { frostSolanaSigner } from './frost-signer.ts';
import { transferWire } from './transactions.ts';

const BLOCKHASH = getBase58Decoder().decode(new Uint8Array(32).fill(3));
const LOCALNET = 'http://127.0.0.1:8899';
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

describe('Solana methods through the router', () => {
  let t: TestProvider;
  let signer: ReturnType<typeof frostSolanaSigner>;

  beforeEach(() => {
    t = testProvider();
    signer = frostSolanaSigner();
    Object.assign(t.wallet, { solanaAddress: async () => signer.address, signEd25519: signer.sign });
    t.ctx.solana = createSolanaContext({
      settings: memorySolanaSettingsStore({ selected: 'localnet', rpcUrls: { localnet: LOCALNET } }),
      grants: memorySolanaGrantsStorage(),
      rpcFor: (url) => t.rpc.client(url),
    });
  });

  const connect = () => t.call('solana_connect', [{}]);

  it('an unconnected origin gets 4100 for signing and [] for a silent connect (no prompt)', async () => {
    expect(await codeOf(t.call('solana_signMessage', [{ message: toBase64(new Uint8Array([1])) }]))).toBe(
      4100,
    );
    expect(await t.call('solana_connect', [{ silent: true }])).toEqual([]);
    expect(t.approvals.seen).toHaveLength(0);
  });

  it('connect asks once, grants the origin and returns the address with its public key', async () => {
    const accounts = (await connect()) as { address: string; publicKey: string }[];
    expect(accounts).toEqual([
      {
        address: signer.address,
        publicKey: toBase64(new Uint8Array(getAddressEncoder().encode(signer.address))),
      },
    ]);
    expect(t.approvals.seen[0]?.content).toEqual({
      kind: 'solanaConnect',
      address: signer.address,
      cluster: 'solana:localnet',
    });
    expect(t.approvals.seen[0]?.warnings.map((w) => w.code)).toEqual(['first-time-origin']);
    expect(await t.call('solana_connect', [{ silent: true }])).toEqual(accounts);
    expect(t.approvals.seen).toHaveLength(1);
    // Another origin is not connected by this.
    expect(await t.call('solana_connect', [{ silent: true }], 'https://other.example')).toEqual([]);
  });

  it('a rejected connect is 4001 and grants nothing', async () => {
    t.approvals.decision = 'reject';
    expect(await codeOf(connect())).toBe(4001);
    expect(await t.ctx.solana!.permissions.get(TEST_ORIGIN)).toBeUndefined();
  });

  it('signMessage shows the message and returns a signature kit verifies', async () => {
    await connect();
    const message = new TextEncoder().encode('Sign in to dapp.example');
    const out = (await t.call('solana_signMessage', [
      { account: signer.address, message: toBase64(message) },
    ])) as { signedMessage: string; signature: string };
    expect(t.approvals.seen[1]?.content).toMatchObject({
      kind: 'solanaSignMessage',
      address: signer.address,
    });
    const key = await getPublicKeyFromAddress(signer.address);
    expect(await verifySignature(key, fromB64(out.signature) as SignatureBytes, message)).toBe(true);
    expect(fromB64(out.signedMessage)).toEqual(message);
  });

  it('signMessage refuses bytes that are a transaction message (legacy and v0), without a prompt', async () => {
    await connect();
    const to = (await generateKeyPairSigner()).address;
    for (const version of ['legacy', 0] as const) {
      const wire = transferWire({ from: signer.address, to, lamports: 10n, blockhash: BLOCKHASH, version });
      const { messageBytes } = getTransactionDecoder().decode(wire);
      const before = signer.signed.length;
      expect(
        await codeOf(t.call('solana_signMessage', [{ message: toBase64(new Uint8Array(messageBytes)) }])),
      ).toBe(-32602);
      expect(signer.signed.length).toBe(before);
    }
    expect(t.approvals.seen).toHaveLength(1);
  });

  it('a rejected signature request is 4001 and nothing is signed', async () => {
    await connect();
    t.approvals.decision = 'reject';
    const before = signer.signed.length;
    expect(await codeOf(t.call('solana_signMessage', [{ message: toBase64(new Uint8Array([1, 2])) }]))).toBe(
      4001,
    );
    expect(signer.signed.length).toBe(before);
  });

  it('signTransaction shows the decoded transfer and returns the transaction with a valid signature', async () => {
    await connect();
    const to = (await generateKeyPairSigner()).address;
    const wire = transferWire({
      from: signer.address,
      to,
      lamports: 10n,
      blockhash: BLOCKHASH,
      version: 'legacy',
    });
    const out = (await t.call('solana_signTransaction', [
      { account: signer.address, transaction: toBase64(wire), chain: 'solana:devnet' },
    ])) as { signedTransaction: string };
    const c = t.approvals.seen[1]?.content;
    expect(c).toMatchObject({ kind: 'solanaTransaction', mode: 'sign', cluster: 'solana:devnet' });
    if (c?.kind !== 'solanaTransaction') throw new Error('unreachable');
    expect(c.tx.feePayer).toBe(signer.address);
    expect(c.tx.instructions[0]?.action).toBe('Transfer SOL');
    const tx = getTransactionDecoder().decode(fromB64(out.signedTransaction));
    const key = await getPublicKeyFromAddress(signer.address);
    expect(await verifySignature(key, tx.signatures[signer.address]!, tx.messageBytes)).toBe(true);
    expect(t.rpc.calls).toHaveLength(0);
  });

  it('signAndSendTransaction sends to the cluster RPC and returns the transaction signature', async () => {
    await connect();
    const to = (await generateKeyPairSigner()).address;
    const wire = transferWire({ from: signer.address, to, lamports: 10n, blockhash: BLOCKHASH, version: 0 });
    t.rpc.handlers.set(LOCALNET, (method, params) => {
      expect(method).toBe('sendTransaction');
      const tx = getTransactionDecoder().decode(fromB64(params[0] as string));
      return getBase58Decoder().decode(tx.signatures[signer.address]!);
    });
    const out = (await t.call('solana_signAndSendTransaction', [
      {
        account: signer.address,
        transaction: toBase64(wire),
        chain: 'solana:localnet',
        options: { skipPreflight: true },
      },
    ])) as { signature: string };
    expect(t.rpc.calls).toHaveLength(1);
    expect(t.rpc.calls[0]?.url).toBe(LOCALNET);
    expect(t.rpc.calls[0]?.params[1]).toEqual({ encoding: 'base64', skipPreflight: true });
    const sent = getTransactionDecoder().decode(fromB64(t.rpc.calls[0]?.params[0] as string));
    expect(fromB64(out.signature)).toEqual(new Uint8Array(sent.signatures[signer.address]!));
  });

  it('refuses a transaction without the wallet as signer, bad bytes and unknown chains (-32602, no prompt)', async () => {
    await connect();
    const payer = (await generateKeyPairSigner()).address;
    const notOurs = transferWire({
      from: payer,
      to: signer.address,
      lamports: 1n,
      blockhash: BLOCKHASH,
      version: 0,
    });
    expect(await codeOf(t.call('solana_signTransaction', [{ transaction: toBase64(notOurs) }]))).toBe(-32602);
    expect(await codeOf(t.call('solana_signTransaction', [{ transaction: 'not base64!' }]))).toBe(-32602);
    expect(
      await codeOf(t.call('solana_signTransaction', [{ transaction: toBase64(new Uint8Array(5)) }])),
    ).toBe(-32602);
    const ours = transferWire({
      from: signer.address,
      to: payer,
      lamports: 1n,
      blockhash: BLOCKHASH,
      version: 0,
    });
    expect(
      await codeOf(
        t.call('solana_signTransaction', [{ transaction: toBase64(ours), chain: 'solana:testnet' }]),
      ),
    ).toBe(-32602);
    expect(await codeOf(t.call('solana_signMessage', [{ account: payer, message: 'AQ==' }]))).toBe(4100);
    expect(t.approvals.seen).toHaveLength(1);
  });

  it('disconnect forgets the origin', async () => {
    await connect();
    await t.call('solana_disconnect', [{}]);
    expect(await t.call('solana_connect', [{ silent: true }])).toEqual([]);
  });
});
