import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EnclaveConfig } from './config.ts';
import { type EnclaveIdentity, loadOrCreateIdentity } from './identity.ts';
import type { Logger } from './log.ts';
import { type EnclaveServer, startEnclaveServer } from './server.ts';
import type { CurveEngine } from './service/curve-engine.ts';
import { ecdsaEngine, loadOrCreatePedersen, type PedersenSetup } from './service/ecdsa-engine.ts';
import { frostEngine } from './service/frost-engine.ts';
import { type Db, openDatabase } from './store/db.ts';
import { loadOrCreateMasterKey, Sealer } from './store/sealing.ts';
import { type Curve, WalletStore } from './store/wallet-store.ts';

export interface EnclaveState {
  identity: EnclaveIdentity;
  db: Db;
  store: WalletStore;
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
  return { identity, db, store: new WalletStore(db, new Sealer(masterKey)) };
}

/** The curve engines: ed25519 (FROST) and secp256k1 (ECDSA-2PC, with the Pedersen setup made once). */
export function curveEngines(state: EnclaveState, config: Pick<EnclaveConfig, 'devSafePrimesFile'>) {
  // Made (first start) or loaded on first use, so the service listens at once; `warm` runs it right after.
  let pedersen: PedersenSetup | undefined;
  const setup = () => {
    pedersen ??= loadOrCreatePedersen(state.store, config.devSafePrimesFile);
    return pedersen;
  };
  const engines: Partial<Record<Curve, CurveEngine>> = {
    ed25519: frostEngine,
    secp256k1: ecdsaEngine(setup),
  };
  return { engines, pedersenPublic: () => setup().publicJson, warm: () => void setup() };
}

export async function startEnclave(
  config: EnclaveConfig,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<{ server: EnclaveServer; state: EnclaveState; warm: () => void }> {
  const state = openEnclaveState(config, env);
  const { engines, pedersenPublic, warm } = curveEngines(state, config);
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
  return { server, state, warm };
}
