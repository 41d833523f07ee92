// Model math: connectivity generators and the ring profile.
import { describe, expect, it } from 'vitest';
import { circulantModes, fixedInDegree, ringProfile, toPresynapticCsr, trigTables } from '../../src/model/connectivity';

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

describe('all-to-all gather through Fourier modes', () => {
  it('equals the direct circular convolution to f32 precision, with a few dozen modes for Compte\'s profile', () => {
    const n = 2048;
    const table = ringProfile(n, 1.62, 14.4).map((j) => 0.381 * j);
    const coef = circulantModes(table);
    expect(coef.length).toBeLessThan(40);
    const trig = trigTables(n);
    const s = Float64Array.from({ length: n }, (_, j) => 0.3 * Math.exp(-((j - 700) ** 2) / 5000) + 0.02 * ((j * 7919) % 13) / 13);
    const a = Array.from(coef, (_, k) => s.reduce((acc, x, j) => acc + x * trig[(k * j) % n]!, 0));
    const b = Array.from(coef, (_, k) => s.reduce((acc, x, j) => acc + x * trig[n + ((k * j) % n)]!, 0));
    let worst = 0;
    for (const i of [0, 1, 350, 700, 701, 1500, 2047]) {
      let direct = 0;
      for (let j = 0; j < n; j++) direct += table[(i - j + n) % n]! * s[j]!;
      let modes = 0;
      coef.forEach((c, k) => (modes += c * (a[k]! * trig[(k * i) % n]! + b[k]! * trig[n + ((k * i) % n)]!)));
      worst = Math.max(worst, Math.abs(modes - direct) / direct);
    }
    expect(worst).toBeLessThan(1e-7);
  });

  it('keeps every mode for a profile narrower than the grid', () => {
    const table = ringProfile(64, 5, 2);
    expect(circulantModes(table).length).toBe(33);
  });
});
