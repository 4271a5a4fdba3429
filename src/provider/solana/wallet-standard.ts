/**
 * The Wallet Standard wallet pages see (MAIN world). Like the EIP-1193 provider it owns nothing and decides
 * nothing: each feature is one `solana_*` request over the same relay and port (the background takes the
 * origin from the port). Bytes travel as base64 (the port carries JSON).
 */
import {
  SolanaSignAndSendTransaction,
  type SolanaSignAndSendTransactionFeature,
  type SolanaSignAndSendTransactionInput,
  type SolanaSignAndSendTransactionOutput,
  SolanaSignIn,
  type SolanaSignInFeature,
  type SolanaSignInInput,
  type SolanaSignInOutput,
  SolanaSignMessage,
  type SolanaSignMessageFeature,
  type SolanaSignMessageInput,
  type SolanaSignMessageOutput,
  SolanaSignTransaction,
  type SolanaSignTransactionFeature,
  type SolanaSignTransactionInput,
  type SolanaSignTransactionOutput,
} from '@solana/wallet-standard-features';
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import {
  StandardConnect,
  type StandardConnectFeature,
  type StandardConnectOutput,
  StandardDisconnect,
  type StandardDisconnectFeature,
  StandardEvents,
  type StandardEventsFeature,
  type StandardEventsListeners,
  type StandardEventsNames,
} from '@wallet-standard/features';
import { ReadonlyWalletAccount, registerWallet } from '@wallet-standard/wallet';
import { SOLANA_CHAINS } from '../../chains/solana/solana-clusters.ts';
import { TWOFOLD_ICON } from '../eip6963.ts';

export type SolanaRequest = (method: string, params: unknown) => Promise<unknown>;

const ACCOUNT_FEATURES = [
  SolanaSignIn,
  SolanaSignMessage,
  SolanaSignTransaction,
  SolanaSignAndSendTransaction,
] as const;

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function unb64(v: unknown): Uint8Array {
  if (typeof v !== 'string') throw new Error('Twofold: malformed answer from the wallet.');
  return Uint8Array.from(atob(v), (c) => c.charCodeAt(0));
}

function toAccount(a: { address?: unknown; publicKey?: unknown }): ReadonlyWalletAccount {
  return new ReadonlyWalletAccount({
    address: String(a.address),
    publicKey: unb64(a.publicKey),
    chains: [...SOLANA_CHAINS],
    features: [...ACCOUNT_FEATURES],
  });
}

export type TwofoldSolanaFeatures = StandardConnectFeature &
  StandardDisconnectFeature &
  StandardEventsFeature &
  SolanaSignInFeature &
  SolanaSignMessageFeature &
  SolanaSignTransactionFeature &
  SolanaSignAndSendTransactionFeature;

export class TwofoldSolanaWallet implements Wallet {
  readonly version = '1.0.0' as const;
  readonly name = 'Twofold';
  readonly icon = TWOFOLD_ICON as `data:image/svg+xml;base64,${string}`;
  readonly chains = [...SOLANA_CHAINS];
  #accounts: ReadonlyWalletAccount[] = [];
  // 'change' is the only Wallet Standard event.
  readonly #changeListeners = new Set<StandardEventsListeners['change']>();

  constructor(private readonly request: SolanaRequest) {}

  get accounts(): readonly WalletAccount[] {
    return this.#accounts.slice();
  }

