import { randomBelow } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { Crt, gcd, mod, modInverse, modPow } from '../math/modular.ts';
import { randomPrimeSteps } from '../math/primes.ts';
import { powModSquare } from '../math/square-modulus.ts';

/** Paillier with g = N + 1 (SPEC §5.1). The enclave (P1) holds the private key; the client only N. */

export const PAILLIER_MODULUS_BITS = 2048;

/** Encryption randomness: r ∈ Z*_N and rn = r^N mod N² (computable ahead of time, SPEC §5.3 item 9). */
export interface PaillierRandomness {
  readonly r: bigint;
  readonly rn: bigint;
}

export class PaillierPublicKey {
  readonly n: bigint;
  readonly n2: bigint;

  constructor(n: bigint) {
    if (n < 3n || (n & 1n) === 0n) throw new MpcError('BAD_PAILLIER_KEY', 'modulus must be odd and > 2');
    this.n = n;
    this.n2 = n * n;
  }

  /** A uniform r ∈ Z*_N (gcd checked) without its N-th power. */
  randomUnit(): bigint {
    for (;;) {
      const r = randomBelow(this.n);
      if (r !== 0n && gcd(r, this.n) === 1n) return r;
    }
  }

  /** Fresh randomness with r^N mod N² (the expensive part of encryption; may be made ahead of time). */
  randomness(): PaillierRandomness {
    const r = this.randomUnit();
    return { r, rn: modPow(r, this.n, this.n2) };
  }

  /** (1 + m·N) mod N², the deterministic part; m is taken mod N (negative m encodes N − |m|). */
  private plainPart(m: bigint): bigint {
    return (1n + mod(m, this.n) * this.n) % this.n2;
  }

  /** Enc(m; r) with fresh randomness unless given. */
  encrypt(m: bigint, rand: PaillierRandomness = this.randomness()): bigint {
    return this.encryptWithRn(m, rand.rn);
  }

  /** Enc(m; r) for an explicit r (computes r^N). */
  encryptWithR(m: bigint, r: bigint): bigint {
    return this.encryptWithRn(m, modPow(r, this.n, this.n2));
  }

  /** Enc(m) given rn = r^N mod N², precomputed. */
  encryptWithRn(m: bigint, rn: bigint): bigint {
    return (this.plainPart(m) * rn) % this.n2;
  }

  /** Enc(m1 + m2) from Enc(m1), Enc(m2). */
  add(c1: bigint, c2: bigint): bigint {
    return (c1 * c2) % this.n2;
  }

  /** Enc(m + k) from Enc(m), without rerandomising. */
  addPlain(c: bigint, k: bigint): bigint {
    return (c * this.plainPart(k)) % this.n2;
  }

  /** Enc(k·m) from Enc(m); k is an integer (negative k uses the inverse ciphertext). */
  mulScalar(c: bigint, k: bigint): bigint {
    return modPow(c, k, this.n2);
  }

  isCiphertext(c: unknown): c is bigint {
    return typeof c === 'bigint' && c > 0n && c < this.n2 && gcd(c, this.n) === 1n;
  }

  /** 0 < c < N² and gcd(c, N) = 1 (SPEC §5.3 item 2), else BAD_CIPHERTEXT naming `what`. */
  assertCiphertext(c: bigint, what = 'ciphertext'): void {
    if (!this.isCiphertext(c)) throw new MpcError('BAD_CIPHERTEXT', `${what} is not in Z*_{N^2}`);
  }
}

/** Standalone form of PaillierPublicKey.assertCiphertext for callers that hold only N. */
export function assertCiphertext(c: bigint, n: bigint, what = 'ciphertext'): void {
  const ok = typeof c === 'bigint' && c > 0n && c < n * n && gcd(c, n) === 1n;
  if (!ok) throw new MpcError('BAD_CIPHERTEXT', `${what} is not in Z*_{N^2}`);
}

/**
 * Private key with CRT decryption (mod p² and q²) and CRT-accelerated r^N for the key holder's own
 * encryptions and proofs.
 */
export class PaillierPrivateKey {
  readonly publicKey: PaillierPublicKey;
  readonly phi: bigint;
  private readonly crtN2: Crt;
  private readonly crtN: Crt;
  private readonly hp: bigint;
  private readonly hq: bigint;
  private readonly nModPm1: bigint;
  private readonly nModQm1: bigint;
  private nInvPhi?: bigint;

  private constructor(
    readonly p: bigint,
    readonly q: bigint,
  ) {
    const n = p * q;
    this.publicKey = new PaillierPublicKey(n);
    this.phi = (p - 1n) * (q - 1n);
    if (gcd(n, this.phi) !== 1n) throw new MpcError('BAD_PAILLIER_KEY', 'gcd(N, phi(N)) != 1');
    this.crtN2 = new Crt(p * p, q * q);
    this.crtN = new Crt(p, q);
    // hp = L_p(g^(p-1) mod p²)^-1 mod p with g = N + 1: g^(p-1) = 1 + (p-1)N mod p², so L_p = (p-1)·q mod p.
    this.hp = modInverse(((p - 1n) * q) % p, p);
    this.hq = modInverse(((q - 1n) * p) % q, q);
    this.nModPm1 = n % (p - 1n);
    this.nModQm1 = n % (q - 1n);
  }

