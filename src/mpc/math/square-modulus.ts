import { mod, modInverse } from './modular.ts';

/**
 * base^e mod m² for a modulus m ≥ 2 (any m; Paillier uses it with a prime m = p for CRT decryption mod p²
 * and the Teichmüller lift). Same result as modPow(base, e, m·m), computed in the m-adic digits
 * x = x0 + x1·m (0 ≤ x0, x1 < m): (x0 + x1·m)(y0 + y1·m) ≡ x0·y0 + (x0·y1 + x1·y0)·m (mod m²), so a product
 * costs three multiplications and two divisions of half-size numbers instead of one full-size
 * multiplication and a division of a number four times the size of m by m². With native bigints that is
 * about a quarter less time for 2048-bit m² (bench/paillier.bench.ts). Left-to-right sliding windows.
 */
export function powModSquare(base: bigint, e: bigint, m: bigint): bigint {
  if (m < 2n) {
    if (m === 1n) return 0n;
    throw new RangeError('modulus must be positive');
  }
  const m2 = m * m;
  if (e < 0n) return powModSquare(modInverse(base, m2), -e, m);
  const b = mod(base, m2);
  if (e === 0n) return 1n;
  if (b === 0n) return 0n;
  const bits = e.toString(2);
  const n = bits.length;
  const w = n <= 32 ? 1 : n <= 160 ? 3 : n <= 512 ? 4 : n <= 1536 ? 5 : 6;
  // odd[i] = b^(2i+1) as digit pairs (lo[i], hi[i]).
  const lo: bigint[] = [b % m];
  const hi: bigint[] = [b / m];
  if (w > 1) {
    const y = lo[0]! * lo[0]!;
    const q = y / m;
    const s0 = y - q * m;
    const s1 = (q + 2n * lo[0]! * hi[0]!) % m;
    for (let i = 1; i < 1 << (w - 1); i++) {
      const u = lo[i - 1]! * s0;
      const uq = u / m;
      lo.push(u - uq * m);
      hi.push((uq + lo[i - 1]! * s1 + hi[i - 1]! * s0) % m);
    }
  }
  let a0 = 1n;
  let a1 = 0n;
  let started = false;
  let i = 0;
  while (i < n) {
    if (bits.charCodeAt(i) === 48) {
      if (started) {
        const y = a0 * a0;
        const q = y / m;
        a1 = (q + 2n * a0 * a1) % m;
        a0 = y - q * m;
      }
      i++;
      continue;
    }
    // Longest window of ≤ w bits starting at i that ends in a 1.
    let j = Math.min(i + w, n);
    while (bits.charCodeAt(j - 1) === 48) j--;
    const k = Number.parseInt(bits.slice(i, j), 2) >> 1;
    if (started) {
      for (let s = i; s < j; s++) {
        const y = a0 * a0;
        const q = y / m;
        a1 = (q + 2n * a0 * a1) % m;
        a0 = y - q * m;
      }
      const y = a0 * lo[k]!;
      const q = y / m;
      a1 = (q + a0 * hi[k]! + a1 * lo[k]!) % m;
      a0 = y - q * m;
    } else {
      a0 = lo[k]!;
      a1 = hi[k]!;
      started = true;
    }
    i = j;
  }
  return a0 + a1 * m;
}
