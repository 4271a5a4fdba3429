import type { ChildProcess } from 'node:child_process';
import { BIN, freePort, spawnLogged, stopProcess } from './processes.ts';

export interface AnvilChain {
  rpcUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function rpc<T>(rpcUrl: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Start a real anvil (from the @foundry-rs/anvil npm package) on a free loopback port, chain 31337. */
export async function startAnvil(opts: { chainId?: number } = {}): Promise<AnvilChain> {
  const chainId = opts.chainId ?? 31337;
  const port = await freePort();
  const child: ChildProcess = spawnLogged(BIN('anvil'), [
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--chain-id',
    String(chainId),
    '--silent',
  ]);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited early: ${stderr}`);
    try {
      if ((await rpc<string>(rpcUrl, 'eth_chainId')) === `0x${chainId.toString(16)}`) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('anvil did not start in 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    rpcUrl,
    port,
    stop: async () => {
      await stopProcess(child);
    },
  };
}
