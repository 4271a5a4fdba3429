import { describe, expect, it } from 'vitest';
import { BUILTIN_EVM_CHAINS, defaultEvmChain, findBuiltinChain, toHexChainId } from './evm-chains.ts';

describe('EVM chains', () => {
  it('has the four built-in chains of the provider spec with unique ids', () => {
    const ids = BUILTIN_EVM_CHAINS.map((c) => c.chainId);
    expect(ids).toEqual([31337, 1, 11155111, 8453]);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('defaults to the local anvil chain in a development build', () => {
    expect(defaultEvmChain().chainId).toBe(31337);
    expect(defaultEvmChain().local).toBe(true);
  });
  it('formats chain ids as minimal hex quantities', () => {
    expect(toHexChainId(31337)).toBe('0x7a69');
    expect(toHexChainId(1)).toBe('0x1');
    expect(findBuiltinChain(424242)).toBeUndefined();
  });
  it('uses https for every non-local chain', () => {
    for (const c of BUILTIN_EVM_CHAINS.filter((c) => !c.local))
      expect(c.rpcUrl.startsWith('https://')).toBe(true);
  });
});
