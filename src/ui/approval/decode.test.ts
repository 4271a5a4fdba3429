import { describe, expect, it } from 'vitest';
import { describeMessage, formatGwei, formatNative, typedDataTree } from './decode.ts';

describe('approval decoding', () => {
  it('shows a UTF-8 message as text and keeps its hex', () => {
    expect(describeMessage('0x68656c6c6f20f09f9181')).toEqual({
      text: 'hello 👁',
      hex: '0x68656c6c6f20f09f9181',
    });
  });
  it('shows binary or control-character messages as hex only', () => {
    expect(describeMessage('0xdeadbeef').text).toBeNull();
    expect(describeMessage('0x61006263').text).toBeNull();
    expect(describeMessage('0x61e280ae62').text).toBeNull(); // right-to-left override
    expect(describeMessage('0x610a62').text).toBe('a\nb');
  });
  it('formats values in ETH and gwei', () => {
    expect(formatNative('0xde0b6b3a7640000', 'ETH')).toBe('1 ETH');
    expect(formatNative('0x0', 'ETH')).toBe('0 ETH');
    expect(formatGwei('0x3b9aca00')).toBe('1 gwei');
    expect(formatGwei(undefined)).toBe('—');
  });
  it('builds the EIP-712 tree with nested structs and arrays', () => {
    const json = JSON.stringify({
      types: {
        EIP712Domain: [{ name: 'name', type: 'string' }],
        Person: [
          { name: 'name', type: 'string' },
          { name: 'wallets', type: 'address[]' },
        ],
        Mail: [
          { name: 'from', type: 'Person' },
          { name: 'contents', type: 'string' },
        ],
      },
      primaryType: 'Mail',
      domain: { name: 'Ether Mail', chainId: 1 },
      message: { from: { name: 'Cow', wallets: ['0x01', '0x02'] }, contents: 'Hello' },
    });
    const t = typedDataTree(json);
    expect(t.primaryType).toBe('Mail');
    expect(t.domain).toEqual([
      { label: 'name', value: 'Ether Mail' },
      { label: 'chainId', value: '1' },
    ]);
    expect(t.message[0]).toMatchObject({
      label: 'from',
      type: 'Person',
      children: [
        { label: 'name', value: 'Cow' },
        { label: 'wallets', children: [{ label: 'wallets[0]', value: '0x01' }, { label: 'wallets[1]' }] },
      ],
    });
    expect(t.message[1]).toEqual({ label: 'contents', type: 'string', value: 'Hello' });
  });
});
