import { verifyTypedData } from 'viem';
import { describe, expect, it } from 'vitest';
import { codeOf, testProvider } from '../test-support.ts';

const mail = (chainId: number | string | undefined = 31337) => ({
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      ...(chainId === undefined ? [] : [{ name: 'chainId', type: 'uint256' }]),
    ],
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
  domain: { name: 'Ether Mail', version: '1', ...(chainId === undefined ? {} : { chainId }) },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
});

describe('eth_signTypedData_v4', () => {
  it('signs after approval (JSON string); the signature verifies with viem', async () => {
    const t = testProvider();
    await t.connect();
    const address = t.wallet.account.address;
    const data = mail();
    const sig = (await t.call('eth_signTypedData_v4', [address, JSON.stringify(data)])) as `0x${string}`;
    const { EIP712Domain: _d, ...types } = data.types;
    expect(
      await verifyTypedData({
        address,
        domain: { ...data.domain, chainId: 31337 },
        types,
        primaryType: 'Mail',
        message: data.message,
        signature: sig,
      }),
    ).toBe(true);
    expect(t.approvals.seen[0]).toMatchObject({
      content: { kind: 'typedData', address, typedDataChainId: 31337 },
      warnings: [],
    });
  });

  it('refuses data for another chain before asking the user (-32602), and signs nothing', async () => {
    const t = testProvider();
    await t.connect();
    const asked = t.approvals.seen.length;
    await expect(t.call('eth_signTypedData_v4', [t.wallet.account.address, mail(1)])).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('domain.chainId 1 is not the active chain 31337'),
    });
    expect(t.approvals.seen.length).toBe(asked);
    expect(t.wallet.signed).toEqual([]);
  });

  it('no chainId in the domain: no warning', async () => {
    const t = testProvider();
    await t.connect();
    await t.call('eth_signTypedData_v4', [t.wallet.account.address, mail(undefined)]);
    expect(t.approvals.seen[0]?.warnings).toEqual([]);
  });

  it('unconnected → 4100; rejected → 4001', async () => {
    const t = testProvider();
    const addr = t.wallet.account.address;
    expect(await codeOf(t.call('eth_signTypedData_v4', [addr, mail()]))).toBe(4100);
    await t.connect();
    t.approvals.decision = 'reject';
    expect(await codeOf(t.call('eth_signTypedData_v4', [addr, mail()]))).toBe(4001);
    expect(t.wallet.signed).toEqual([]);
  });

  it.each([
    ['not json', '{'],
    ['no types', { ...mail(), types: undefined }],
    ['unknown primary type', { ...mail(), primaryType: 'Nope' }],
    ['no message', { ...mail(), message: undefined }],
    ['bad chainId', mail('abc')],
    [
      'value does not match type',
      { ...mail(), message: { ...mail().message, to: { name: 'B', wallet: 'xyz' } } },
    ],
  ])('refuses %s with -32602', async (_why, payload) => {
    const t = testProvider();
    await t.connect();
    expect(await codeOf(t.call('eth_signTypedData_v4', [t.wallet.account.address, payload]))).toBe(-32602);
    expect(t.approvals.seen).toHaveLength(0);
  });

  it('refuses a wrong parameter order / count with -32602', async () => {
    const t = testProvider();
    await t.connect();
    expect(await codeOf(t.call('eth_signTypedData_v4', [mail(), t.wallet.account.address]))).toBe(-32602);
    expect(await codeOf(t.call('eth_signTypedData_v4', [t.wallet.account.address]))).toBe(-32602);
  });
});
