import { browser } from 'wxt/browser';
import { toHexChainId } from '../chains/evm-chains.ts';
import { type ProviderConnections, send } from './provider-connections.ts';
import type { ProviderContext } from './provider-context.ts';
import { providerErrors } from './provider-errors.ts';
import {
  INPAGE_TARGET,
  isHelloFrame,
  PROVIDER_PORT_NAME,
  parseRequestFrame,
  type RpcResponseFrame,
} from './relay-wire.ts';
import { routeProviderRequest } from './rpc-router.ts';

type Port = Parameters<Parameters<typeof browser.runtime.onConnect.addListener>[0]>[0];

/** The origin of a content-script port, from the browser's own sender record (never from the page). */
export function senderOrigin(port: Port): string | null {
  const sender = port.sender;
  if (!sender || sender.id !== browser.runtime.id) return null;
  const origin = (sender as { origin?: string }).origin ?? (sender.url ? new URL(sender.url).origin : null);
  if (!origin || origin === 'null' || !/^https?:\/\//.test(origin)) return null;
  return origin;
}

/**
 * Accept provider ports from our content scripts, register them for events, answer the relay's hello with
 * `connect` (the active chain) and each request frame through the router.
 */
export function handleProviderConnections(ctx: ProviderContext, connections: ProviderConnections): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PROVIDER_PORT_NAME) return;
    const origin = senderOrigin(port);
    if (!origin) {
      port.disconnect();
      return;
    }
    const remove = connections.add(origin, port);
    port.onDisconnect.addListener(remove);

    port.onMessage.addListener(async (msg: unknown) => {
      if (isHelloFrame(msg)) {
        const chain = await ctx.chains.selected();
        send(port, 'connect', { chainId: toHexChainId(chain.chainId) });
        return;
      }
      const frame = parseRequestFrame(msg);
      if (!frame) return;
      let reply: RpcResponseFrame;
      try {
        const result = await routeProviderRequest(
          { origin, method: frame.method, params: frame.params },
          ctx,
        );
        reply = { target: INPAGE_TARGET, kind: 'response', id: frame.id, result: result ?? null };
      } catch (e) {
        const err =
          e instanceof Error && 'toJSON' in e ? (e as { toJSON(): RpcResponseFrame['error'] }) : null;
        reply = {
          target: INPAGE_TARGET,
          kind: 'response',
          id: frame.id,
          error: err?.toJSON() ?? providerErrors.internal().toJSON(),
        };
      }
      try {
        port.postMessage(reply);
      } catch {
        // The tab went away before the answer; nothing to deliver.
      }
    });
  });
}
