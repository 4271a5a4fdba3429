/**
 * Generates tests/fixtures/safe-primes.json once: 1024-bit safe primes (for unknown-order Pedersen
 * parameters) and 1024-bit primes (for Paillier keys), so tests and the enclave's dev mode stay fast.
 * Usage: npx tsx scripts/gen-safe-primes.ts [safeCount] [primeCount]
 * Test-only material: a production enclave generates its own primes and keeps them secret.
 */
import { writeFileSync } from 'node:fs';
import { randomPrime, randomSafePrime } from '../src/mpc/math/primes.ts';

const safeCount = Number(process.argv[2] ?? 4);
const primeCount = Number(process.argv[3] ?? 6);
const hex = (x: bigint) => `0x${x.toString(16)}`;
const safePrimes: string[] = [];
for (let i = 0; i < safeCount; i++) {
  const t0 = Date.now();
  safePrimes.push(hex(randomSafePrime(1024)));
  console.log(`safe prime ${i + 1}/${safeCount} in ${Date.now() - t0} ms`);
}
const primes: string[] = [];
for (let i = 0; i < primeCount; i++) primes.push(hex(randomPrime(1024)));
const out = {
  note: 'TEST FIXTURES ONLY, public: never use these primes for real keys. Made by scripts/gen-safe-primes.ts.',
  bits: 1024,
  safePrimes,
  primes,
};
writeFileSync(
  new URL('../tests/fixtures/safe-primes.json', import.meta.url),
  `${JSON.stringify(out, null, 2)}\n`,
);
console.log('wrote tests/fixtures/safe-primes.json');
