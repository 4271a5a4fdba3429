import { describe, expect, it } from 'vitest';
import { parseAddChainParameter, parseHexChainId } from './add-chain-params.ts';
import { checkRpcUrl } from './rpc-url-policy.ts';

const good = {
  chainId: '0xa',
  chainName: 'OP Mainnet',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: ['https://mainnet.optimism.io'],
  blockExplorerUrls: ['https://optimistic.etherscan.io'],
};

describe('wallet_addEthereumChain parameter', () => {
  it('accepts a well-formed EIP-3085 parameter', () => {
    const r = parseAddChainParameter(good);
    expect(r).toMatchObject({ ok: true, chain: { chainId: 10, name: 'OP Mainnet' } });
  });
  it('marks a loopback chain as local', () => {
    const r = parseAddChainParameter({ ...good, rpcUrls: ['http://127.0.0.1:8545'] });
    expect(r.ok && r.chain.local).toBe(true);
  });
  it.each([
    [{ ...good, chainId: '10' }, /chainId/],
    [{ ...good, chainId: '0x0a' }, /chainId/],
    [{ ...good, chainId: '0x0' }, /chainId/],
    [{ ...good, chainName: '' }, /chainName/],
    [{ ...good, nativeCurrency: { name: 'X', symbol: 'X', decimals: 9 } }, /nativeCurrency/],
    [{ ...good, rpcUrls: [] }, /rpcUrls/],
    [{ ...good, rpcUrls: ['http://rpc.example'] }, /loopback/],
    [{ ...good, blockExplorerUrls: ['http://x.example'] }, /https/],
    [null, /object/],
  ])('refuses %o', (p, reason) => {
    const r = parseAddChainParameter(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
  it('parses hex chain ids strictly', () => {
    expect(parseHexChainId('0x7a69')).toBe(31337);
    expect(parseHexChainId('0x')).toBeNull();
    expect(parseHexChainId(1)).toBeNull();
    expect(parseHexChainId('0x1fffffffffffffff')).toBeNull();
  });
  it('rpc URL policy: https anywhere, http only on loopback, no credentials, no other schemes', () => {
    expect(checkRpcUrl('https://a.example').ok).toBe(true);
    expect(checkRpcUrl('http://localhost:8545').ok).toBe(true);
    expect(checkRpcUrl('http://127.0.0.2:8545').ok).toBe(true);
    expect(checkRpcUrl('http://192.168.1.1').ok).toBe(false);
    expect(checkRpcUrl('https://u:p@a.example').ok).toBe(false);
    expect(checkRpcUrl('wss://a.example').ok).toBe(false);
    expect(checkRpcUrl('not a url').ok).toBe(false);
  });
});
