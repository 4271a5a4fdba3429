import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../src/vault/test-env.ts';
import { WalletService } from '../../../src/wallet/wallet-service.ts';
import { FakeEnclave } from './fake-enclave.ts';
import { IDENTITY, PASSWORD } from './helpers.ts';

describe('WalletService keeps the background awake during its operations', () => {
  it('runs every enclave exchange inside keepAwake, and nothing after the operation ends', async () => {
    const enclave = new FakeEnclave();
    let awake = 0;
    const seenAwake: [string, number][] = [];
    for (const op of ['createWallet', 'signEcdsa', 'signEd25519'] as const) {
      const real = (enclave[op] as (...a: unknown[]) => Promise<unknown>).bind(enclave);
      (enclave as unknown as Record<string, unknown>)[op] = async (...a: unknown[]) => {
        seenAwake.push([op, awake]);
        return real(...a);
      };
    }
    const svc = new WalletService({
      vault: testEnv().open(),
      connect: () => enclave,
      enclaveUrl: 'ws://127.0.0.1:1',
      enclaveIdentityKey: IDENTITY,
      keepAwake: async (work) => {
        awake++;
        try {
          return await work();
        } finally {
          awake--;
        }
      },
    });
    await svc.generateWallet(PASSWORD);
    await svc.sign({ kind: 'personal', message: new Uint8Array([1]) });
    await svc.sign({ kind: 'ed25519', message: new Uint8Array([2]) });
    expect(seenAwake).toEqual([
      ['createWallet', 1],
      ['signEcdsa', 1],
      ['signEd25519', 1],
    ]);
    expect(awake).toBe(0);
  });
});
