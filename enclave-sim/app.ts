import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EnclaveConfig } from './config.ts';
import { type EnclaveIdentity, loadOrCreateIdentity } from './identity.ts';
import type { Logger } from './log.ts';
import { type EnclaveServer, startEnclaveServer } from './server.ts';
import { type CurveEngine, withActivity } from './service/curve-engine.ts';
import { ecdsaEngine, loadOrCreatePedersen, type PedersenSetup } from './service/ecdsa-engine.ts';
import { frostEngine } from './service/frost-engine.ts';
import { PaillierKeyPool } from './service/paillier-pool.ts';
import { type Db, openDatabase } from './store/db.ts';
import { KeyPoolStore } from './store/key-pool-store.ts';
import { loadOrCreateMasterKey, Sealer } from './store/sealing.ts';
import { type Curve, WalletStore } from './store/wallet-store.ts';

export interface EnclaveState {
  identity: EnclaveIdentity;
  db: Db;
  store: WalletStore;
  /** Paillier keys made in idle time (sealed like shares). */
  keyPool: KeyPoolStore;
}

/** Open the data dir: identity key, master key (file 0600 or ENCLAVE_MASTER_KEY), SQLite store. */
export function openEnclaveState(
  config: Pick<EnclaveConfig, 'dataDir' | 'identityKeyFile'>,
  env: NodeJS.ProcessEnv,
): EnclaveState {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const identity = loadOrCreateIdentity(config.identityKeyFile);
  const masterKey = loadOrCreateMasterKey(path.join(config.dataDir, 'master.key'), env.ENCLAVE_MASTER_KEY);
  const db = openDatabase(config.dataDir);
  const sealer = new Sealer(masterKey);
  return { identity, db, store: new WalletStore(db, sealer), keyPool: new KeyPoolStore(db, sealer) };
}

/**
 * The curve engines: ed25519 (FROST) and secp256k1 (ECDSA-2PC, with the Pedersen setup made once and
 * Paillier keys from `pool` when given). Protocol traffic on either curve pauses the pool's idle-time work.
 */
export function curveEngines(
  state: EnclaveState,
  config: Pick<EnclaveConfig, 'devSafePrimesFile'>,
  pool?: PaillierKeyPool,
) {
  // Made (first start) or loaded on first use, so the service listens at once; `warm` runs it right after.
  let pedersen: PedersenSetup | undefined;
  const setup = () => {
    pedersen ??= loadOrCreatePedersen(state.store, config.devSafePrimesFile);
    return pedersen;
  };
  const ecdsa = ecdsaEngine(setup, pool ? () => pool.take() : undefined);
  const touch = () => pool?.touch();
  const engines: Partial<Record<Curve, CurveEngine>> = {
    ed25519: withActivity(frostEngine, touch),
    secp256k1: withActivity(ecdsa, touch),
  };
  return { engines, pedersenPublic: () => setup().publicJson, warm: () => void setup() };
}

/** `poolSize`: Paillier keys kept ready (0 turns the pool off: keys are made on demand). */
export async function startEnclave(
  config: EnclaveConfig,
  env: NodeJS.ProcessEnv,
  log: Logger,
  poolSize = 0,
  onPoolReady?: (size: number) => void,
): Promise<{ server: EnclaveServer; state: EnclaveState; warm: () => void; pool?: PaillierKeyPool }> {
  const state = openEnclaveState(config, env);
  const pool =
    poolSize > 0
      ? new PaillierKeyPool(state.keyPool, {
          target: poolSize,
          ...(onPoolReady ? { onReady: onPoolReady } : {}),
        })
      : undefined;
  const { engines, pedersenPublic, warm } = curveEngines(state, config, pool);
  const server = await startEnclaveServer({
    host: config.host,
    port: config.port,
    identity: state.identity,
    log,
    store: state.store,
    engines,
    pedersenPublic,
    config,
  });
  pool?.start();
  return { server, state, warm, ...(pool ? { pool } : {}) };
}
