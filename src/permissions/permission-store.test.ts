import { describe, expect, it } from 'vitest';
import { memoryPermissionsStorage, PermissionStore, toEip2255 } from './permission-store.ts';

describe('EIP-2255 permission store', () => {
  it('grants, lists, reads and revokes per origin', async () => {
    const store = new PermissionStore(memoryPermissionsStorage(), () => 1000);
    expect(await store.isConnected('https://a.example')).toBe(false);
    await store.grant('https://b.example', ['0xABCdef0000000000000000000000000000000001']);
    await store.grant('https://a.example', ['0x0000000000000000000000000000000000000002']);
    expect(await store.isConnected('https://a.example')).toBe(true);
    expect((await store.list()).map((g) => g.origin)).toEqual(['https://a.example', 'https://b.example']);
    expect((await store.get('https://b.example'))?.accounts).toEqual([
      '0xabcdef0000000000000000000000000000000001',
    ]);
    expect(await store.revoke('https://a.example')).toBe(true);
    expect(await store.revoke('https://a.example')).toBe(false);
    expect(await store.isConnected('https://a.example')).toBe(false);
    expect(await store.isConnected('https://b.example')).toBe(true);
  });

  it('keeps origins apart, including look-alikes and prototype keys', async () => {
    const store = new PermissionStore(memoryPermissionsStorage());
    await store.grant('https://a.example', ['0x0000000000000000000000000000000000000001']);
    expect(await store.isConnected('http://a.example')).toBe(false);
    expect(await store.isConnected('https://a.example:8443')).toBe(false);
    expect(await store.isConnected('__proto__')).toBe(false);
    expect(await store.isConnected('constructor')).toBe(false);
  });

  it('renders the EIP-2255 shape with the restrictReturnedAccounts caveat', () => {
    expect(toEip2255({ origin: 'https://a.example', accounts: ['0x01'], date: 5 })).toEqual({
      invoker: 'https://a.example',
      parentCapability: 'eth_accounts',
      caveats: [{ type: 'restrictReturnedAccounts', value: ['0x01'] }],
      date: 5,
    });
  });

  it('persists through the injected storage', async () => {
    const storage = memoryPermissionsStorage();
    await new PermissionStore(storage).grant('https://a.example', ['0x01']);
    expect(await new PermissionStore(storage).isConnected('https://a.example')).toBe(true);
  });
});
