/**
 * Which RPC URLs the wallet will talk to: https anywhere, plain http only on loopback (a local dev chain).
 * A page cannot make the wallet send its requests in the clear over the network.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

export type RpcUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

export function checkRpcUrl(raw: unknown): RpcUrlVerdict {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048)
    return { ok: false, reason: 'RPC URL must be a non-empty string.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'RPC URL is not a valid URL.' };
  }
  if (url.username || url.password) return { ok: false, reason: 'RPC URL must not contain credentials.' };
  if (url.protocol === 'https:') return { ok: true, url: url.href };
  if (url.protocol === 'http:') {
    if (isLoopbackUrl(url)) return { ok: true, url: url.href };
    return { ok: false, reason: 'Plain http RPC URLs are only allowed for loopback (127.0.0.1/localhost).' };
  }
  return { ok: false, reason: 'RPC URL must use https (or http on loopback).' };
}
