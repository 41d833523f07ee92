/**
 * Connectivity generators and weight profiles. Everything is a pure function
 * of the seed, so a run is reproducible from (scenario, seed) alone.
 */
import { rngU32 } from './rng';

/** RNG stream of projection p's connectivity (dynamics use small stream numbers). */
export const connectivityStream = (projectionIndex: number) => (0x80000000 | projectionIndex) >>> 0;

/**
 * Fixed in-degree: every postsynaptic cell draws k presynaptic cells uniformly
 * with replacement (multapses allowed, as NEST's fixed_indegree by default);
 * self-connections are redrawn unless autapses are allowed.
 * Returns pre indices by postsynaptic cell: pre[i * k + m].
 */
export function fixedInDegree(
  preN: number, postN: number, k: number, seed: number, stream: number, excludeSelf: boolean,
): Uint32Array {
  const pre = new Uint32Array(postN * k);
  for (let i = 0; i < postN; i++) {
    let draw = 0;
    for (let m = 0; m < k; m++) {
      let j: number;
      do {
        j = Math.floor((rngU32(seed, draw++, i, stream) / 4294967296) * preN);
      } while (excludeSelf && j === i);
      pre[i * k + m] = j;
    }
  }
  return pre;
}

/** One-to-one as a by-post index list with k = 1. */
export function oneToOne(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

/**
 * Transposes a by-post index list (k per post) into a by-presynaptic CSR:
 * rowStart[preN + 1] and targets[nnz], targets of each row in ascending post order.
 */
export function toPresynapticCsr(preByPost: Uint32Array, preN: number, k: number): { rowStart: Uint32Array; targets: Uint32Array } {
  const rowStart = new Uint32Array(preN + 1);
  for (const j of preByPost) rowStart[j + 1]!++;
  for (let j = 0; j < preN; j++) rowStart[j + 1]! += rowStart[j]!;
  const fill = rowStart.slice(0, preN);
  const targets = new Uint32Array(preByPost.length);
  for (let s = 0; s < preByPost.length; s++) targets[fill[preByPost[s]!]!++] = Math.floor(s / k);
  return { rowStart, targets };
}

/**
 * Ring profile J(Δθ) = J− + (J+ − J−) exp(−Δθ²/2σ²) over n cells with
 * preferred angles 360° i / n, tabulated by index difference d = (i − j) mod n;
 * J− is set so the profile averages to 1 (Compte et al. 2000, Cereb Cortex 10:910).
 */
export function ringProfile(n: number, jPlus: number, sigmaDeg: number): Float64Array {
  const gauss = new Float64Array(n);
  let mean = 0;
  for (let d = 0; d < n; d++) {
    const angle = (360 * Math.min(d, n - d)) / n;
    gauss[d] = Math.exp(-(angle * angle) / (2 * sigmaDeg * sigmaDeg));
    mean += gauss[d]! / n;
  }
  // mean(J) = J− + (J+ − J−) mean(g) = 1  ⇒  J− = (1 − J+ mean(g)) / (1 − mean(g))
  const jMinus = mean < 1 ? (1 - jPlus * mean) / (1 - mean) : 1;
  return gauss.map((g) => jMinus + (jPlus - jMinus) * g);
}

/**
 * Fourier coefficients of a circulant weight table T (T[d], d = (i − j) mod N,
 * symmetric), truncated where they fall below 1e-9 of the largest: with
 * a_k = Σ_j s_j cos(2πkj/N), b_k = Σ_j s_j sin(2πkj/N),
 *   Σ_j T[(i − j) mod N] s_j = Σ_k c_k (a_k cos(2πki/N) + b_k sin(2πki/N)),
 * c_0 = T̂_0/N, c_k = 2 T̂_k/N (c_{N/2} = T̂_{N/2}/N). For a Gaussian ring profile
 * the coefficients decay like exp(−k²σ²/2), so a few dozen modes replace the
 * N² sum, exactly to f32 rounding. A one-entry table is a uniform weight (c_0 = w).
 */
export function circulantModes(table: Float64Array): Float64Array {
  const n = table.length;
  if (n === 1) return Float64Array.of(table[0]!);
  const half = Math.floor(n / 2);
  const hat = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    let sum = 0;
    for (let d = 0; d < n; d++) sum += table[d]! * Math.cos((2 * Math.PI * ((k * d) % n)) / n);
    hat[k] = sum;
  }
  const largest = hat.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  let last = 0;
  for (let k = 0; k <= half; k++) if (Math.abs(hat[k]!) > 1e-9 * largest) last = k;
  return Float64Array.from({ length: last + 1 }, (_, k) => (hat[k]! * (k === 0 || 2 * k === n ? 1 : 2)) / n);
}

/** cos(2πm/N) then sin(2πm/N), m = 0..N−1, with exact zeros and ones at the quarter points. */
export function trigTables(n: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let m = 0; m < n; m++) {
    const exact = (4 * m) % n === 0;
    const quarter = (4 * m) / n;
    out[m] = exact ? [1, 0, -1, 0][quarter]! : Math.cos((2 * Math.PI * m) / n);
    out[n + m] = exact ? [0, 1, 0, -1][quarter]! : Math.sin((2 * Math.PI * m) / n);
  }
  return out;
}
