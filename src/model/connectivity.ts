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
