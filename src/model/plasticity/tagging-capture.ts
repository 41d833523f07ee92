/**
 * CPU reference of synaptic tagging and capture (Luboeinski & Tetzlaff 2021,
 * Commun Biol 4:275; equations and parameters in parameter-sets.ts,
 * `TagCaptureParams` / `LUBOEINSKI2021`): one postsynaptic neuron with one or
 * more input pathways, each a synapse (or a group of identical synapses) with
 * its own calcium c, early weight h (mV) and late weight z (units of h0); one
 * protein pool p per neuron.
 *
 *   τ_h dh/dt = 0.1 (h0 − h) + γ_p (h_max − h) Θ[c − θ_p] − γ_d h Θ[c − θ_d] + √τ_h √(Θ_p + Θ_d) σ Γ(t)
 *   τ_p dp/dt = −p + α Θ[Σ_synapses |h − h0| − θ_pro]
 *   τ_z dz/dt = q (z_max − z) Θ[(h − h0) − θ_tag] − q (z − z_min) Θ[(h0 − h) − θ_tag]
 * with z_max = 1, z_min = −0.5 (the paper's p (1 − z) and p (z + 0.5)) and q the
 * plasticity product available to tagged synapses:
 *   q = p + BDNF_exogenous, or 0 under TrkB block.
 * Switches (time windows): anisomycin (protein-synthesis inhibitor) sets α = 0;
 * TrkB block removes capture (q = 0: tagged synapses cannot use the
 * BDNF/protein product; Pang et al. 2004, Science 306:487); exogenous mature BDNF
 * adds a constant amount to q (it rescues the late phase under anisomycin;
 * Pang et al. 2004).
 *
 * Integration is event-driven and exact between events (no time grid): between
 * spikes every c decays exponentially, so the Θ regimes change at the computed
 * crossing times τ_c ln(c/θ); inside a regime h obeys a linear ODE with constant
 * coefficients (exact exponential solution; the noise term is added as the
 * exact Ornstein–Uhlenbeck increment). p and z are integrated exactly for
 * piecewise-constant Θ[Σ − θ_pro] and tags: p(t) = p∞ + (p0 − p∞) e^{−t/τ_p}
 * and z relaxes with the integral of q. Where every calcium is below θ_d
 * (quiet periods — hours), all |h − h0| decay with the same rate 0.1/τ_h, so
 * the times at which Σ|h − h0| crosses θ_pro and each |h − h0| crosses θ_tag
 * are computed and become breakpoints: the quiet hours are fast-forwarded in
 * a handful of exact steps. While some calcium is above θ_d (at most ~0.1 s
 * after a spike) the protein and tag conditions are frozen over each
 * sub-interval between calcium events (≤ the inter-spike interval), like the
 * authors' code that reads them from the previous 0.2 ms step.
 */
import { LUBOEINSKI2021, type TagCaptureParams } from './parameter-sets';
import { Rng } from './math';

export interface Interval {
  /** Start (s). */
  readonly from: number;
  /** End (s); Infinity for "until the end". */
  readonly to: number;
}

export interface Pathway {
  /** Presynaptic spike times (s). */
  readonly preSpikes: readonly number[];
  /** Identical synapses this pathway stands for in the protein-synthesis sum Σ|h − h0| (default 1). */
  readonly synapses?: number;
}

export interface TagCaptureProtocol {
  readonly pathways: readonly Pathway[];
  /** Postsynaptic spike times (s): c_post into every pathway's calcium. */
  readonly postSpikes?: readonly number[];
  /** Simulated time (s). */
  readonly duration: number;
  /** Protein-synthesis inhibitor (anisomycin): α = 0 inside these windows. */
  readonly anisomycin?: readonly Interval[];
  /** TrkB block: no capture inside these windows. */
  readonly trkbBlock?: readonly Interval[];
  /** Exogenous BDNF: `amount` (units of p) available to tagged synapses inside these windows. */
  readonly bdnf?: readonly (Interval & { readonly amount: number })[];
  /** Sampling interval of the returned time course (s; default 60 s). */
  readonly sampleInterval?: number;
}

