import { describe, expect, it } from 'vitest';
import { SUPPORTED_METHODS } from './rpc-router.ts';
import { codeOf, testProvider } from './test-support.ts';

describe('rpc router', () => {
  it('supports every method of SPEC §8', () => {
    for (const m of [
      'eth_requestAccounts',
      'eth_accounts',
      'eth_chainId',
      'net_version',
      'personal_sign',
      'eth_signTypedData_v4',
      'eth_sendTransaction',
      'eth_signTransaction',
      'wallet_switchEthereumChain',
      'wallet_addEthereumChain',
      'wallet_requestPermissions',
      'wallet_getPermissions',
      'wallet_revokePermissions',
      'eth_blockNumber',
      'eth_getBalance',
      'eth_call',
      'eth_getLogs',
    ])
      expect(SUPPORTED_METHODS).toContain(m);
  });

  it('unknown methods and prototype names are 4200', async () => {
    const t = testProvider();
    for (const m of ['eth_sign', 'eth_doesNotExist', '__proto__', 'constructor', 'toString'])
      expect(await codeOf(t.call(m))).toBe(4200);
  });

  it('an unexpected wallet failure becomes -32603 without its text', async () => {
    const t = testProvider();
    await t.connect();
    t.wallet.signPersonalMessage = async () => {
      throw new Error('share 0xdeadbeef leaked?');
    };
    const err = await t
      .call('personal_sign', ['0x00', t.wallet.account.address])
      .catch((e: { code: number; message: string }) => e);
    expect((err as { code: number }).code).toBe(-32603);
    expect(String((err as Error).message)).not.toContain('deadbeef');
  });
});
