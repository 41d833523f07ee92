import { describe, expect, it } from 'vitest';
import { expPoly } from '../../src/model/exp';
import { rngUniform } from '../../src/model/rng';

/** f32's half-ULP relative (2^-25): the rounding of every value the GPU's f32 path computes */
const F32_HALF_ULP = 2 ** -25;

function worstRelativeError(lo: number, hi: number, count: number): number {
  let worst = 0;
  for (let i = 0; i < count; i++) {
    const x = lo + (hi - lo) * rngUniform(3, 0, i, 0);
    worst = Math.max(worst, Math.abs(expPoly(x) / Math.exp(x) - 1));
  }
  return worst;
}

describe('expPoly (CPU hot-loop exp)', () => {
  it('is within 1e-8 relative of Math.exp, below f32 half-ULP, over the LIF kernels’ ranges and all finite results', () => {
    // membrane −dt g/C and NMDA −k dt: small negative; Mg block −0.062 V for V in [−100, 50] mV
    for (const [lo, hi] of [[-1, 0], [-3.1, 6.2], [-700, 700]] as const) {
      const worst = worstRelativeError(lo, hi, 200_000);
      expect(worst).toBeLessThan(1e-8);
      expect(worst).toBeLessThan(F32_HALF_ULP / 3);
    }
  });

  it('is exact at 0 and follows Math.exp at the ends of the double range and for NaN', () => {
    expect(expPoly(0)).toBe(1);
    expect(expPoly(-800)).toBe(0);
    expect(expPoly(800)).toBe(Infinity);
    expect(expPoly(-Infinity)).toBe(0);
    expect(expPoly(Number.NaN)).toBeNaN();
    expect(Math.abs(expPoly(709) / Math.exp(709) - 1)).toBeLessThan(1e-8);
  });
});
