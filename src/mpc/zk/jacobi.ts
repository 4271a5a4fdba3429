/**
 * The Jacobi symbol (a/n) for odd n > 0, by the binary algorithm with quadratic reciprocity: a few
 * remainders per bit of n instead of an exponentiation. For a prime n it is the Legendre symbol, i.e.
 * Euler's criterion a^((n−1)/2) mod n as 1, −1 or 0, which is how the fixed group's membership test uses it.
 */
export function jacobi(a: bigint, n: bigint): -1 | 0 | 1 {
  if (n <= 0n || (n & 1n) === 0n) throw new RangeError('Jacobi symbol needs an odd positive modulus');
  a %= n;
  if (a < 0n) a += n;
  let t = 1;
  while (a !== 0n) {
    let twos = 0;
    while ((a & 0xffffffffn) === 0n) {
      a >>= 32n;
      twos += 32;
    }
    const low = Number(a & 0xffffffffn);
    const tz = 31 - Math.clz32(low & -low);
    a >>= BigInt(tz);
    twos += tz;
    const n8 = Number(n & 7n);
    // (2/n) = −1 exactly when n ≡ 3, 5 (mod 8).
    if (twos & 1 && (n8 === 3 || n8 === 5)) t = -t;
    // Reciprocity: (a/n) = −(n/a) when both are ≡ 3 (mod 4).
    if ((n8 & 3) === 3 && Number(a & 3n) === 3) t = -t;
    [a, n] = [n % a, a];
  }
  return n === 1n ? (t as 1 | -1) : 0;
}
