import { describe, expect, it } from 'vitest';
import { TwofoldSolanaWallet } from './wallet-standard.ts';

const ADDRESS = 'E7ejpr8v1LX1KdT3NY1Aj5o7D86wQ1jq13YDt9N5sfPT';
const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const PK = new Uint8Array(32).fill(4);
const MESSAGE = new TextEncoder().encode(
  `dapp.example wants you to sign in with your Solana account:\n${ADDRESS}`,
);
const SIGNATURE = new Uint8Array(64).fill(9);

/** The page-side wallet with a scripted background answering solana_signIn. */
function walletWith(answer: (params: unknown) => unknown = () => signedIn()) {
  const calls: { method: string; params: unknown }[] = [];
  const wallet = new TwofoldSolanaWallet(async (method, params) => {
    calls.push({ method, params });
    return answer(params);
  });
  return { wallet, calls };
}

function signedIn() {
  return {
    account: { address: ADDRESS, publicKey: b64(PK) },
    signedMessage: b64(MESSAGE),
    signature: b64(SIGNATURE),
  };
}

describe('TwofoldSolanaWallet solana:signIn (page side)', () => {
  it('declares solana:signIn 1.0.0 (no offchain messages) and lists it on accounts', async () => {
    const { wallet } = walletWith();
    expect(wallet.features['solana:signIn'].version).toBe('1.0.0');
    const [out] = await wallet.features['solana:signIn'].signIn({});
    expect(out?.account.features).toContain('solana:signIn');
  });

  it('one request per input, in order; outputs carry account, bytes and ed25519', async () => {
    const { wallet, calls } = walletWith();
    const inputs = [{ statement: 'first', nonce: 'abcdefgh' }, { resources: ['https://a.example'] }];
    const outs = await wallet.features['solana:signIn'].signIn(...inputs);
    expect(calls).toEqual([
      { method: 'solana_signIn', params: [inputs[0]] },
      { method: 'solana_signIn', params: [inputs[1]] },
    ]);
    expect(outs).toHaveLength(2);
    expect(outs[0]?.account.address).toBe(ADDRESS);
    expect(outs[0]?.account.publicKey).toEqual(PK);
    expect(outs[0]?.signedMessage).toEqual(MESSAGE);
    expect(outs[0]?.signature).toEqual(SIGNATURE);
    expect(outs[0]?.signatureType).toBe('ed25519');
  });

  it('no input at all is one sign-in with no fields', async () => {
    const { wallet, calls } = walletWith();
    expect(await wallet.features['solana:signIn'].signIn()).toHaveLength(1);
    expect(calls).toEqual([{ method: 'solana_signIn', params: [{}] }]);
  });

  it('signing in connects: accounts filled, change emitted once (not again for the same account)', async () => {
    const { wallet } = walletWith();
    const seen: string[][] = [];
    wallet.features['standard:events'].on('change', ({ accounts }) =>
      seen.push((accounts ?? []).map((a) => a.address)),
    );
    await wallet.features['solana:signIn'].signIn({});
    expect(wallet.accounts.map((a) => a.address)).toEqual([ADDRESS]);
    await wallet.features['solana:signIn'].signIn({});
    expect(seen).toEqual([[ADDRESS]]);
  });

  it('a rejection reaches the dApp unchanged and connects nothing; a malformed answer throws', async () => {
    const rejected = walletWith(() => {
      throw Object.assign(new Error('The user rejected the request.'), { code: 4001 });
    });
    await expect(rejected.wallet.features['solana:signIn'].signIn({})).rejects.toMatchObject({ code: 4001 });
    expect(rejected.wallet.accounts).toEqual([]);
    const malformed = walletWith(() => ({ signedMessage: b64(MESSAGE) }));
    await expect(malformed.wallet.features['solana:signIn'].signIn({})).rejects.toThrow(/malformed/);
    expect(malformed.wallet.accounts).toEqual([]);
  });
});
