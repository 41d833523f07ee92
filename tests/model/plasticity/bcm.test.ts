// BCM with a sliding threshold (Intrator–Cooper form): closed forms and a numerical check.
import { describe, expect, it } from 'vitest';
import {
  BCM_DEFAULT as B, bcmDarkRearing, bcmIntegrateLinear, bcmLinearFixedPoint, bcmSign, bcmStationaryThreshold, bcmThresholdAfter,
  bcmWeightRate,
} from '../../../src/model/plasticity';

describe('BCM', () => {
  it('LTD below the threshold, LTP above, nothing without pre or post activity', () => {
    expect(bcmSign(10, 5, 10)).toBe(-1);
    expect(bcmSign(10, 15, 10)).toBe(1);
    expect(bcmSign(10, 10, 10)).toBe(0);
    expect(bcmSign(0, 15, 10)).toBe(0);
    expect(bcmWeightRate(B, 10, 5, 10)).toBeCloseTo(-B.eta * 10 * 5 * 5, 15);
  });

  it('stationary threshold θ* = ⟨y²⟩/y0', () => {
    expect(bcmStationaryThreshold(B, 10)).toBeCloseTo(10, 12);
    expect(bcmStationaryThreshold(B, 10, 25)).toBeCloseTo(12.5, 12);
  });

  it('linear neuron, constant input: fixed point y* = θ* = y0, w* = y0/x; reached when a τθ < 1', () => {
    const x = 10;
    const fp = bcmLinearFixedPoint(B, x);
    expect(fp).toMatchObject({ w: 1, y: 10, theta: 10, stable: true });
    for (const w0 of [0.3, 2]) {
      const end = bcmIntegrateLinear(B, x, w0, 5, 40000, 0.1);
      expect(end.y).toBeCloseTo(B.y0, 2);
      expect(end.theta).toBeCloseTo(B.y0, 2);
    }
  });

  it('a threshold that slides too slowly (a τθ > 1) loses the fixed point', () => {
    const slow = { ...B, tauTheta: 2000 }; // a τθ = 1e-3 × 2000 = 2
    expect(bcmLinearFixedPoint(slow, 10).stable).toBe(false);
    const end = bcmIntegrateLinear(slow, 10, 1.05, 10, 20000, 0.05);
    expect(Math.abs(end.y - slow.y0)).toBeGreaterThan(1);
  });

  it('threshold relaxes exponentially: θ(t) = y²/y0 + (θ0 − y²/y0) e^{−t/τθ}', () => {
    expect(bcmThresholdAfter(B, 2, 0, 10)).toBe(10);
    expect(bcmThresholdAfter(B, 2, B.tauTheta, 10)).toBeCloseTo(0.4 + 9.6 * Math.exp(-1), 12);
    expect(bcmThresholdAfter(B, 2, 1e6, 10)).toBeCloseTo(0.4, 12);
  });

  it('dark rearing flips the same test input from LTD to LTP', () => {
    // normal rate 10 Hz (θ = 10 Hz), dark rearing at 3 Hz for 10 τθ (θ → 0.9 Hz), test response 6 Hz.
    const r = bcmDarkRearing(B, 10, 3, 10 * B.tauTheta, 10, 6);
    expect(r.thetaNormal).toBeCloseTo(10, 12);
    expect(r.thetaDark).toBeLessThan(1.0);
    expect(r.signNormal).toBe(-1);
    expect(r.signDark).toBe(1);
  });
});
