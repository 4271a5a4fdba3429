import { describe, expect, it } from 'vitest';
import { parseEnclaveConfig } from './config.ts';

describe('enclave-sim config: connection and registration limits', () => {
  it('defaults: 1000 connections, 64 per address; a sixth of the registration budget per address', () => {
    const c = parseEnclaveConfig([], {});
    expect([c.maxConnections, c.maxConnectionsPerIp]).toEqual([1000, 64]);
    expect([c.registrationBurst, c.registrationsPerSec]).toEqual([60, 1]);
    expect([c.registrationBurstPerIp, c.registrationsPerSecPerIp]).toEqual([10, 1 / 6]);
  });

  it('flags win over the environment; the per-address share follows a changed service-wide budget', () => {
    const c = parseEnclaveConfig(
      ['--max-connections', '20', '--max-connections-per-ip=3', '--registration-burst', '12'],
      { ENCLAVE_MAX_CONNECTIONS: '50', ENCLAVE_MAX_CONNECTIONS_PER_IP: '7' },
    );
    expect([c.maxConnections, c.maxConnectionsPerIp]).toEqual([20, 3]);
    expect(c.registrationBurstPerIp).toBe(2);
    const e = parseEnclaveConfig([], { ENCLAVE_MAX_CONNECTIONS: '50', ENCLAVE_MAX_CONNECTIONS_PER_IP: '7' });
    expect([e.maxConnections, e.maxConnectionsPerIp]).toEqual([50, 7]);
    const s = parseEnclaveConfig(
      ['--registration-burst-per-ip', '4', '--registrations-per-sec-per-ip', '0.5'],
      {},
    );
    expect([s.registrationBurstPerIp, s.registrationsPerSecPerIp]).toEqual([4, 0.5]);
  });

  it('refuses caps that are not positive integers', () => {
    for (const bad of ['0', '-1', '2.5', 'x'])
      expect(() => parseEnclaveConfig(['--max-connections-per-ip', bad], {})).toThrow(
        /max connections per address/,
      );
    expect(() => parseEnclaveConfig(['--max-connections', '0'], {})).toThrow(/max connections/);
  });
});
