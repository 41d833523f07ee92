/**
 * Trace-based STDP references: the additive pair rule (Song, Miller & Abbott
 * 2000) and the triplet rule (Pfister & Gerstner 2006), event-driven and exact
 * for given spike trains. Parameters: `PairStdpParams`, `TripletStdpParams`
 * (parameter-sets.ts). The pair rule is the triplet rule with A3± = 0.
 *
 * Traces (decay between spikes; all-to-all: +1 per own spike, nearest-spike: set to 1):
 *   r1 (τ+), r2 (τx) presynaptic;  o1 (τ−), o2 (τy) postsynaptic.
 * Updates read the traces before the spike's own increment:
 *   pre spike:  w −= o1 (A2− + A3− r2)
 *   post spike: w += r1 (A2+ + A3+ o2)
 * Spikes at the same time: the presynaptic one is processed first.
 * Optional hard bounds clip w after every update (Song et al. 2000).
 */
import type { PairStdpParams, TripletStdpParams } from './parameter-sets';

/** Pair window F(Δt), Δt = t_post − t_pre (s): A+ e^{−Δt/τ+} for Δt > 0, −A− e^{Δt/τ−} for Δt < 0, 0 at 0. */
export function pairWindow(p: PairStdpParams, dt: number): number {
  if (dt > 0) return p.aPlus * Math.exp(-dt / p.tauPlus);
  if (dt < 0) return -p.aMinus * Math.exp(dt / p.tauMinus);
  return 0;
}

/** Integral of the pair window ∫F = A+ τ+ − A− τ− (s); negative for Song 2000 (depression dominates). */
export function pairWindowIntegral(p: PairStdpParams): number {
  return p.aPlus * p.tauPlus - p.aMinus * p.tauMinus;
}

/** The pair rule as a triplet rule (A3± = 0). */
export function pairAsTriplet(p: PairStdpParams, interaction: TripletStdpParams['interaction'] = 'all-to-all'): TripletStdpParams {
  return { a2Plus: p.aPlus, a2Minus: p.aMinus, a3Plus: 0, a3Minus: 0, tauPlus: p.tauPlus, tauMinus: p.tauMinus, tauX: 1, tauY: 1, interaction };
}

/**
 * Weight after the given spike trains (s, any order), from w0; `bounds`
 * clips after every update. Exact: traces decay analytically between spikes.
 */
export function tripletStdp(
  p: TripletStdpParams, pre: readonly number[], post: readonly number[], w0 = 0, bounds?: { min: number; max: number },
): number {
  const spikes = [...pre.map((t) => ({ t, pre: true })), ...post.map((t) => ({ t, pre: false }))]
    .sort((a, b) => a.t - b.t || (a.pre === b.pre ? 0 : a.pre ? -1 : 1));
  const nearest = p.interaction === 'nearest-spike';
  let r1 = 0, r2 = 0, o1 = 0, o2 = 0;
  let last = spikes.length > 0 ? spikes[0]!.t : 0;
  let w = w0;
  for (const s of spikes) {
    const d = s.t - last;
    if (d > 0) {
      r1 *= Math.exp(-d / p.tauPlus);
      r2 *= Math.exp(-d / p.tauX);
      o1 *= Math.exp(-d / p.tauMinus);
      o2 *= Math.exp(-d / p.tauY);
      last = s.t;
    }
    if (s.pre) {
      w -= o1 * (p.a2Minus + p.a3Minus * r2);
      r1 = nearest ? 1 : r1 + 1;
      r2 = nearest ? 1 : r2 + 1;
    } else {
      w += r1 * (p.a2Plus + p.a3Plus * o2);
      o1 = nearest ? 1 : o1 + 1;
      o2 = nearest ? 1 : o2 + 1;
    }
    if (bounds) w = Math.min(bounds.max, Math.max(bounds.min, w));
  }
  return w;
}

/**
 * Expected drift for independent Poisson trains at rates ρx (pre) and ρy
 * (post), all-to-all interactions (Pfister & Gerstner 2006, eq. for the BCM
 * mapping):
 *   ⟨dw/dt⟩ = ρx ρy [A2+ τ+ − A2− τ− + A3+ τ+ τy ρy − A3− τ− τx ρx]
 * — quadratic in ρy: a BCM-like rule with threshold ρy* = (A2− τ− + A3− τ− τx ρx − A2+ τ+)/(A3+ τ+ τy).
 */
export function tripletPoissonDrift(p: TripletStdpParams, rhoX: number, rhoY: number): number {
  return rhoX * rhoY * (p.a2Plus * p.tauPlus - p.a2Minus * p.tauMinus + p.a3Plus * p.tauPlus * p.tauY * rhoY - p.a3Minus * p.tauMinus * p.tauX * rhoX);
}

/**
 * Pairing protocol of Sjöström et al. 2001 as used by Pfister & Gerstner 2006:
 * `pairs` pre/post pairs at `frequency` (Hz), post `deltaT` after pre (s).
 */
export function pairingTrains(deltaT: number, frequency: number, pairs: number): { pre: number[]; post: number[] } {
  const start = Math.max(0, -deltaT);
  const pre = Array.from({ length: pairs }, (_, k) => start + k / frequency);
  return { pre, post: pre.map((t) => t + deltaT) };
}
