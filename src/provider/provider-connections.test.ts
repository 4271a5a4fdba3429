import { describe, expect, it } from 'vitest';
import { ProviderConnections } from './provider-connections.ts';

const port = () => {
  const got: unknown[] = [];
  return { got, postMessage: (m: unknown) => got.push(m) };
};

describe('provider connections', () => {
  it('emits to every port of one origin only, broadcasts to all, forgets removed ports', () => {
    const c = new ProviderConnections();
    const a1 = port();
    const a2 = port();
    const b = port();
    c.add('https://a.example', a1);
    const removeA2 = c.add('https://a.example', a2);
    c.add('https://b.example', b);
    c.emit('https://a.example', 'accountsChanged', []);
    expect(a1.got).toEqual([{ target: 'twofold:inpage', kind: 'event', event: 'accountsChanged', data: [] }]);
    expect(a2.got).toHaveLength(1);
    expect(b.got).toHaveLength(0);
    removeA2();
    c.broadcast('chainChanged', '0x1');
    expect(a1.got).toHaveLength(2);
    expect(a2.got).toHaveLength(1);
    expect(b.got).toHaveLength(1);
    expect(c.origins().sort()).toEqual(['https://a.example', 'https://b.example']);
  });

  it('a port that throws does not stop the others', () => {
    const c = new ProviderConnections();
    const ok = port();
    c.add('https://a.example', {
      postMessage: () => {
        throw new Error('gone');
      },
    });
    c.add('https://a.example', ok);
    c.emit('https://a.example', 'chainChanged', '0x1');
    expect(ok.got).toHaveLength(1);
  });
});