  get features(): TwofoldSolanaFeatures {
    return {
      [StandardConnect]: { version: '1.0.0', connect: (input) => this.#connect(input?.silent === true) },
      [StandardDisconnect]: { version: '1.0.0', disconnect: () => this.#disconnect() },
      [StandardEvents]: { version: '1.0.0', on: (event, listener) => this.#on(event, listener) },
      // 1.0.0: no offchain-message sign-in (1.1.0's useOffchainMessage).
      [SolanaSignIn]: { version: '1.0.0', signIn: (...inputs) => this.#signIns(inputs) },
      [SolanaSignMessage]: { version: '1.1.0', signMessage: (...inputs) => this.#signMessages(inputs) },
      [SolanaSignTransaction]: {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signTransaction: (...inputs) => this.#signTransactions(inputs),
      },
      [SolanaSignAndSendTransaction]: {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signAndSendTransaction: (...inputs) => this.#signAndSend(inputs),
      },
    };
  }

  #on<E extends StandardEventsNames>(event: E, listener: StandardEventsListeners[E]): () => void {
    if (event !== 'change') return () => {};
    const l = listener as StandardEventsListeners['change'];
    this.#changeListeners.add(l);
    return () => {
      this.#changeListeners.delete(l);
    };
  }

  #setAccounts(accounts: ReadonlyWalletAccount[]): void {
    const same =
      accounts.length === this.#accounts.length &&
      accounts.every((a, i) => a.address === this.#accounts[i]?.address);
    this.#accounts = accounts;
    if (same) return;
    for (const l of [...this.#changeListeners]) {
      try {
        l({ accounts: this.accounts });
      } catch (e) {
        setTimeout(() => {
          throw e;
        });
      }
    }
  }

  async #connect(silent: boolean): Promise<StandardConnectOutput> {
    const res = await this.request('solana_connect', [{ silent }]);
    if (!Array.isArray(res)) throw new Error('Twofold: malformed answer from the wallet.');
    this.#setAccounts(res.map(toAccount));
    return { accounts: this.accounts };
  }

  /**
   * Each input is one sign-in (one approval). Signing in connects: the account becomes the wallet's
   * account for this page and `change` fires as for connect. No input at all means one sign-in with no
   * fields (what wallet adapters send for `signIn()`).
   */
  async #signIns(inputs: readonly SolanaSignInInput[]): Promise<SolanaSignInOutput[]> {
    const out: SolanaSignInOutput[] = [];
    for (const i of inputs.length > 0 ? inputs : [{}]) {
      const r = (await this.request('solana_signIn', [{ ...i }])) as {
        account?: { address?: unknown; publicKey?: unknown };
        signedMessage?: unknown;
        signature?: unknown;
      };
      if (typeof r?.account !== 'object' || r.account === null)
        throw new Error('Twofold: malformed answer from the wallet.');
      const account = toAccount(r.account);
      const signedMessage = unb64(r.signedMessage);
      const signature = unb64(r.signature);
      this.#setAccounts([account]);
      out.push({
        account,
        signedMessage,
        signature,
        signatureType: 'ed25519',
      });
    }
    return out;
  }

  async #disconnect(): Promise<void> {
    await this.request('solana_disconnect', [{}]);
    this.#setAccounts([]);
  }

  #ownAccount(account: WalletAccount): string {
    if (!this.#accounts.some((a) => a.address === account?.address))
      throw new Error('Twofold: that account is not connected.');
    return account.address;
  }

  // Inputs are handled one at a time: each is its own approval in the window, in order.
  async #signMessages(inputs: readonly SolanaSignMessageInput[]): Promise<SolanaSignMessageOutput[]> {
    const out: SolanaSignMessageOutput[] = [];
    for (const i of inputs) {
      const r = (await this.request('solana_signMessage', [
        { account: this.#ownAccount(i.account), message: b64(i.message) },
      ])) as { signedMessage?: unknown; signature?: unknown };
      out.push({
        signedMessage: unb64(r.signedMessage),
        signature: unb64(r.signature),
        signatureType: 'ed25519',
      });
    }
    return out;
  }

  async #signTransactions(
    inputs: readonly SolanaSignTransactionInput[],
  ): Promise<SolanaSignTransactionOutput[]> {
    const out: SolanaSignTransactionOutput[] = [];
    for (const i of inputs) {
      const r = (await this.request('solana_signTransaction', [
        {
          account: this.#ownAccount(i.account),
          transaction: b64(i.transaction),
          ...(i.chain ? { chain: i.chain } : {}),
        },
      ])) as { signedTransaction?: unknown };
      out.push({ signedTransaction: unb64(r.signedTransaction) });
    }
    return out;
  }

  async #signAndSend(
    inputs: readonly SolanaSignAndSendTransactionInput[],
  ): Promise<SolanaSignAndSendTransactionOutput[]> {
    const out: SolanaSignAndSendTransactionOutput[] = [];
    for (const i of inputs) {
      const r = (await this.request('solana_signAndSendTransaction', [
        {
          account: this.#ownAccount(i.account),
          transaction: b64(i.transaction),
          chain: i.chain,
          ...(i.options ? { options: { ...i.options } } : {}),
        },
      ])) as { signature?: unknown };
      out.push({ signature: unb64(r.signature) });
    }
    return out;
  }
}

/** Register Twofold with every Wallet Standard app on the page (now and when an app loads later). */
export function registerTwofoldSolanaWallet(request: SolanaRequest): TwofoldSolanaWallet {
  const wallet = new TwofoldSolanaWallet(request);
  registerWallet(wallet);
  return wallet;
}