export interface TagCaptureOptions {
  readonly params?: TagCaptureParams;
  /** Early-phase noise σ_pl on (default false: the mean dynamics). */
  readonly noise?: boolean;
  readonly seed?: number;
}

export interface TagCaptureSamples {
  /** Sample times (s). */
  readonly t: number[];
  /** h per pathway (mV), h[pathway][sample]. */
  readonly h: number[][];
  /** z per pathway (units of h0). */
  readonly z: number[][];
  /** Protein amount p. */
  readonly p: number[];
}

export interface TagCaptureResult {
  readonly samples: TagCaptureSamples;
  /** Final early weights (mV). */
  readonly h: number[];
  /** Final late weights (units of h0). */
  readonly z: number[];
  /** Final protein amount. */
  readonly p: number;
  /** Final total weights (h + h0 z)/h0 (1 = baseline). */
  readonly weight: number[];
  /** Largest protein amount reached. */
  readonly pMax: number;
  /** Total time each pathway was tagged (s). */
  readonly taggedTime: number[];
  /** Total time protein synthesis was on (s). */
  readonly synthesisTime: number;
}

/** Spike times of a tetanus: `pulses` at `frequency` from `onset` (s). */
export function tetanus(onset: number, pulses: number, frequency: number): number[] {
  return Array.from({ length: pulses }, (_, k) => onset + k / frequency);
}

/**
 * Strong tetanus (STET; Li et al. 2016, Luboeinski & Tetzlaff 2021, the
 * authors' StimulusProtocols.cpp): three 1-s trains at 100 Hz (100 pulses), 10 min apart.
 */
export function strongTetanus(onset: number): number[] {
  return [0, 600, 1200].flatMap((d) => tetanus(onset + d, 100, 100));
}

/** Weak tetanus (WTET): one 0.2-s train at 100 Hz, 21 pulses. */
export function weakTetanus(onset: number): number[] {
  return tetanus(onset, 21, 100);
}

const inside = (w: readonly Interval[] | undefined, t: number): boolean => (w ?? []).some((i) => t >= i.from && t < i.to);

type Event = { t: number; kind: 0 | 1 | 2 | 3; k: number }; // 0 pre-calcium (pathway k), 1 post, 2 breakpoint, 3 sample

