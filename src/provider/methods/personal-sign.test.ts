import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hashMessage, hexToBytes, recoverMessageAddress, stringToHex, verifyMessage } from 'viem';
import { describe, expect, it } from 'vitest';
import { codeOf, TEST_KEY, testProvider } from '../test-support.ts';

describe('personal_sign', () => {
  it('signs the UTF-8 text after approval; the signature verifies (viem and noble)', async () => {
    const t = testProvider();
    await t.connect();
    const address = t.wallet.account.address;
    const sig = (await t.call('personal_sign', [stringToHex('hello twofold'), address])) as `0x${string}`;
    expect(await verifyMessage({ address, message: 'hello twofold', signature: sig })).toBe(true);
    const bytes = hexToBytes(sig);
    const pub = secp256k1.getPublicKey(hexToBytes(TEST_KEY));
    expect(
      secp256k1.verify(bytes.slice(0, 64), hexToBytes(hashMessage('hello twofold')), pub, { prehash: false }),
    ).toBe(true);
    expect(t.approvals.seen[0]?.content).toEqual({
      kind: 'personalSign',
      address,
      messageHex: stringToHex('hello twofold'),
    });
    expect(t.approvals.seen[0]?.warnings).toEqual([]);
  });

  it('treats a non-hex message as UTF-8 text', async () => {
    const t = testProvider();
    await t.connect();
    const address = t.wallet.account.address;
    const sig = (await t.call('personal_sign', ['plain text', address.toLowerCase()])) as `0x${string}`;
    expect(await recoverMessageAddress({ message: 'plain text', signature: sig })).toBe(address);
  });

  it('an unconnected origin gets 4100 and no prompt', async () => {
    const t = testProvider();
    expect(await codeOf(t.call('personal_sign', ['0x00', t.wallet.account.address]))).toBe(4100);
    expect(t.approvals.seen).toHaveLength(0);
    expect(t.wallet.signed).toHaveLength(0);
  });

  it('another address than the granted one gets 4100', async () => {
    const t = testProvider();
    await t.connect();
    expect(await codeOf(t.call('personal_sign', ['0x00', `0x${'11'.repeat(20)}`]))).toBe(4100);
  });

  it('rejection → 4001, nothing signed', async () => {
    const t = testProvider();
    await t.connect();
    t.approvals.decision = 'reject';
    expect(await codeOf(t.call('personal_sign', ['0x00', t.wallet.account.address]))).toBe(4001);
    expect(t.wallet.signed).toHaveLength(0);
  });

  it('unlocks first when locked', async () => {
    const t = testProvider();
    await t.connect();
    t.wallet.unlocked = false;
    await t.call('personal_sign', ['0x00', t.wallet.account.address]);
    expect(t.wallet.unlockRequests).toBe(1);
  });

  it.each([[[]], [['0x00']], [[5, '0x00']], [['0x00', 'not-an-address']], ['0x00']])(
    'refuses %j with -32602',
    async (params) => {
      const t = testProvider();
      await t.connect();
      expect(await codeOf(t.call('personal_sign', params))).toBe(-32602);
    },
  );
});
