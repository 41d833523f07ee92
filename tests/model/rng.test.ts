// Model math: statistics of the counter-based RNG and the Poisson table.
import { describe, expect, it } from 'vitest';
import { POISSON_TABLE_SIZE, poissonCdf, poissonFromCdf, rngNormal, rngU32, rngUniform } from '../../src/model/rng';

const N = 200_000;

describe('counter-based RNG', () => {
  it('is a pure function of its four keys', () => {
    expect(rngU32(1, 2, 3, 4)).toBe(rngU32(1, 2, 3, 4));
    const variants = [rngU32(1, 2, 3, 4), rngU32(2, 2, 3, 4), rngU32(1, 3, 3, 4), rngU32(1, 2, 4, 4), rngU32(1, 2, 3, 5)];
    expect(new Set(variants).size).toBe(5);
  });

  it('gives uniforms with mean 1/2, variance 1/12 and no lag-1 correlation across neurons', () => {
    let sum = 0, sq = 0, cross = 0, prev = rngUniform(3, 10, 0, 0);
    for (let i = 1; i <= N; i++) {
      const u = rngUniform(3, 10, i, 0);
      expect(u >= 0 && u < 1).toBe(true);
      sum += u; sq += u * u; cross += (u - 0.5) * (prev - 0.5); prev = u;
    }
    const mean = sum / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 / Math.sqrt(12 * N));
    expect(Math.abs(sq / N - mean * mean - 1 / 12)).toBeLessThan(0.002);
    expect(Math.abs(cross / N)).toBeLessThan(4 / (12 * Math.sqrt(N)));
  });

  it('gives standard normals', () => {
    let sum = 0, sq = 0, tail = 0;
    for (let i = 0; i < N; i++) {
      const z = rngNormal(5, i, 1, 2);
      sum += z; sq += z * z; if (Math.abs(z) > 1.96) tail++;
    }
    expect(Math.abs(sum / N)).toBeLessThan(0.01);
    expect(Math.abs(sq / N - 1)).toBeLessThan(0.015);
    expect(Math.abs(tail / N - 0.05)).toBeLessThan(0.003);
  });

  it('draws Poisson counts with the right mean and variance through the CDF table', () => {
    for (const mean of [0.18, 1.8, 6]) {
      const cdf = poissonCdf(mean);
      expect(cdf).toHaveLength(POISSON_TABLE_SIZE);
      let s = 0, s2 = 0;
      for (let i = 0; i < N; i++) {
        const k = poissonFromCdf(cdf, rngUniform(9, 0, i, 0));
        s += k; s2 += k * k;
      }
      const m = s / N;
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / N));
      expect(Math.abs(s2 / N - m * m - mean) / mean).toBeLessThan(0.03);
    }
  });
});
