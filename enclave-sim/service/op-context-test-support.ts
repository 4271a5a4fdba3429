import type { ChannelAuthClaim } from '../../src/mpc/channel/index.ts';
import { randomBytes } from '../../src/mpc/common/bytes.ts';
import { silentLogger } from '../log.ts';
import type { WalletStore } from '../store/wallet-store.ts';
import type { OpContext, ServiceDeps } from './operations.ts';
import { PairLocks } from './policy.ts';

/**
 * An operation context for handler tests (no channel, no MPC frames: the engines are stand-ins or the
 * handler never reaches them). Self-service eject opens at once for an hour.
 */
export function testOpContext(opts: {
  store: WalletStore;
  engines: ServiceDeps['engines'];
  claim: ChannelAuthClaim;
  devRawDigests?: boolean;
  now?: () => Date;
  nextMpc?: OpContext['nextMpc'];
}): OpContext {
  return {
    deps: {
      store: opts.store,
      engines: opts.engines,
      locks: new PairLocks(),
      log: silentLogger,
      devRawDigests: opts.devRawDigests ?? true,
      selfServiceEjectDelaySec: 0,
      selfServiceEjectWindowSec: 3600,
      now: opts.now ?? (() => new Date()),
    },
    transcriptHash: randomBytes(32),
    claim: opts.claim,
    walletId: opts.claim.walletId,
    peer: { enclaveId: randomBytes(32), clientId: randomBytes(32) },
    step: () => {},
    sendMpc: () => {},
    nextMpc: opts.nextMpc ?? (async () => []),
    adoptWallet: () => {},
    note: () => {},
  };
}
