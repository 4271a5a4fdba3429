import { describe, expect, it } from 'vitest';
import { testProvider } from '../test-support.ts';

describe('eth_chainId / net_version', () => {
  it('answer every origin from the selected chain', async () => {
    const t = testProvider();
    expect(await t.call('eth_chainId')).toBe('0x7a69');
    expect(await t.call('net_version', [], 'https://other.example')).toBe('31337');
    await t.ctx.chains.select(8453);
    expect(await t.call('eth_chainId')).toBe('0x2105');
    expect(await t.call('net_version')).toBe('8453');
  });
});
