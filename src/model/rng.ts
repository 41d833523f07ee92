/**
 * Counter-based random numbers: a pure function of (seed, step, index, stream),
 * so any neuron's draw at any step can be recomputed without stored state, in
 * any order, on any backend. Bit-identical to shaders/common/rng.wgsl (tested).
 *
 * The mixer is Chris Wellons' "lowbias32" integer hash
 * (https://nullprogram.com/blog/2018/07/31/), chained over the four keys.
 * Only 32-bit integer multiply, xor and shifts are used, which WGSL's u32 and
 * JavaScript's Math.imul/>>> evaluate identically.
 */
export function hash32(x: number): number {
  // Intermediates stay int32 (same bits as u32: xor, shifts and imul see only the 32 bits), which V8
  // keeps in registers; only the result is read as unsigned.
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export function rngU32(seed: number, step: number, index: number, stream: number): number {
  return rngFromStepKey(rngStepKey(seed, step), index, stream);
}

/** The (seed, step) part of the chain, shared by every draw of one step (a hot-loop hoist; same values). */
export function rngStepKey(seed: number, step: number): number {
  return hash32((hash32((seed ^ 0x9e3779b9) >>> 0) ^ step) >>> 0);
}

export function rngFromStepKey(stepKey: number, index: number, stream: number): number {
  return hash32((hash32((stepKey ^ index) >>> 0) ^ stream) >>> 0);
}

/** Uniform in [0, 1) with 24 random bits: exact in f32 and f64. */
export function u32ToUniform(x: number): number {
  return (x >>> 8) * (1 / 16777216);
}

export function rngUniform(seed: number, step: number, index: number, stream: number): number {
  return u32ToUniform(rngU32(seed, step, index, stream));
}

/**
 * Standard normal by Box–Muller from streams (stream, stream + 1). The uniforms
 * are bit-identical across backends; the transcendental functions agree to f32
 * rounding only.
 */
export function rngNormal(seed: number, step: number, index: number, stream: number): number {
  const u1 = 1 - rngUniform(seed, step, index, stream); // (0, 1]
  const u2 = rngUniform(seed, step, index, stream + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Length of the Poisson CDF table; counts are capped at POISSON_TABLE_SIZE. */
export const POISSON_TABLE_SIZE = 32;
/** Largest mean count per step the table represents faithfully (tail < 1e-9). */
export const POISSON_MAX_MEAN = 10;

/**
 * Cumulative Poisson probabilities P(K ≤ k), k = 0..POISSON_TABLE_SIZE-1,
 * rounded to f32 on the host. Both backends draw a count by comparing one
 * uniform against this same table, so counts are identical.
 */
export function poissonCdf(mean: number): Float32Array {
  const cdf = new Float32Array(POISSON_TABLE_SIZE);
  let p = Math.exp(-mean);
  let acc = 0;
  for (let k = 0; k < POISSON_TABLE_SIZE; k++) {
    acc += p;
    cdf[k] = Math.min(acc, 1);
    p *= mean / (k + 1);
  }
  cdf[POISSON_TABLE_SIZE - 1] = 1;
  return cdf;
}

/** Count drawn with one uniform u in [0, 1) from the CDF table at cdf[base …] (POISSON_TABLE_SIZE entries). */
export function poissonFromCdf(cdf: ArrayLike<number>, u: number, base = 0): number {
  let k = 0;
  while (k < POISSON_TABLE_SIZE - 1 && u >= cdf[base + k]!) k++;
  return k;
}

/**
 * Poisson counts of n neurons for one step: out[i] = poissonFromCdf(table at cdf[base …],
 * uniform of (stepKey, i, stream)). A separate pass so that the hash stays inlined in a small loop.
 */
export function poissonCounts(out: Uint8Array, n: number, cdf: Float32Array, base: number, stepKey: number, stream: number): void {
  for (let i = 0; i < n; i++) out[i] = poissonFromCdf(cdf, u32ToUniform(rngFromStepKey(stepKey, i, stream)), base);
}
