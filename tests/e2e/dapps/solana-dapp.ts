/**
 * A Solana dApp page script: finds wallets with @wallet-standard/app `getWallets()` (as wallet adapters
 * do), builds transactions with @solana/kit, and verifies every signature it gets with kit.
 */

import {
  type Address,
  appendTransactionMessageInstructions,
  type Blockhash,
  compileTransaction,
  createNoopSigner,
  createTransactionMessage,
  getPublicKeyFromAddress,
  getTransactionDecoder,
  getTransactionEncoder,
  lamports,
  pipe,
  type SignatureBytes,
  setTransactionMessageFeePayer,
  setTransactionMessageLifetimeUsingBlockhash,
  verifySignature,
} from '@solana/kit';
import type {
  SolanaSignAndSendTransactionFeature,
  SolanaSignInFeature,
  SolanaSignInInput,
  SolanaSignMessageFeature,
  SolanaSignTransactionFeature,
} from '@solana/wallet-standard-features';
import { verifySignIn } from '@solana/wallet-standard-util';
import { getTransferSolInstruction } from '@solana-program/system';
import { getWallets } from '@wallet-standard/app';
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import type { StandardConnectFeature, StandardEventsFeature } from '@wallet-standard/features';

type Outcome = { ok: boolean; value?: unknown; code?: number | string; message?: string };
type Features = StandardConnectFeature &
  StandardEventsFeature &
  SolanaSignInFeature &
  SolanaSignMessageFeature &
  SolanaSignTransactionFeature &
  SolanaSignAndSendTransactionFeature;

const wallets = getWallets();
let account: WalletAccount | null = null;
const changes: string[][] = [];
let listening = false;

function twofold(): Wallet & { features: Features } {
  const w = wallets.get().find((x) => x.name === 'Twofold');
  if (!w) throw new Error('Twofold not found');
  return w as Wallet & { features: Features };
}

async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    const err = e as { code?: number; message?: string };
    return { ok: false, code: err.code, message: err.message };
  }
}

function transfer(from: Address, to: Address, amount: bigint, blockhash: string, version: 'legacy' | 0) {
  const message = pipe(
    createTransactionMessage({ version }),
    (m) => setTransactionMessageFeePayer(from, m),
    (m) =>
      setTransactionMessageLifetimeUsingBlockhash(
        { blockhash: blockhash as Blockhash, lastValidBlockHeight: 1_000_000n },
        m,
      ),
    (m) =>
      appendTransactionMessageInstructions(
        [
          getTransferSolInstruction({
            source: createNoopSigner(from),
            destination: to,
            amount: lamports(amount),
          }),
        ],
        m,
      ),
  );
  return new Uint8Array(getTransactionEncoder().encode(compileTransaction(message)));
}

const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

const dapp = {
  walletNames: async (): Promise<Outcome> =>
    outcome(async () =>
      wallets.get().map((w) => ({ name: w.name, chains: [...w.chains], features: Object.keys(w.features) })),
    ),
  connect: (): Promise<Outcome> =>
    outcome(async () => {
      const w = twofold();
      if (!listening)
        w.features['standard:events'].on('change', ({ accounts }) => {
          if (accounts) changes.push(accounts.map((a) => a.address));
        });
      listening = true;
      const { accounts } = await w.features['standard:connect'].connect();
      account = accounts[0] ?? null;
      if (!account) throw new Error('no account');
      const key = await crypto.subtle.importKey('raw', new Uint8Array(account.publicKey), 'Ed25519', true, [
        'verify',
      ]);
      // The public key the wallet gave is the address's key.
      const same =
        b64(new Uint8Array(await crypto.subtle.exportKey('raw', key))) ===
        b64(new Uint8Array(account.publicKey));
      return { address: account.address, chains: [...account.chains], publicKeyMatches: same };
    }),
  changes: async (): Promise<Outcome> => ({ ok: true, value: changes }),
  signMessageAndVerify: (text: string): Promise<Outcome> =>
    outcome(async () => {
      if (!account) throw new Error('not connected');
      const message = new TextEncoder().encode(text);
      const [out] = await twofold().features['solana:signMessage'].signMessage({ account, message });
      const key = await getPublicKeyFromAddress(account.address as Address);
      const valid = await verifySignature(key, out!.signature as SignatureBytes, out!.signedMessage);
      return { valid, sameMessage: b64(out!.signedMessage) === b64(message) };
    }),
  /**
   * Sign In With Solana as a dApp does it: its own nonce and times, then the library's verifySignIn.
   * `domain` defaults to this page's host; another one lets a test ask for a mismatched sign-in.
   */
  signInAndVerify: (statement: string, domain: string = location.host): Promise<Outcome> =>
    outcome(async () => {
      const input: SolanaSignInInput = {
        domain,
        statement,
        uri: location.origin,
        version: '1',
        chainId: 'solana:localnet',
        nonce: Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
          b.toString(16).padStart(2, '0'),
        ).join(''),
        issuedAt: new Date().toISOString(),
        expirationTime: new Date(Date.now() + 10 * 60_000).toISOString(),
        resources: [`${location.origin}/terms`],
      };
      const [out] = await twofold().features['solana:signIn'].signIn(input);
      account = out!.account;
      return {
        verified: verifySignIn(input, out!),
        address: out!.account.address,
        signatureType: out!.signatureType,
        message: new TextDecoder().decode(out!.signedMessage),
      };
    }),
  signTransactionAndVerify: (
    to: string,
    amount: string,
    blockhash: string,
    version: 'legacy' | 0,
  ): Promise<Outcome> =>
    outcome(async () => {
      if (!account) throw new Error('not connected');
      const tx = transfer(account.address as Address, to as Address, BigInt(amount), blockhash, version);
      const [out] = await twofold().features['solana:signTransaction'].signTransaction({
        account,
        transaction: tx,
        chain: 'solana:localnet',
      });
      const signed = getTransactionDecoder().decode(out!.signedTransaction);
      const sig = signed.signatures[account.address as Address];
      const key = await getPublicKeyFromAddress(account.address as Address);
      const valid = !!sig && (await verifySignature(key, sig, signed.messageBytes));
      return { valid, signedTransaction: b64(out!.signedTransaction) };
    }),
  signAndSend: (to: string, amount: string, blockhash: string): Promise<Outcome> =>
    outcome(async () => {
      if (!account) throw new Error('not connected');
      const tx = transfer(account.address as Address, to as Address, BigInt(amount), blockhash, 'legacy');
      const [out] = await twofold().features['solana:signAndSendTransaction'].signAndSendTransaction({
        account,
        transaction: tx,
        chain: 'solana:localnet',
      });
      return { signature: b64(out!.signature) };
    }),
};

(window as unknown as { dapp: typeof dapp }).dapp = dapp;
document.body.dataset.ready = 'true';
