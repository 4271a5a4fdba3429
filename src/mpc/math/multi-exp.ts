/**
 * ∏ bases[i]^exps[i] mod m for many bases with short non-negative exponents (batch verification), by
 * Pippenger's bucket method: about (b/w)·(k + 2^(w+1)) multiplications for k exponents of b bits instead
 * of k·1.25·b.
 */
export function multiExp(bases: readonly bigint[], exps: readonly bigint[], m: bigint): bigint {
  if (bases.length !== exps.length) throw new RangeError('length mismatch');
  let maxBits = 0;
  for (const e of exps) {
    if (e < 0n) throw new RangeError('negative exponent');
    maxBits = Math.max(maxBits, e.toString(2).length);
  }
  if (maxBits === 0) return 1n % m;
  const k = bases.length;
  const w = k < 8 ? 2 : k < 32 ? 3 : k < 256 ? 4 : 6;
  const windows = Math.ceil(maxBits / w);
  const mask = BigInt((1 << w) - 1);
  let acc = 1n;
  for (let win = windows - 1; win >= 0; win--) {
    for (let s = 0; s < w; s++) acc = (acc * acc) % m;
    const shift = BigInt(win * w);
    const buckets: (bigint | undefined)[] = new Array(1 << w);
    for (let i = 0; i < k; i++) {
      const d = Number((exps[i]! >> shift) & mask);
      if (d === 0) continue;
      const b = buckets[d];
      buckets[d] = b === undefined ? bases[i]! % m : (b * bases[i]!) % m;
    }
    // Σ_d d·bucket[d] as a running product of suffix products.
    let running: bigint | undefined;
    let sum: bigint | undefined;
    for (let d = (1 << w) - 1; d >= 1; d--) {
      const b = buckets[d];
      if (b !== undefined) running = running === undefined ? b : (running * b) % m;
      if (running !== undefined) sum = sum === undefined ? running : (sum * running) % m;
    }
    if (sum !== undefined) acc = (acc * sum) % m;
  }
  return acc;
}