  /** From two distinct odd primes (not re-tested here: they come from our own generator or fixtures). */
  static fromPrimes(p: bigint, q: bigint): PaillierPrivateKey {
    if (p === q || p < 3n || q < 3n)
      throw new MpcError('BAD_PAILLIER_KEY', 'primes must be distinct and odd');
    return new PaillierPrivateKey(p, q);
  }

  get n(): bigint {
    return this.publicKey.n;
  }

  /**
   * r^N mod N² by CRT. Modulo p², r = ω·u with ω^(p−1) = 1 and u ≡ 1 (mod p), and u^N = 1 because p | N;
   * so r^N = ω(r)^N = ω(r^N mod p), and the Teichmüller lift is ω(a) = a^p mod p². That is one exponent
   * of |p| bits mod p and one of |p| bits mod p², instead of 2|p| bits mod p².
   */
  rToN(r: bigint): bigint {
    const { p, q } = this;
    const ap = modPow(r, this.nModPm1, p);
    const aq = modPow(r, this.nModQm1, q);
    return this.crtN2.combine(powModSquare(ap, p, p), powModSquare(aq, q, q));
  }

  randomness(): PaillierRandomness {
    const r = this.publicKey.randomUnit();
    return { r, rn: this.rToN(r) };
  }

  encrypt(m: bigint, rand: PaillierRandomness = this.randomness()): bigint {
    return this.publicKey.encryptWithRn(m, rand.rn);
  }

  encryptWithR(m: bigint, r: bigint): bigint {
    return this.publicKey.encryptWithRn(m, this.rToN(r));
  }

  /** Dec(c) ∈ [0, N), by CRT; refuses invalid ciphertexts with BAD_CIPHERTEXT. */
  decrypt(c: bigint): bigint {
    this.publicKey.assertCiphertext(c);
    return this.decryptUnit(c);
  }

  /** Dec(c) for a c the caller has already checked to lie in Z*_{N²} (skips the gcd). */
  decryptUnit(c: bigint): bigint {
    const { p, q } = this;
    // c^(p−1) mod p² in p-adic digits (powModSquare): the same value as modPow, about a quarter faster.
    const mp = ((((powModSquare(c, p - 1n, p) - 1n) / p) % p) * this.hp) % p;
    const mq = ((((powModSquare(c, q - 1n, q) - 1n) / q) % q) * this.hq) % q;
    return this.crtN.combine(mp, mq);
  }

  /** Dec(c) as a signed integer in (−N/2, N/2]: values ≥ N/2 are read as negative. */
  decryptSigned(c: bigint): bigint {
    const m = this.decrypt(c);
    return m > this.n >> 1n ? m - this.n : m;
  }

  /** x^(N⁻¹ mod φ(N)) mod N: the N-th root used by the validity proof. */
  nthRoot(x: bigint): bigint {
    if (this.nInvPhi === undefined) this.nInvPhi = modInverse(this.n, this.phi);
    const e = this.nInvPhi;
    return this.crtN.combine(modPow(x, e % (this.p - 1n), this.p), modPow(x, e % (this.q - 1n), this.q));
  }

  /** Recover r from c = Enc(m; r) (the key holder can): r = (c·(1 + mN)⁻¹ mod N)^(N⁻¹ mod φ) mod N. */
  randomnessOf(c: bigint): bigint {
    const m = this.decrypt(c);
    const n = this.n;
    const rn = (c * modInverse(1n + m * n, this.publicKey.n2)) % n;
    return this.nthRoot(rn);
  }
}

/** A fresh 2048-bit Paillier key from two 1024-bit primes (enclave only; the browser never calls this). */
export function generatePaillierKey(bits = PAILLIER_MODULUS_BITS): PaillierPrivateKey {
  const it = generatePaillierKeySteps(bits);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * generatePaillierKey as a generator that yields every few milliseconds (one prime candidate), so the
 * enclave can fill its key pool in idle time without blocking its event loop.
 */
export function* generatePaillierKeySteps(bits = PAILLIER_MODULUS_BITS): Generator<void, PaillierPrivateKey> {
  for (;;) {
    const p = yield* randomPrimeSteps(bits / 2);
    const q = yield* randomPrimeSteps(bits / 2);
    if (p === q) continue;
    const n = p * q;
    if (n.toString(2).length !== bits) continue;
    return PaillierPrivateKey.fromPrimes(p, q);
  }
}

/**
 * Encryption randomness made ahead of time (SPEC §5.3 item 9 stays intact: each entry is used once and
 * removed). Fill it in idle moments; `take()` computes a fresh one when the pool is empty.
 */
export class PaillierRandomnessPool {
  private readonly items: PaillierRandomness[] = [];

  constructor(private readonly key: PaillierPublicKey | PaillierPrivateKey) {}

  get size(): number {
    return this.items.length;
  }

  /** Adds `count` entries (each one r^N mod N², the cost of one encryption). */
  fill(count: number): void {
    for (let i = 0; i < count; i++) this.items.push(this.key.randomness());
  }

  /** Removes and returns one entry; never hands the same randomness out twice. */
  take(): PaillierRandomness {
    return this.items.pop() ?? this.key.randomness();
  }
}
