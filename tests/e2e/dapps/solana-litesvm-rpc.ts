/**
 * A Solana JSON-RPC endpoint backed by litesvm (the Solana runtime in-process, from npm): enough of the
 * API for the wallet's signAndSendTransaction and the test's checks. There is no solana-test-validator here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Address, getBase58Decoder, getTransactionDecoder, lamports } from '@solana/kit';
import { FailedTransactionMetadata, LiteSVM } from 'litesvm';

export interface LitesvmRpc {
  url: string;
  svm: LiteSVM;
  sent: string[];
  close(): Promise<void>;
}

/** The JSON-RPC methods over one LiteSVM; `sent` collects the base58 signatures of sent transactions. */
export function litesvmRpcHandler(svm: LiteSVM, sent: string[]) {
  return (method: string, params: unknown[]): unknown => {
    switch (method) {
      case 'getLatestBlockhash':
        return {
          context: { slot: 0 },
          value: { blockhash: svm.latestBlockhash(), lastValidBlockHeight: 1_000_000 },
        };
      case 'getBalance':
        return { context: { slot: 0 }, value: Number(svm.getBalance(params[0] as Address) ?? 0n) };
      case 'getMinimumBalanceForRentExemption':
        return Number(svm.minimumBalanceForRentExemption(BigInt(params[0] as number)));
      case 'getFeeForMessage': {
        // litesvm charges its default 5000 lamports per required signature (no priority fee here); the
        // count is the message header's first byte, after the 0x80 prefix of a versioned message.
        const msg = Uint8Array.from(atob(params[0] as string), (c) => c.charCodeAt(0));
        const signers = (msg[0]! & 0x80 ? msg[1] : msg[0]) ?? 0;
        return { context: { slot: 0 }, value: 5000 * signers };
      }
      case 'requestAirdrop':
        svm.airdrop(params[0] as Address, lamports(BigInt(params[1] as number)));
        return 'airdrop';
      case 'sendTransaction': {
        const bytes = Uint8Array.from(atob(params[0] as string), (c) => c.charCodeAt(0));
        const tx = getTransactionDecoder().decode(bytes);
        const res = svm.sendTransaction(tx);
        if (res instanceof FailedTransactionMetadata)
          throw Object.assign(new Error(`Transaction failed: ${String(res.err())}`), { code: -32002 });
        const first = Object.values(tx.signatures)[0];
        const sig = getBase58Decoder().decode(first!);
        sent.push(sig);
        return sig;
      }
      default:
        throw Object.assign(new Error(`Method not found: ${method}`), { code: -32601 });
    }
  };
}

export async function startLitesvmRpc(): Promise<LitesvmRpc> {
  const svm = new LiteSVM();
  const sent: string[] = [];
  const handle = litesvmRpcHandler(svm, sent);
  const server = http.createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'content-type',
      'access-control-allow-methods': 'POST, OPTIONS',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      let id: unknown = null;
      let reply: unknown;
      try {
        const msg = JSON.parse(body) as { id: unknown; method: string; params?: unknown[] };
        id = msg.id;
        reply = { jsonrpc: '2.0', id, result: handle(msg.method, msg.params ?? []) };
      } catch (e) {
        const err = e as { code?: number; message: string };
        reply = { jsonrpc: '2.0', id, error: { code: err.code ?? -32603, message: err.message } };
      }
      res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    svm,
    sent,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
