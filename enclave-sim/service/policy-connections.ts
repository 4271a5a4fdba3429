/**
 * The key a client is counted under: its remote address, with IPv4-mapped IPv6 written as IPv4 and other
 * IPv6 addresses cut to their /64 (one host usually holds a whole /64, so counting single addresses would
 * let it open connections without end). Unknown addresses share one key. The key only lives in memory: it
 * is never logged or stored (SPEC §7).
 */
export function sourceKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  const a = remoteAddress.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(':')) return a;
  return `${expandIpv6(a).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(a: string): string[] {
  const [head = '', tail] = a.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

export type ConnectionRefusal = 'TOO_MANY_CONNECTIONS' | 'TOO_MANY_CONNECTIONS_FROM_ADDRESS';

/**
 * Concurrent WebSocket connections: at most `maxTotal` in all and `maxPerSource` per source key, so that one
 * client cannot hold every socket (or file descriptor) of the service.
 */
export class ConnectionLimits {
  private total = 0;
  private readonly perSource = new Map<string, number>();
  constructor(
    readonly maxTotal: number,
    readonly maxPerSource: number,
  ) {}

  /** Count a new connection, or say why it is refused (nothing is counted then). */
  tryOpen(source: string): ConnectionRefusal | undefined {
    if (this.total >= this.maxTotal) return 'TOO_MANY_CONNECTIONS';
    const n = this.perSource.get(source) ?? 0;
    if (n >= this.maxPerSource) return 'TOO_MANY_CONNECTIONS_FROM_ADDRESS';
    this.total++;
    this.perSource.set(source, n + 1);
    return undefined;
  }

  /** A counted connection closed. */
  release(source: string): void {
    const n = this.perSource.get(source);
    if (n === undefined) return;
    this.total--;
    if (n <= 1) this.perSource.delete(source);
    else this.perSource.set(source, n - 1);
  }

  get open(): number {
    return this.total;
  }

  openFrom(source: string): number {
    return this.perSource.get(source) ?? 0;
  }
}
