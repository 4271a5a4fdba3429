import { openEnclaveState } from './app.ts';
import { flagReader, parseEnclaveConfig } from './config.ts';
import { pairInfo } from './service/operations.ts';

/** Admin commands (the integrating customer's role, SPEC §7); they open the store next to a running service. */
export const ADMIN_COMMANDS = ['enable-eject', 'list-wallets', 'show-wallet'] as const;
const MIN_WINDOW_MS = 60_000;

export function runAdmin(command: string, argv: string[], env: NodeJS.ProcessEnv): number {
  const config = parseEnclaveConfig(argv, env);
  const { flag } = flagReader(argv);
  const state = openEnclaveState(config, env);
  const print = (v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
  try {
    switch (command) {
      case 'list-wallets':
        print(
          state.store.listWallets().map((w) => ({
            walletId: w.id,
            createdAt: w.createdAt,
            ejectableUntil: w.ejectableUntil,
            pairs: state.store.listPairs(w.id).length,
          })),
        );
        return 0;
      case 'show-wallet': {
        const id = flag('wallet');
        const w = id ? state.store.getWallet(id) : undefined;
        if (!w) throw new Error('unknown wallet (use --wallet ID)');
        print({
          walletId: w.id,
          createdAt: w.createdAt,
          ejectableFrom: w.ejectableFrom,
          ejectableUntil: w.ejectableUntil,
          pairs: state.store.listPairs(w.id).map(pairInfo),
        });
        return 0;
      }
      case 'enable-eject': {
        const id = flag('wallet');
        const until = flag('until');
        if (!id || !state.store.getWallet(id)) throw new Error('unknown wallet (use --wallet ID)');
        const t = until ? Date.parse(until) : Number.NaN;
        if (!Number.isFinite(t)) throw new Error('--until must be an ISO date');
        // As in the seed's SDK: a window shorter than a minute is refused.
        if (t < Date.now() + MIN_WINDOW_MS) throw new Error('ejectableUntil must be at least 1 minute ahead');
        const w = state.store.setEjectWindow(id, new Date(t).toISOString(), null);
        print({ walletId: w.id, ejectableUntil: w.ejectableUntil });
        return 0;
      }
      default:
        throw new Error(`unknown command ${command}`);
    }
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  } finally {
    state.db.close();
  }
}
