/**
 * Rate units: τ dr/dt = −r + f(I), f(I) = min(rMax, gain · max(0, I − θ)),
 * I = bias + I_ext + I_in + σ ξ (ξ a standard normal drawn every step).
 * Integrated exactly for constant I over a step: r ← f + (r − f) e^(−dt/τ).
 * The rectified form is the transfer function of Burak & Fiete 2009.
 */
import type { ParamTable } from './params';

export const RATE_PARAMS = {
  tau: { default: 0.01, unit: 's', min: 0.0001, max: 10, doc: 'rate time constant', cite: 'Burak & Fiete 2009' },
  gain: { default: 1, unit: 'Hz/unit', min: 0, max: 10000, doc: 'slope of the rectified-linear transfer function' },
  threshold: { default: 0, unit: 'input units', min: -1000, max: 1000, doc: 'input at which the rate starts to rise' },
  rMax: { default: 1000, unit: 'Hz', min: 0, max: 10000, doc: 'saturation rate' },
  bias: { default: 0, unit: 'input units', min: -1000, max: 1000, doc: 'constant input' },
  noise: { default: 0, unit: 'input units', min: 0, max: 1000, doc: 's.d. of Gaussian input noise drawn every step' },
} as const satisfies ParamTable;


/** Order of a rate population's state sections in the state arena. */
export const RATE_SECTIONS = ['r', 'iIn', 'iExt'] as const;
