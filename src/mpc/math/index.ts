export { FixedBaseExp } from './fixed-base.ts';
export { bitLength, Crt, crtCombine, gcd, lcm, mod, modInverse, modPow } from './modular.ts';
export { multiExp } from './multi-exp.ts';
export {
  isProbablePrime,
  isSafePrime,
  randomPrime,
  randomPrimeSteps,
  randomSafePrime,
  SMALL_PRIME_BOUND,
  SMALL_PRIMES,
  smallestSmallFactor,
} from './primes.ts';