/** Integrates a protocol; see the module comment for the scheme. */
export function simulateTagCapture(protocol: TagCaptureProtocol, options: TagCaptureOptions = {}): TagCaptureResult {
  const P = options.params ?? LUBOEINSKI2021;
  const rng = options.noise ? new Rng(options.seed ?? 1) : undefined;
  const n = protocol.pathways.length;
  const weightOf = protocol.pathways.map((w) => w.synapses ?? 1);
  const c = new Float64Array(n);
  const h = new Float64Array(n).fill(P.h0);
  const z = new Float64Array(n);
  let p = 0;
  let pMax = 0;
  let synthesisTime = 0;
  const taggedTime = new Array<number>(n).fill(0);
  const tauRelax = P.tauH / 0.1; // decay time of h − h0 when quiet

  const events: Event[] = [];
  protocol.pathways.forEach((w, k) => { for (const t of w.preSpikes) events.push({ t: t + P.delay, kind: 0, k }); });
  for (const t of protocol.postSpikes ?? []) events.push({ t, kind: 1, k: -1 });
  for (const w of [...(protocol.anisomycin ?? []), ...(protocol.trkbBlock ?? []), ...(protocol.bdnf ?? [])]) {
    events.push({ t: w.from, kind: 2, k: -1 });
    if (Number.isFinite(w.to)) events.push({ t: w.to, kind: 2, k: -1 });
  }
  const dtSample = protocol.sampleInterval ?? 60;
  for (let t = 0; t <= protocol.duration + 1e-9; t += dtSample) events.push({ t, kind: 3, k: -1 });
  events.push({ t: protocol.duration, kind: 2, k: -1 });
  const sorted = events.filter((e) => e.t >= 0 && e.t <= protocol.duration).sort((a, b) => a.t - b.t || a.kind - b.kind);

  const samples: TagCaptureSamples = { t: [], h: Array.from({ length: n }, () => []), z: Array.from({ length: n }, () => []), p: [] };
  const regime = new Int8Array(n);
  const tag = new Int8Array(n);
  let t = 0;

  const advance = (L: number): void => {
    while (L > 1e-12) {
      let s = L;
      let quiet = true;
      for (let k = 0; k < n; k++) {
        const tp = c[k]! > P.thetaP ? P.tauCa * Math.log(c[k]! / P.thetaP) : 0;
        const td = c[k]! > P.thetaD ? P.tauCa * Math.log(c[k]! / P.thetaD) : 0;
        if (tp > 1e-12) { regime[k] = 2; s = Math.min(s, tp); quiet = false; }
        else if (td > 1e-12) { regime[k] = 1; s = Math.min(s, td); quiet = false; }
        else regime[k] = 0;
      }
      let sum = 0;
      for (let k = 0; k < n; k++) sum += weightOf[k]! * Math.abs(h[k]! - P.h0);
      let synth = sum >= P.thetaPro;
      if (quiet && synth) {
        const tc = tauRelax * Math.log(sum / P.thetaPro);
        if (tc > 1e-9) s = Math.min(s, tc);
        else synth = false; // exactly at the threshold and decaying
      }
      for (let k = 0; k < n; k++) {
        const d = h[k]! - P.h0;
        tag[k] = d >= P.thetaTag ? 1 : -d >= P.thetaTag ? -1 : 0;
        if (quiet && tag[k] !== 0) {
          const tc = tauRelax * Math.log(Math.abs(d) / P.thetaTag);
          if (tc > 1e-9) s = Math.min(s, tc);
          else tag[k] = 0;
        }
      }
      // Protein pool and the product available for capture over [t, t + s).
      const alpha = inside(protocol.anisomycin, t) ? 0 : P.alpha;
      const pInf = synth ? alpha : 0;
      const ep = Math.exp(-s / P.tauP);
      const integralP = pInf * s + (p - pInf) * P.tauP * (1 - ep);
      const bdnf = (protocol.bdnf ?? []).reduce((a, w) => (t >= w.from && t < w.to ? a + w.amount : a), 0);
      const Q = inside(protocol.trkbBlock, t) ? 0 : integralP + bdnf * s;
      if (synth) synthesisTime += s;
      for (let k = 0; k < n; k++) {
        if (tag[k] !== 0) taggedTime[k]! += s;
        if (Q > 0 && tag[k] === 1) z[k] = P.zMax - (P.zMax - z[k]!) * Math.exp(-Q / P.tauZ);
        else if (Q > 0 && tag[k] === -1) z[k] = P.zMin + (z[k]! - P.zMin) * Math.exp(-Q / P.tauZ);
        // Early phase: linear ODE with constant coefficients in this regime.
        const r = regime[k]!;
        const rate = (0.1 + (r === 2 ? P.gammaP + P.gammaD : r === 1 ? P.gammaD : 0)) / P.tauH;
        const target = (0.1 * P.h0 + (r === 2 ? P.gammaP * P.hMax : 0)) / (rate * P.tauH);
        const e = Math.exp(-rate * s);
        let hk = target + (h[k]! - target) * e;
        if (rng && r > 0) hk += P.sigma * Math.sqrt((r / P.tauH) * ((1 - e * e) / (2 * rate))) * rng.gauss();
        h[k] = hk;
        c[k]! *= Math.exp(-s / P.tauCa);
      }
      p = pInf + (p - pInf) * ep;
      pMax = Math.max(pMax, p);
      t += s;
      L -= s;
    }
  };

  for (const ev of sorted) {
    advance(ev.t - t);
    t = ev.t;
    if (ev.kind === 0) c[ev.k]! += P.cPre;
    else if (ev.kind === 1) for (let k = 0; k < n; k++) c[k]! += P.cPost;
    else if (ev.kind === 3) {
      samples.t.push(t);
      for (let k = 0; k < n; k++) { samples.h[k]!.push(h[k]!); samples.z[k]!.push(z[k]!); }
      samples.p.push(p);
    }
  }
  return {
    samples, h: Array.from(h), z: Array.from(z), p, pMax, taggedTime, synthesisTime,
    weight: Array.from(h, (hk, k) => (hk + P.h0 * z[k]!) / P.h0),
  };
}
