/**
 * dApp page script using viem with the wallet found through EIP-6963 discovery (by rdns `dev.twofold`),
 * never through `window.ethereum`. Discovery is the few lines mipd's store wraps: listen for announcements,
 * then ask wallets to announce. Bundled by `bundleDapp()` and driven through `window.dapp`.
 */
import {
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Provider,
  type Hex,
  http,
  verifyTypedData,
} from 'viem';

type Outcome = { ok: true; value: unknown } | { ok: false; code: number | undefined; message: string };
interface Announced {
  info: { uuid: string; name: string; icon: string; rdns: string };
  provider: EIP1193Provider;
}

const announced: Announced[] = [];
window.addEventListener('eip6963:announceProvider', (e) => {
  announced.push((e as CustomEvent<Announced>).detail);
});
window.dispatchEvent(new Event('eip6963:requestProvider'));

const twofold = () => {
  const found = announced.find((a) => a.info.rdns === 'dev.twofold');
  if (!found) throw Object.assign(new Error('Twofold was not announced'), { code: -1 });
  return found.provider;
};

const seen: { event: string; data: unknown }[] = [];
try {
  const p = twofold() as unknown as { on(e: string, l: (d: unknown) => void): void };
  for (const event of ['accountsChanged', 'chainChanged']) p.on(event, (data) => seen.push({ event, data }));
} catch {
  // Not announced: every call below reports it.
}

async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    const err = e as { code?: number; cause?: { code?: number }; shortMessage?: string; message?: string };
    return {
      ok: false,
      code: err.code ?? err.cause?.code,
      message: String(err.shortMessage ?? err.message ?? e),
    };
  }
}

/** EIP-712 "Ether Mail" on the wallet's active chain. */
const mail = (chainId: number) =>
  ({
    domain: {
      name: 'Ether Mail',
      version: '1',
      chainId,
      verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC',
    },
    types: {
      Person: [
        { name: 'name', type: 'string' },
        { name: 'wallet', type: 'address' },
      ],
      Mail: [
        { name: 'from', type: 'Person' },
        { name: 'to', type: 'Person' },
        { name: 'contents', type: 'string' },
      ],
    },
    primaryType: 'Mail',
    message: {
      from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
      to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
      contents: 'Hello, Bob!',
    },
  }) as const;

const dapp = {
  announcements: () => announced.map((a) => a.info),
  events: () => seen,
  accounts: () => outcome(async () => createWalletClient({ transport: custom(twofold()) }).getAddresses()),
  chainId: () => outcome(async () => createWalletClient({ transport: custom(twofold()) }).getChainId()),
  connect: () => outcome(async () => createWalletClient({ transport: custom(twofold()) }).requestAddresses()),
  /** eth_signTypedData_v4, verified with viem's verifyTypedData against the connected address. */
  signTypedDataAndVerify: () =>
    outcome(async () => {
      const wallet = createWalletClient({ transport: custom(twofold()) });
      const [account] = await wallet.getAddresses();
      if (!account) throw Object.assign(new Error('not connected'), { code: 4100 });
      const typed = mail(await wallet.getChainId());
      const signature: Hex = await wallet.signTypedData({ account, ...typed });
      return { account, signature, valid: await verifyTypedData({ address: account, signature, ...typed }) };
    }),
  /** Read through the wallet's RPC proxy and directly from a node, to compare. */
  balanceViaWallet: (address: Hex) =>
    outcome(async () =>
      (await createPublicClient({ transport: custom(twofold()) }).getBalance({ address })).toString(),
    ),
  balanceDirect: (rpcUrl: string, address: Hex) =>
    outcome(async () =>
      (await createPublicClient({ transport: http(rpcUrl) }).getBalance({ address })).toString(),
    ),
};

(window as unknown as { dapp: typeof dapp }).dapp = dapp;
document.body.dataset.ready = 'true';
