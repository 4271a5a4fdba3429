import { type Address, generateKeyPairSigner, lamports } from '@solana/kit';
import { LiteSVM } from 'litesvm';
import { beforeEach, describe, expect, it } from 'vitest';
import { memorySolanaSettingsStore } from '../../../src/chains/solana/solana-clusters.ts';
import { ProviderRpcError } from '../../../src/provider/provider-errors.ts';
import { createSolanaContext, type SolanaContext } from '../../../src/provider/solana/solana-context.ts';
import { parseSol, solanaPageHandlers } from '../../../src/provider/solana/solana-page-api.ts';
import { memorySolanaGrantsStorage } from '../../../src/provider/solana/solana-permissions.ts';
import { LocalKeyWallet } from '../../../src/provider/test-support.ts';
import { litesvmRpcHandler } from '../../e2e/dapps/solana-litesvm-rpc.ts';
import { frostSolanaSigner } from './frost-signer.ts';

const LOCALNET = 'http://127.0.0.1:8899/';

describe('popup Solana page API: balance and send SOL (litesvm as the cluster)', () => {
  let svm: LiteSVM;
  let sent: string[];
  let wallet: LocalKeyWallet;
  let signer: ReturnType<typeof frostSolanaSigner>;
  let api: ReturnType<typeof solanaPageHandlers>;
  let solana: SolanaContext;
  const urls: string[] = [];

  beforeEach(() => {
    svm = new LiteSVM();
    sent = [];
    signer = frostSolanaSigner();
    wallet = new LocalKeyWallet();
    Object.assign(wallet, { solanaAddress: async () => signer.address, signEd25519: signer.sign });
    const handle = litesvmRpcHandler(svm, sent);
    solana = createSolanaContext({
      settings: memorySolanaSettingsStore(),
      grants: memorySolanaGrantsStorage(),
      rpcFor: (url) => ({
        request: async ({ method, params }) => {
          urls.push(url);
          try {
            return handle(method, (params ?? []) as unknown[]);
          } catch (e) {
            throw new ProviderRpcError(-32002, (e as Error).message);
          }
        },
      }),
    });
    api = solanaPageHandlers({ solana, wallet });
  });

  it('lists the clusters, selects localnet and sets its RPC URL (https or loopback http only)', async () => {
    // A development build (default EVM chain 31337) starts on the local cluster: no public RPC by default.
    expect((await api['solana.clusters']({})).selected).toBe('localnet');
    await api['solana.selectCluster']({ cluster: 'devnet' });
    expect((await api['solana.clusters']({})).selected).toBe('devnet');
    await api['solana.selectCluster']({ cluster: 'localnet' });
    expect(
      (await api['solana.setRpcUrl']({ cluster: 'localnet', rpcUrl: 'http://127.0.0.1:8899' })).rpcUrl,
    ).toBe(LOCALNET);
    await expect(
      api['solana.setRpcUrl']({ cluster: 'mainnet', rpcUrl: 'http://rpc.example.com' }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api['solana.selectCluster']({ cluster: 'testnet' as never })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('shows the balance and sends SOL: the co-signed transfer executes and balances change', async () => {
    await api['solana.selectCluster']({ cluster: 'localnet' });
    svm.airdrop(signer.address, lamports(2_000_000_000n));
    expect(await api['solana.balance']({})).toEqual({
      address: signer.address,
      cluster: 'localnet',
      lamports: '2000000000',
      sol: '2',
    });
    const to = (await generateKeyPairSigner()).address;
    const r = await api['solana.send']({ to, amount: '0.75' });
    expect(sent).toEqual([r.signature]);
    expect(svm.getBalance(to as Address)).toBe(750_000_000n);
    expect((await api['solana.balance']({})).lamports).toBe(String(2_000_000_000n - 750_000_000n - 5000n));
    expect(urls.every((u) => u === 'http://127.0.0.1:8899')).toBe(true);
  });

  it('lists and revokes Solana site grants', async () => {
    await solana.permissions.grant('https://a.example', signer.address);
    await solana.permissions.grant('https://b.example', signer.address);
    expect((await api['solana.sites']({})).sites.map((g) => g.origin)).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    const after = await api['solana.sites.revoke']({ origin: 'https://a.example' });
    expect(after.sites.map((g) => g.origin)).toEqual(['https://b.example']);
  });

  it('refuses bad amounts, bad recipients and a locked wallet before signing', async () => {
    const to = (await generateKeyPairSigner()).address;
    for (const amount of ['0', '-1', '1.0000000001', 'abc', ''])
      await expect(api['solana.send']({ to, amount })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api['solana.send']({ to: '0xabc', amount: '1' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    wallet.unlocked = false;
    await expect(api['solana.send']({ to, amount: '1' })).rejects.toMatchObject({ code: 'LOCKED' });
    expect(signer.signed).toHaveLength(0);
    expect(parseSol('1.5')).toBe(1_500_000_000n);
    expect(parseSol('0.000000001')).toBe(1n);
  });
});
