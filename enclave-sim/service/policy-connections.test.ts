import { describe, expect, it } from 'vitest';
import { RateLimits, RegistrationShares } from './policy.ts';
import { ConnectionLimits, sourceKey } from './policy-connections.ts';

describe('connection limits', () => {
  it('source keys: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by its /64, unknown in one key', () => {
    expect(sourceKey('127.0.0.1')).toBe('127.0.0.1');
    expect(sourceKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(sourceKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(sourceKey('2001:DB8:0:1:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(sourceKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
    expect(sourceKey(undefined)).toBe('unknown');
  });

  it('caps connections per source and in total; a released slot is usable again', () => {
    const l = new ConnectionLimits(5, 2);
    expect([l.tryOpen('a'), l.tryOpen('a')]).toEqual([undefined, undefined]);
    expect(l.tryOpen('a')).toBe('TOO_MANY_CONNECTIONS_FROM_ADDRESS');
    // Other sources are unaffected by a's cap, until the total cap.
    expect([l.tryOpen('b'), l.tryOpen('b'), l.tryOpen('c')]).toEqual([undefined, undefined, undefined]);
    expect(l.tryOpen('d')).toBe('TOO_MANY_CONNECTIONS');
    expect(l.open).toBe(5);
    // A refusal counts nothing; a release frees exactly one slot.
    l.release('a');
    expect([l.open, l.openFrom('a')]).toEqual([4, 1]);
    expect(l.tryOpen('d')).toBeUndefined();
    expect(l.tryOpen('a')).toBe('TOO_MANY_CONNECTIONS');
    l.release('d');
    expect(l.tryOpen('a')).toBeUndefined();
    l.release('b');
    expect(l.tryOpen('a')).toBe('TOO_MANY_CONNECTIONS_FROM_ADDRESS');
    expect(l.tryOpen('b')).toBeUndefined();
    // Releasing a source that holds nothing changes nothing.
    l.release('zzz');
    expect(l.open).toBe(5);
  });

  it('registration shares: one source spends only its share of the service-wide burst; others keep theirs', () => {
    const limits = new RateLimits(20, 200, 500, 1000, 0.001, 6, { burst: 2, perSecond: 0.001 });
    expect([
      limits.takeRegistration('a'),
      limits.takeRegistration('a'),
      limits.takeRegistration('a'),
    ]).toEqual([true, true, false]);
    // a's refusals did not spend the service-wide budget: four are left for the others.
    expect([limits.takeRegistration('b'), limits.takeRegistration('b')]).toEqual([true, true]);
    expect([limits.takeRegistration('c'), limits.takeRegistration('c')]).toEqual([true, true]);
    // The service-wide burst (6) is spent: a fresh source is refused too.
    expect(limits.takeRegistration('d')).toBe(false);
  });

  it('registration shares refill per source and forget refilled sources when full', () => {
    let t = 0;
    const shares = new RegistrationShares(1, 1, () => t);
    expect([shares.take('a'), shares.take('a')]).toEqual([true, false]);
    t += 1000;
    expect(shares.take('a')).toBe(true);
    for (let i = 0; i < 10_000; i++) shares.take(`s${i}`);
    t += 5000;
    // Every bucket has refilled: the next new source prunes them all and is served.
    expect(shares.take('new')).toBe(true);
    expect(shares.take('new')).toBe(false);
  });
});
