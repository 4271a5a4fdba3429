import { describe, expect, it } from 'vitest';
import { ProviderRpcError } from '../../../src/provider/provider-errors.ts';
import { TwofoldSolanaWallet } from '../../../src/provider/solana/wallet-standard.ts';

const ADDRESS = 'E7ejpr8v1LX1KdT3NY1Aj5o7D86wQ1jq13YDt9N5sfPT';
const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

/** The page-side wallet with a scripted background (what the relay would answer). */
function walletWith(answer: (method: string, params: unknown) => unknown) {
  const calls: { method: string; params: unknown }[] = [];
  const wallet = new TwofoldSolanaWallet(async (method, params) => {
    calls.push({ method, params });
    return answer(method, params);
  });
  return { wallet, calls };
}

describe('TwofoldSolanaWallet (page side of the Wallet Standard)', () => {
  it('declares name, icon, chains and the seven features', () => {
    const { wallet } = walletWith(() => null);
    expect(wallet.name).toBe('Twofold');
    expect(wallet.icon.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(wallet.chains).toEqual(['solana:mainnet', 'solana:devnet', 'solana:localnet']);
    expect(Object.keys(wallet.features).sort()).toEqual(
      [
        'solana:signAndSendTransaction',
        'solana:signIn',
        'solana:signMessage',
        'solana:signTransaction',
        'standard:connect',
        'standard:disconnect',
        'standard:events',
      ].sort(),
    );
  });

  it('connect (silent or not) fills accounts and emits change once; disconnect empties them', async () => {
    const pk = new Uint8Array(32).fill(4);
    const { wallet, calls } = walletWith((m) =>
      m === 'solana_connect' ? [{ address: ADDRESS, publicKey: b64(pk) }] : null,
    );
    const seen: string[][] = [];
    const off = wallet.features['standard:events'].on('change', ({ accounts }) =>
      seen.push((accounts ?? []).map((a) => a.address)),
    );
    const { accounts } = await wallet.features['standard:connect'].connect({ silent: true });
    expect(calls[0]).toEqual({ method: 'solana_connect', params: [{ silent: true }] });
    expect(accounts[0]?.address).toBe(ADDRESS);
    expect(accounts[0]?.publicKey).toEqual(pk);
    expect(accounts[0]?.features).toContain('solana:signTransaction');
    await wallet.features['standard:connect'].connect();
    expect(seen).toEqual([[ADDRESS]]);
    await wallet.features['standard:disconnect'].disconnect();
    expect(wallet.accounts).toEqual([]);
    off();
    await wallet.features['standard:connect'].connect();
    expect(seen).toEqual([[ADDRESS], []]);
  });

  it('signMessage sends base64 and returns bytes; the background’s 4001 reaches the dApp unchanged', async () => {
    let reject = false;
    const { wallet, calls } = walletWith((m) => {
      if (m === 'solana_connect') return [{ address: ADDRESS, publicKey: b64(new Uint8Array(32)) }];
      if (reject) throw new ProviderRpcError(4001, 'The user rejected the request.');
      return { signedMessage: b64(new Uint8Array([1, 2])), signature: b64(new Uint8Array(64).fill(9)) };
    });
    const [account] = (await wallet.features['standard:connect'].connect()).accounts;
    const [out] = await wallet.features['solana:signMessage'].signMessage({
      account: account!,
      message: new Uint8Array([1, 2]),
    });
    expect(calls[1]).toEqual({
      method: 'solana_signMessage',
      params: [{ account: ADDRESS, message: 'AQI=' }],
    });
    expect(out?.signature).toEqual(new Uint8Array(64).fill(9));
    reject = true;
    await expect(
      wallet.features['solana:signMessage'].signMessage({ account: account!, message: new Uint8Array([1]) }),
    ).rejects.toMatchObject({ code: 4001 });
  });

  it('refuses to sign for an account it did not connect (no request sent)', async () => {
    const { wallet, calls } = walletWith(() => null);
    const stranger = { address: ADDRESS, publicKey: new Uint8Array(32), chains: [], features: [] } as never;
    await expect(
      wallet.features['solana:signTransaction'].signTransaction({
        account: stranger,
        transaction: new Uint8Array(1),
      }),
    ).rejects.toThrow(/not connected/);
    expect(calls).toHaveLength(0);
  });
});
