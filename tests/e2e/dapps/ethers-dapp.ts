/**
 * dApp page script using ethers v6 `BrowserProvider` on `window.ethereum`, the way most dApps do.
 * Bundled by `bundleDapp()` and driven by e2e tests through `window.dapp`. Every call resolves to
 * `{ ok: true, value }` or `{ ok: false, code, message }` so a rejection is data for the test.
 */
import { BrowserProvider, type Eip1193Provider, getAddress, parseEther, verifyMessage } from 'ethers';

type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; code: number | string | undefined; message: string };

const eth = (
  window as unknown as { ethereum: Eip1193Provider & { on(e: string, l: (x: unknown) => void): void } }
).ethereum;
const provider = new BrowserProvider(eth);
provider.pollingInterval = 250; // receipts are polled through the wallet's RPC proxy; anvil mines at once
const seen: { event: string; data: unknown }[] = [];
for (const event of ['accountsChanged', 'chainChanged']) eth.on(event, (data) => seen.push({ event, data }));

async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    // ethers wraps provider errors: the EIP-1193 code is on .error or .info.error.
    const err = e as {
      code?: unknown;
      error?: { code?: number };
      info?: { error?: { code?: number } };
      message?: string;
    };
    const code = err.error?.code ?? err.info?.error?.code ?? (err.code as number | string | undefined);
    return { ok: false, code, message: String(err.message ?? e) };
  }
}

const dapp = {
  events: () => seen,
  chainId: () => outcome(async () => (await provider.getNetwork()).chainId.toString()),
  /** eth_requestAccounts through ethers (opens the approval window). */
  connect: () => outcome(async () => getAddress((await provider.getSigner()).address)),
  accounts: () => outcome(async () => (await provider.listAccounts()).map((s) => s.address)),
  /** personal_sign, then ethers.verifyMessage recovers the signer: returns both for the test to compare. */
  signAndVerify: (message: string) =>
    outcome(async () => {
      const signer = await provider.getSigner();
      const signature = await signer.signMessage(message);
      return { signer: signer.address, signature, recovered: verifyMessage(message, signature) };
    }),
  /** eth_sendTransaction of `ether` to `to`, waiting for the receipt from the chain. */
  send: (to: string, ether: string) =>
    outcome(async () => {
      const signer = await provider.getSigner();
      const tx = await signer.sendTransaction({ to, value: parseEther(ether) });
      const receipt = await tx.wait();
      return { hash: tx.hash, status: receipt?.status, blockNumber: receipt?.blockNumber };
    }),
  switchChain: (chainIdHex: string) =>
    outcome(() => provider.send('wallet_switchEthereumChain', [{ chainId: chainIdHex }])),
  revoke: () => outcome(() => provider.send('wallet_revokePermissions', [{ eth_accounts: {} }])),
};

(window as unknown as { dapp: typeof dapp }).dapp = dapp;
document.body.dataset.ready = 'true';
