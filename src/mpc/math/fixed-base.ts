import { modInverse, modPow } from './modular.ts';

/**
 * Fixed-base exponentiation for a base used many times (Pedersen g and h, Paillier bases): a table of
 * base^(j·2^(w·i)) for every window i and digit j, so an exponent of k bits costs about k/w
 * multiplications and no squarings. Memory: ceil(maxBits/w)·(2^w − 1) residues.
 */
export class FixedBaseExp {
  private readonly table: bigint[][];
  private readonly windows: number;

  constructor(
    readonly base: bigint,
    readonly modulus: bigint,
    readonly maxBits: number,
    readonly windowBits = 5,
  ) {
    if (windowBits < 1 || windowBits > 10) throw new RangeError('window size');
    this.windows = Math.ceil(maxBits / windowBits);
    const size = 1 << windowBits;
    const table: bigint[][] = [];
    let g = ((base % modulus) + modulus) % modulus;
    for (let i = 0; i < this.windows; i++) {
      const row: bigint[] = new Array(size);
      row[0] = 1n;
      row[1] = g;
      for (let j = 2; j < size; j++) row[j] = (row[j - 1]! * g) % modulus;
      table.push(row);
      g = (row[size - 1]! * g) % modulus; // g^(2^w)
    }
    this.table = table;
  }

  /** base^e mod modulus; negative exponents use the inverse; exponents beyond maxBits fall back. */
  pow(e: bigint): bigint {
    if (e < 0n) return modInverse(this.pow(-e), this.modulus);
    if (e >> BigInt(this.windows * this.windowBits) !== 0n) return modPow(this.base, e, this.modulus);
    const mask = BigInt((1 << this.windowBits) - 1);
    const w = BigInt(this.windowBits);
    let acc = 1n;
    let started = false;
    for (let i = 0; e !== 0n; i++, e >>= w) {
      const d = Number(e & mask);
      if (d === 0) continue;
      const t = this.table[i]![d]!;
      acc = started ? (acc * t) % this.modulus : t;
      started = true;
    }
    return started ? acc : 1n % this.modulus;
  }
}
