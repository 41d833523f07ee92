// The normal distribution function and its inverse that carry the agent's Rayleigh speed.
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../../src/model/spatial/normal';

describe('standard normal Φ and Φ⁻¹', () => {
  it('matches tabulated values of Φ', () => {
    // Reference values: scipy.stats.norm.cdf.
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300946, 15);
    expect(normalCdf(-4.75) / 1.0170832425687e-6).toBeCloseTo(1, 7);
  });

  it('inverts Φ to ~1e-15 from 1e-6 to 1 − 1e-6', () => {
    for (const p of [1e-6, 1e-4, 0.01, 0.02425, 0.3, 0.5, 0.77, 0.97575, 0.999, 1 - 1e-6]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(2e-15);
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });
});
