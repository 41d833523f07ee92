/**
 * BCM rule with a sliding threshold (Bienenstock, Cooper & Munro 1982, J
 * Neurosci 2:32), in the Intrator & Cooper (1992, Neural Netw 5:3) form:
 *
 *   dw/dt = η x y (y − θ)             x, y: pre and post rates (Hz)
 *   τ_θ dθ/dt = y²/y0 − θ             θ → ⟨y²⟩/y0 (Hz)
 *
 * Closed forms used by the tests (parameters: `BcmParams` in parameter-sets.ts).
 */
import type { BcmParams } from './parameter-sets';

/** dw/dt (1/s) for rates x, y and threshold θ. */
export function bcmWeightRate(p: BcmParams, x: number, y: number, theta: number): number {
  return p.eta * x * y * (y - theta);
}

/** dθ/dt (Hz/s). */
export function bcmThresholdRate(p: BcmParams, y: number, theta: number): number {
  return (y * y / p.y0 - theta) / p.tauTheta;
}

/** Sign of the weight change: −1 (LTD) for 0 < y < θ, +1 (LTP) for y > θ, 0 at y = θ or when x or y is 0. */
export function bcmSign(x: number, y: number, theta: number): -1 | 0 | 1 {
  const v = x * y * (y - theta);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Stationary threshold for a stationary postsynaptic rate distribution: θ* = ⟨y²⟩/y0 = (⟨y⟩² + Var y)/y0. */
export function bcmStationaryThreshold(p: BcmParams, meanY: number, varianceY = 0): number {
  return (meanY * meanY + varianceY) / p.y0;
}

/**
 * Fixed points of a linear neuron y = w x with a constant input rate x > 0:
 * dw/dt = 0 needs y = 0 or y = θ, and θ* = y²/y0, so either
 *   (w, θ) = (0, 0)  — unstable: any y > 0 exceeds θ ≈ y²/y0 while y < y0, and grows;
 *   (w, θ) = (y0/x, y0) — the rate settles at y* = y0.
 * Linearising around the second (u = y − y0, v = θ − y0):
 *   du/dt = a (u − v),  dv/dt = (2u − v)/τ_θ,  a = η x² y0,
 * trace a − 1/τ_θ, determinant a/τ_θ > 0: stable iff a τ_θ < 1 (a slow
 * threshold destabilises BCM, an oscillation when the trace turns positive).
 */
export function bcmLinearFixedPoint(p: BcmParams, x: number): { w: number; y: number; theta: number; stable: boolean; a: number } {
  const a = p.eta * x * x * p.y0;
  return { w: p.y0 / x, y: p.y0, theta: p.y0, stable: a * p.tauTheta < 1, a };
}

/**
 * Threshold after a period of constant postsynaptic rate y (e.g. dark rearing
 * at a low rate) of duration t, from θ0:
 *   θ(t) = y²/y0 + (θ0 − y²/y0) e^{−t/τ_θ}.
 */
export function bcmThresholdAfter(p: BcmParams, y: number, t: number, theta0: number): number {
  const target = (y * y) / p.y0;
  return target + (theta0 - target) * Math.exp(-t / p.tauTheta);
}

/**
 * The dark-rearing sign flip (Kirkwood, Rioult & Bear 1996, Nature 381:526):
 * after rearing at rate yDark the threshold is lower than after normal rates
 * yNormal, so a test response yTest with θ_dark < yTest < θ_normal gives LTP
 * after dark rearing and LTD after normal rearing. Returns both thresholds
 * (after `duration` s from θ = yNormal²/y0) and the two signs.
 */
export function bcmDarkRearing(
  p: BcmParams, yNormal: number, yDark: number, duration: number, xTest: number, yTest: number,
): { thetaNormal: number; thetaDark: number; signNormal: -1 | 0 | 1; signDark: -1 | 0 | 1 } {
  const thetaNormal = (yNormal * yNormal) / p.y0;
  const thetaDark = bcmThresholdAfter(p, yDark, duration, thetaNormal);
  return { thetaNormal, thetaDark, signNormal: bcmSign(xTest, yTest, thetaNormal), signDark: bcmSign(xTest, yTest, thetaDark) };
}

/**
 * Reference integration (exponential Euler for θ, explicit for w) of a linear
 * neuron y = w x with constant x, for checking the fixed point and its
 * stability numerically. Returns the trajectory's end point.
 */
export function bcmIntegrateLinear(p: BcmParams, x: number, w0: number, theta0: number, duration: number, dt = 0.01): { w: number; theta: number; y: number } {
  let w = w0;
  let theta = theta0;
  const e = Math.exp(-dt / p.tauTheta);
  for (let t = 0; t < duration; t += dt) {
    const y = Math.max(0, w * x);
    w += dt * bcmWeightRate(p, x, y, theta);
    theta = (y * y) / p.y0 + (theta - (y * y) / p.y0) * e;
  }
  return { w, theta, y: Math.max(0, w * x) };
}
