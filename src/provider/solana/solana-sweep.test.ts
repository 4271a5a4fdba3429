import { type Address, generateKeyPairSigner, getTransactionDecoder, lamports } from '@solana/kit';
import { FailedTransactionMetadata, LiteSVM } from 'litesvm';
import { beforeEach, describe, expect, it } from 'vitest';
import { litesvmRpcHandler } from '../../../tests/e2e/dapps/solana-litesvm-rpc.ts';
import { frostSolanaSigner } from '../../../tests/unit/solana/frost-signer.ts';
import { transferWire } from '../../../tests/unit/solana/transactions.ts';
import { FakeEnclave } from '../../../tests/unit/wallet/fake-enclave.ts';
import { IDENTITY, PASSWORD } from '../../../tests/unit/wallet/helpers.ts';
import { memorySolanaSettingsStore } from '../../chains/solana/solana-clusters.ts';
import { testEnv } from '../../vault/test-env.ts';
import { providerWalletFor } from '../../wallet/provider-adapter.ts';
import { WalletService } from '../../wallet/wallet-service.ts';
import { ProviderRpcError } from '../provider-errors.ts';
import type { ProviderWallet } from '../provider-wallet.ts';
import { LocalKeyWallet } from '../test-support.ts';
import { createSolanaContext } from './solana-context.ts';
import { solanaPageHandlers } from './solana-page-api.ts';
import { memorySolanaGrantsStorage } from './solana-permissions.ts';
import { signSolanaTransaction } from './solana-signing.ts';
import { SolanaSweepError, solanaSweepAmount } from './solana-sweep.ts';

const SOL = 1_000_000_000n;
const FEE = 5000n; // litesvm: one signature

/** The popup's Solana page API over litesvm as the localnet cluster; `calls` records each RPC method. */
function apiOver(svm: LiteSVM, wallet: ProviderWallet) {
  const sent: string[] = [];
  const calls: string[] = [];
  const handle = litesvmRpcHandler(svm, sent);
  const solana = createSolanaContext({
    settings: memorySolanaSettingsStore(),
    grants: memorySolanaGrantsStorage(),
    rpcFor: () => ({
      request: async ({ method, params }) => {
        calls.push(method);
        try {
          return handle(method, (params ?? []) as unknown[]);
        } catch (e) {
          throw new ProviderRpcError(-32002, (e as Error).message);
        }
      },
    }),
  });
  return { api: solanaPageHandlers({ solana, wallet }), sent, calls };
}

describe('solanaSweepAmount', () => {
  const base = { fee: FEE, rentExemptMinimum: 890_880n };
  it('moves balance − fee', () => {
    expect(solanaSweepAmount({ ...base, balance: SOL })).toBe(SOL - FEE);
    // Exactly the rent-exempt minimum left after the fee is allowed.
    expect(solanaSweepAmount({ ...base, balance: 890_880n + FEE })).toBe(890_880n);
  });
  it('refuses a balance that cannot pay the fee, and an amount below the rent-exempt minimum', () => {
    for (const balance of [0n, 1n, FEE]) {
      expect(() => solanaSweepAmount({ ...base, balance })).toThrow(/does not cover the network fee/);
      expect(() => solanaSweepAmount({ ...base, balance })).toThrow(SolanaSweepError);
    }
    expect(() => solanaSweepAmount({ ...base, balance: 890_879n + FEE })).toThrow(/rent-exempt minimum/);
  });
});

