// Model math: connectivity generators and the ring profile.
import { describe, expect, it } from 'vitest';
import { fixedInDegree, ringProfile, toPresynapticCsr } from '../../src/model/connectivity';

describe('fixed in-degree', () => {
  const pre = fixedInDegree(500, 500, 40, 11, 3, true);
  it('gives every cell exactly k inputs, never itself, uniformly over sources', () => {
    expect(pre).toHaveLength(500 * 40);
    const outDegree = new Float64Array(500);
    for (let i = 0; i < 500; i++) {
      for (let m = 0; m < 40; m++) {
        const j = pre[i * 40 + m]!;
        expect(j).not.toBe(i);
        expect(j).toBeLessThan(500);
        outDegree[j]!++;
      }
    }
    const mean = outDegree.reduce((a, b) => a + b) / 500;
    const variance = outDegree.reduce((a, b) => a + (b - mean) ** 2, 0) / 500;
    expect(mean).toBe(40);
    expect(variance).toBeGreaterThan(25); // binomial: ≈ 40 (1 − 1/499)
    expect(variance).toBeLessThan(55);
  });

  it('is reproducible from the seed and changes with it', () => {
    expect(fixedInDegree(500, 500, 40, 11, 3, true)).toEqual(pre);
    expect(fixedInDegree(500, 500, 40, 12, 3, true)).not.toEqual(pre);
  });

  it('transposes into a presynaptic CSR holding the same synapses', () => {
    const { rowStart, targets } = toPresynapticCsr(pre, 500, 40);
    expect(rowStart[500]).toBe(pre.length);
    const fromCsr: string[] = [];
    for (let j = 0; j < 500; j++) for (let s = rowStart[j]!; s < rowStart[j + 1]!; s++) fromCsr.push(`${j}>${targets[s]}`);
    const fromList = Array.from(pre, (j, s) => `${j}>${Math.floor(s / 40)}`);
    expect(fromCsr.sort()).toEqual(fromList.sort());
  });
});

describe('ring profile (Compte et al. 2000)', () => {
  it('averages to 1, peaks at J+ and is symmetric', () => {
    const j = ringProfile(2048, 1.62, 14.4);
    expect(j.reduce((a, b) => a + b) / 2048).toBeCloseTo(1, 10);
    expect(j[0]).toBeCloseTo(1.62, 10);
    for (const d of [1, 57, 300, 1000]) expect(j[d]).toBeCloseTo(j[2048 - d]!, 12);
    expect(j[1024]).toBeLessThan(1); // J− < 1 far from the peak
  });
});
