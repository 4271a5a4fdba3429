import { describe, expect, it } from 'vitest';
import { jsonLogger } from '../log.ts';
import type { PairRow, WalletRow } from '../store/wallet-store.ts';
import { walletPseudonym } from './operations.ts';
import { ejectAllowed, PairLocks, TokenBucket } from './policy.ts';

describe('enclave policy', () => {
  it('token buckets refuse beyond the burst and refill over time', () => {
    let t = 0;
    const b = new TokenBucket(3, 2, () => t);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    t += 500;
    expect([b.take(), b.take()]).toEqual([true, false]);
  });

  it('eject window: closed without a window, open inside it, 24 h re-send after release', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const w = { ejectableUntil: null, ejectableFrom: null } as WalletRow;
    const p = { status: 'STORED_CLIENT', ejectReleasedAt: null } as PairRow;
    expect(ejectAllowed(w, p, now)).toBe(false);
    expect(ejectAllowed({ ...w, ejectableUntil: '2026-01-01T13:00:00Z' }, p, now)).toBe(true);
    expect(ejectAllowed({ ...w, ejectableUntil: '2026-01-01T11:00:00Z' }, p, now)).toBe(false);
    expect(
      ejectAllowed(
        { ...w, ejectableUntil: '2026-01-01T13:00:00Z', ejectableFrom: '2026-01-01T12:30:00Z' },
        p,
        now,
      ),
    ).toBe(false);
    const released = { status: 'EJECT_PENDING', ejectReleasedAt: '2026-01-01T00:00:00Z' } as PairRow;
    expect(ejectAllowed(w, released, now)).toBe(true);
    expect(ejectAllowed(w, released, new Date('2026-01-02T01:00:00Z'))).toBe(false);
  });

  it("eject window: the other curve's signing pair released within 24 h lets this one finish the eject", () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const w = { ejectableUntil: '2026-01-01T11:00:00Z', ejectableFrom: null } as WalletRow;
    const secp = {
      id: 's',
      curve: 'secp256k1',
      kind: 'signing',
      status: 'STORED_CLIENT',
      ejectReleasedAt: null,
    };
    const ed = {
      id: 'e',
      curve: 'ed25519',
      kind: 'signing',
      status: 'EJECT_PENDING',
      ejectReleasedAt: '2026-01-01T10:30:00Z',
    };
    const pair = secp as PairRow;
    expect(ejectAllowed(w, pair, now)).toBe(false);
    expect(ejectAllowed(w, pair, now, [pair, ed as PairRow])).toBe(true);
    expect(ejectAllowed(w, pair, now, [pair, { ...ed, status: 'EJECTED' } as PairRow])).toBe(true);
    // Not: a backup pair, a pair of the same curve, a pair never released, or a release over 24 h ago.
    expect(ejectAllowed(w, pair, now, [{ ...ed, kind: 'backup' } as PairRow])).toBe(false);
    expect(ejectAllowed(w, pair, now, [{ ...ed, id: 'x', curve: 'secp256k1' } as PairRow])).toBe(false);
    expect(ejectAllowed(w, pair, now, [{ ...ed, status: 'REVOKED' } as PairRow])).toBe(false);
    expect(ejectAllowed(w, pair, now, [{ ...ed, ejectReleasedAt: null } as PairRow])).toBe(false);
    expect(ejectAllowed(w, pair, new Date('2026-01-02T11:00:00Z'), [ed as PairRow])).toBe(false);
    // A backup pair itself is never ejected this way.
    expect(ejectAllowed(w, { ...secp, kind: 'backup' } as PairRow, now, [ed as PairRow])).toBe(false);
  });

  it('one session per pair at a time', () => {
    const l = new PairLocks();
    expect(l.tryAcquire('p')).toBe(true);
    expect(l.tryAcquire('p')).toBe(false);
    l.release('p');
    expect(l.tryAcquire('p')).toBe(true);
  });

  it('logs carry a pseudonymous wallet id, never the id itself', () => {
    const lines: string[] = [];
    const log = jsonLogger((l) => lines.push(l));
    const id = 'w-0123456789abcdef0123456789abcdef';
    log('info', { event: 'op', wallet: walletPseudonym(id), op: 'signEd25519' });
    expect(lines[0]).not.toContain(id);
    expect(JSON.parse(lines[0]!).wallet).toMatch(/^[0-9a-f]{12}$/);
  });
});