describe('solana.sweep (litesvm as the cluster)', () => {
  let svm: LiteSVM;
  let signer: ReturnType<typeof frostSolanaSigner>;
  let wallet: LocalKeyWallet;
  let to: Address;

  beforeEach(async () => {
    svm = new LiteSVM();
    signer = frostSolanaSigner();
    wallet = new LocalKeyWallet();
    Object.assign(wallet, { solanaAddress: async () => signer.address, signEd25519: signer.sign });
    to = (await generateKeyPairSigner()).address;
  });

  it('co-signed: quote, then the whole balance minus the RPC fee moves; the wallet ends at zero', async () => {
    const { api, sent, calls } = apiOver(svm, wallet);
    svm.airdrop(signer.address, lamports(3n * SOL + 123n));
    const quote = await api['solana.sweep.quote']({ to });
    expect(quote).toEqual({
      cluster: 'localnet',
      clusterName: expect.any(String),
      from: signer.address,
      to,
      balanceLamports: String(3n * SOL + 123n),
      amountLamports: String(3n * SOL + 123n - FEE),
      amountSol: '2.999995123',
      feeLamports: '5000',
      feeSol: '0.000005',
    });
    expect(calls).toContain('getFeeForMessage');
    expect(signer.signed).toHaveLength(0);
    const r = await api['solana.sweep']({ to });
    expect(sent).toEqual([r.signature]);
    expect(signer.signed).toHaveLength(1);
    expect(svm.getBalance(to)).toBe(3n * SOL + 123n - FEE);
    expect(svm.getBalance(signer.address) ?? 0n).toBe(0n);
  });

  it('refuses itself, a bad address, a locked wallet, a balance below the fee, less than the rent-exempt minimum', async () => {
    const { api, sent } = apiOver(svm, wallet);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: { code: string }) => e.code,
      );
    svm.airdrop(signer.address, lamports(SOL));
    await expect(api['solana.sweep']({ to: signer.address })).rejects.toMatchObject({
      code: 'BAD_DESTINATION',
      message: expect.stringMatching(/own address/),
    });
    expect(await code(api['solana.sweep']({ to: '0xabc' }))).toBe('BAD_DESTINATION');
    expect(await code(api['solana.sweep.quote']({ to: 'not base58 at all' }))).toBe('BAD_DESTINATION');
    wallet.unlocked = false;
    expect(await code(api['solana.sweep']({ to }))).toBe('LOCKED');
    wallet.unlocked = true;

    const poor = frostSolanaSigner();
    Object.assign(wallet, { solanaAddress: async () => poor.address, signEd25519: poor.sign });
    // A system account holds 0 or at least its rent-exempt minimum, which is above the fee: so 0 here.
    await expect(api['solana.sweep']({ to: signer.address })).rejects.toMatchObject({
      code: 'NOTHING_TO_SWEEP',
      message: expect.stringMatching(/does not cover the network fee/),
    });
    // Rent-exempt itself, but after the fee below the minimum: the runtime would refuse (checked below).
    const small = frostSolanaSigner();
    Object.assign(wallet, { solanaAddress: async () => small.address, signEd25519: small.sign });
    svm.airdrop(small.address, lamports(892_000n));
    expect(svm.getBalance(small.address)).toBe(892_000n);
    await expect(api['solana.sweep']({ to: signer.address })).rejects.toMatchObject({
      code: 'NOTHING_TO_SWEEP',
      message: expect.stringMatching(/rent-exempt minimum/),
    });
    expect(small.signed).toHaveLength(0);
    expect(sent).toEqual([]);
    expect(poor.signed).toHaveLength(0);
  });

  it('the runtime itself refuses what the rent check refuses (so the check is not stricter than needed)', async () => {
    const small = frostSolanaSigner();
    svm.airdrop(small.address, lamports(892_000n));
    const wire = transferWire({
      from: small.address,
      to: signer.address,
      lamports: 892_000n - FEE,
      blockhash: svm.latestBlockhash(),
      version: 0,
    });
    const signed = await signSolanaTransaction(wire, small.address, small.sign);
    const res = svm.sendTransaction(getTransactionDecoder().decode(signed.wire));
    expect(res).toBeInstanceOf(FailedTransactionMetadata);
    expect(String((res as FailedTransactionMetadata).err())).toMatch(/InsufficientFundsForRent/);
  });
});

describe('solana.sweep through the wallet service: co-signed, then after eject with the local scalar', () => {
  it('moves everything both times; after eject the enclave is not needed', async () => {
    const enclave = new FakeEnclave();
    const svc = new WalletService({
      vault: testEnv().open(),
      connect: () => enclave,
      enclaveUrl: 'ws://127.0.0.1:1',
      enclaveIdentityKey: IDENTITY,
    });
    const addresses = await svc.generateWallet(PASSWORD);
    const svm = new LiteSVM();
    const { api, sent } = apiOver(svm, providerWalletFor(svc));
    const from = addresses.solana as Address;
    const to = (await generateKeyPairSigner()).address;

    svm.airdrop(from, lamports(2n * SOL));
    const first = await api['solana.sweep']({ to });
    expect(enclave.calls.filter((c) => c === 'signEd25519')).toHaveLength(1);
    expect(svm.getBalance(to)).toBe(2n * SOL - FEE);
    expect(svm.getBalance(from) ?? 0n).toBe(0n);

    await svc.requestEject();
    await svc.eject();
    enclave.offline = true;
    svm.airdrop(from, lamports(SOL));
    const second = await api['solana.sweep']({ to });
    expect(sent).toEqual([first.signature, second.signature]);
    expect(enclave.calls.filter((c) => c === 'signEd25519')).toHaveLength(1);
    expect(svm.getBalance(to)).toBe(3n * SOL - 2n * FEE);
    expect(svm.getBalance(from) ?? 0n).toBe(0n);
  });
});
