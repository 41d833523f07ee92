/**
 * Parameter tables of the plasticity rules a projection can carry, and of
 * spike-source populations (the pre/post spike trains of pairing protocols).
 *
 * Every rule evolves a dimensionless efficacy w per synapse; the delivered
 * weight is the projection's weight × w (× (w + z) with consolidation, where z
 * is the late-phase weight). Rules read per-neuron traces of both sides: spike
 * traces with time constants τ1 and τ2 (+1 per spike), a calcium trace (+1 per
 * spike, after a presynaptic delay), a rate estimate, the BCM threshold and the
 * postsynaptic membrane potential. Equations: src/model/kernels/plasticity.ts.
 */
import type { ParamTable } from './params';

/** Shared by every rule: bounds, initial efficacy and the live learning gain. */
export const PLASTICITY_COMMON_PARAMS = {
  gain: { default: 1, unit: '×', min: 0, max: 1000, doc: 'learning-rate factor (0 = learning off; neuromodulators scale it)' },
  wMin: { default: 0, unit: '', min: -10, max: 10, doc: 'lower bound of the efficacy w' },
  wMax: { default: 1, unit: '', min: 0, max: 100, doc: 'upper bound of the efficacy w' },
  wInit: { default: 0.5, unit: '', min: -10, max: 100, doc: 'initial efficacy (mean)' },
  wInitSpread: { default: 0, unit: '', min: 0, max: 100, doc: 'initial efficacy is uniform in wInit ± wInitSpread (clamped to the bounds)' },
} as const satisfies ParamTable;

/**
 * Trace-based STDP, all-to-all spike interactions. Pair rule (Song, Miller &
 * Abbott 2000, Nat Neurosci 3:919): on a post spike w += A2+ x_pre, on a pre
 * spike w −= A2− y_post, traces with τ+ and τ−. Triplet terms (Pfister &
 * Gerstner 2006, J Neurosci 26:9673): A3+ o2 and A3− r2, read just before the
 * spike's own increment, with τy (post) and τx (pre). Defaults: Song 2000.
 */
export const STDP_PARAMS = {
  aPlus: { default: 0.005, unit: '', min: 0, max: 1, doc: 'A2+, potentiation per pre-before-post pair (× wMax)', cite: 'Song et al. 2000' },
  aMinus: { default: 0.00525, unit: '', min: 0, max: 1, doc: 'A2−, depression per post-before-pre pair (A−/A+ = 1.05)', cite: 'Song et al. 2000' },
  tauPlus: { default: 0.02, unit: 's', min: 0.0001, max: 10, doc: 'τ+, presynaptic trace', cite: 'Song et al. 2000' },
  tauMinus: { default: 0.02, unit: 's', min: 0.0001, max: 10, doc: 'τ−, postsynaptic trace', cite: 'Song et al. 2000' },
  a3Plus: { default: 0, unit: '', min: 0, max: 1, doc: 'A3+, triplet potentiation (0 = pair rule)', cite: 'Pfister & Gerstner 2006' },
  a3Minus: { default: 0, unit: '', min: 0, max: 1, doc: 'A3−, triplet depression (0 = pair rule)', cite: 'Pfister & Gerstner 2006' },
  tauX: { default: 0.1, unit: 's', min: 0.0001, max: 10, doc: 'τx, slow presynaptic trace of the triplet rule', cite: 'Pfister & Gerstner 2006' },
  tauY: { default: 0.125, unit: 's', min: 0.0001, max: 10, doc: 'τy, slow postsynaptic trace of the triplet rule', cite: 'Pfister & Gerstner 2006' },
  softBounds: { default: 0, unit: '', min: 0, max: 1, integer: true, doc: '1: changes scale with the distance to the bound (multiplicative); 0: additive, clipped' },
} as const satisfies ParamTable;

/**
 * Calcium-based rule (Graupner & Brunel 2012, PNAS 109:3991): c = C_pre ca_pre
 * (delayed by D) + C_post ca_post, τ dρ/dt = −ρ(1−ρ)(ρ*−ρ) + γp(1−ρ)Θ(c−θp)
 * − γd ρ Θ(c−θd) + σ √τ √(Θ(c−θp)+Θ(c−θd)) η(t). Defaults: the DP set.
 */
export const CALCIUM_PARAMS = {
  tauCa: { default: 0.02, unit: 's', min: 0.0001, max: 10, doc: 'calcium decay time', cite: 'Graupner & Brunel 2012' },
  cPre: { default: 1, unit: '', min: 0, max: 100, doc: 'calcium jump per presynaptic spike', cite: 'Graupner & Brunel 2012' },
  cPost: { default: 2, unit: '', min: 0, max: 100, doc: 'calcium jump per postsynaptic spike', cite: 'Graupner & Brunel 2012' },
  delay: { default: 0.0137, unit: 's', min: 0, max: 0.1, doc: 'D, delay of the presynaptic calcium transient', cite: 'Graupner & Brunel 2012' },
  thetaD: { default: 1, unit: '', min: 0, max: 100, doc: 'θd, depression threshold', cite: 'Graupner & Brunel 2012' },
  thetaP: { default: 1.3, unit: '', min: 0, max: 100, doc: 'θp, potentiation threshold', cite: 'Graupner & Brunel 2012' },
  gammaD: { default: 200, unit: '', min: 0, max: 1e5, doc: 'γd, depression rate (× 1/τ)', cite: 'Graupner & Brunel 2012' },
  gammaP: { default: 321.808, unit: '', min: 0, max: 1e5, doc: 'γp, potentiation rate (× 1/τ)', cite: 'Graupner & Brunel 2012' },
  sigma: { default: 2.8284, unit: '', min: 0, max: 100, doc: 'σ, noise amplitude', cite: 'Graupner & Brunel 2012' },
  tau: { default: 150, unit: 's', min: 0.001, max: 1e5, doc: 'τ, time constant of the efficacy ρ', cite: 'Graupner & Brunel 2012' },
  rhoStar: { default: 0.5, unit: '', min: 0, max: 1, doc: 'ρ*, boundary between the DOWN and UP basins', cite: 'Graupner & Brunel 2012' },
  upFraction: { default: 0.5, unit: '', min: 0, max: 1, doc: 'fraction of synapses starting UP (ρ = 1; the rest at 0): 1 − β, β being the paper\'s DOWN fraction', cite: 'Graupner & Brunel 2012' },
} as const satisfies ParamTable;

/**
 * BCM with a sliding threshold (Bienenstock, Cooper & Munro 1982; Intrator &
 * Cooper 1992 form): dw/dt = η x y (y − θ), τθ dθ/dt = y²/y0 − θ, with x and y
 * the pre and post rates (Hz) low-passed with τ_rate.
 */
export const BCM_PARAMS = {
  eta: { default: 1e-6, unit: '1/Hz³/s', min: 0, max: 1, doc: 'η, learning rate', cite: 'Bienenstock et al. 1982' },
  tauRate: { default: 0.1, unit: 's', min: 0.001, max: 100, doc: 'time constant of the rate estimates x and y' },
  tauTheta: { default: 10, unit: 's', min: 0.001, max: 1e5, doc: 'τθ, time constant of the sliding threshold', cite: 'Intrator & Cooper 1992' },
  y0: { default: 10, unit: 'Hz', min: 0.001, max: 1000, doc: 'y0, target rate scaling the threshold θ = ⟨y²⟩/y0' },
  thetaInit: { default: 10, unit: 'Hz', min: 0, max: 1000, doc: 'initial threshold θ' },
} as const satisfies ParamTable;

/**
 * NMDA-gated Hebbian rule: the NMDA calcium signal is glutamate bound (the
 * presynaptic trace x, τ = tauPre) times the Mg-unblock B(V_post) of the
 * postsynaptic membrane (Jahr & Stevens 1990). Above θp it potentiates toward
 * wMax, between θd and θp it depresses toward wMin (Lisman 1989; Shouval,
 * Bear & Cooper 2002): dw/dt = ηp (wMax − w) Θ(ca − θp) − ηd (w − wMin) Θ(ca − θd) Θ(θp − ca).
 * With ηh > 0, at each postsynaptic spike (the back-propagating action potential
 * unblocks NMDA receptors) every input also moves by the fraction ηh toward the
 * level its calcium sets, Δw = ηh [(wMax − wMin) min(1, ca/θp) − (w − wMin)]:
 * inputs active at the spike potentiate, silent ones depress heterosynaptically
 * (Chistiakova et al. 2014), so each cell's weights stay bounded and its inputs
 * compete — the instar of competitive learning (Grossberg 1976; Rumelhart &
 * Zipser 1985) that maps grid cells onto place cells (Rolls, Stringer &
 * Trappenberg 2006).
 */
export const NMDA_HEBBIAN_PARAMS = {
  tauPre: { default: 0.05, unit: 's', min: 0.0001, max: 10, doc: 'decay of the presynaptic glutamate trace (NMDA unbinding)', cite: 'Lester et al. 1990' },
  Mg: { default: 1, unit: 'mM', min: 0, max: 10, doc: '[Mg2+] of the NMDA block (0 mM: always unblocked)', cite: 'Jahr & Stevens 1990' },
  nmdaBlock: { default: 0, unit: '', min: 0, max: 1, doc: 'fraction of NMDA receptors blocked by an antagonist (AP5): 1 = no plasticity' },
  thetaD: { default: 0.05, unit: '', min: 0, max: 100, doc: 'θd, NMDA calcium level for depression' },
  thetaP: { default: 0.2, unit: '', min: 0, max: 100, doc: 'θp, NMDA calcium level for potentiation' },
  etaP: { default: 1, unit: '1/s', min: 0, max: 1e4, doc: 'ηp, potentiation rate' },
  etaD: { default: 0.2, unit: '1/s', min: 0, max: 1e4, doc: 'ηd, depression rate' },
  etaH: {
    default: 0, unit: '', min: 0, max: 1,
    doc: 'ηh, spike-triggered rate: at each postsynaptic spike every input moves this fraction of the way toward (wMax − wMin)·min(1, ca/θp) above wMin (active inputs potentiate, silent ones depress)',
    cite: 'Chistiakova et al. 2014; Rolls et al. 2006',
  },
} as const satisfies ParamTable;

/**
 * Synaptic tagging and capture (Luboeinski & Tetzlaff 2021, Commun Biol 4:275;
 * Clopath et al. 2008; Frey & Morris 1997), on top of a calcium-driven early
 * phase h (here w = h/h0): τh dh/dt = 0.1 (h0 − h) + γp (hMax − h) Θ(c − θp)
 * − γd h Θ(c − θd) + noise; tagged while |h − h0| > θtag; each postsynaptic
 * neuron synthesises proteins (BDNF the plasticity product) while Σ|h − h0| > θpro:
 * τp dp/dt = −p + α Θ(Σ|h−h0| − θpro); the late weight z (× h0) captures them:
 * τz dz/dt = p (1 − z) Θ(h − h0 − θtag) − p (z + 0.5) Θ(h0 − h − θtag).
 */
export const TAG_CAPTURE_PARAMS = {
  tauCa: { default: 0.0488, unit: 's', min: 0.0001, max: 10, doc: 'calcium decay time', cite: 'Luboeinski & Tetzlaff 2021' },
  cPre: { default: 1, unit: '', min: 0, max: 100, doc: 'calcium jump per presynaptic spike', cite: 'Luboeinski & Tetzlaff 2021' },
  cPost: { default: 0.2758, unit: '', min: 0, max: 100, doc: 'calcium jump per postsynaptic spike', cite: 'Luboeinski & Tetzlaff 2021' },
  delay: { default: 0.0188, unit: 's', min: 0, max: 0.1, doc: 'delay of the presynaptic calcium transient', cite: 'Luboeinski & Tetzlaff 2021' },
  thetaD: { default: 1.2, unit: '', min: 0, max: 100, doc: 'θd, depression threshold', cite: 'Luboeinski & Tetzlaff 2021' },
  thetaP: { default: 3, unit: '', min: 0, max: 100, doc: 'θp, potentiation threshold', cite: 'Luboeinski & Tetzlaff 2021' },
  gammaD: { default: 313.1, unit: '', min: 0, max: 1e5, doc: 'γd, depression rate (× 1/τh)', cite: 'Luboeinski & Tetzlaff 2021' },
  gammaP: { default: 1645.6, unit: '', min: 0, max: 1e5, doc: 'γp, potentiation rate (× 1/τh)', cite: 'Luboeinski & Tetzlaff 2021' },
  sigma: { default: 0.6914, unit: '× h0', min: 0, max: 100, doc: 'σ, early-phase noise (2.9044 mV / h0)', cite: 'Luboeinski & Tetzlaff 2021' },
  tauH: { default: 688.4, unit: 's', min: 0.001, max: 1e5, doc: 'τh, early-phase time constant', cite: 'Luboeinski & Tetzlaff 2021' },
  hMax: { default: 2.3806, unit: '× h0', min: 1, max: 100, doc: 'upper bound of the early weight (10 mV / h0)', cite: 'Luboeinski & Tetzlaff 2021' },
  tagThreshold: { default: 0.2, unit: '× h0', min: 0, max: 10, doc: 'θtag: a synapse is tagged while |h − h0| > θtag', cite: 'Luboeinski & Tetzlaff 2021' },
  proteinThreshold: { default: 0.5, unit: '× h0', min: 0, max: 1e5, doc: 'θpro: protein synthesis while Σ|h − h0| over a neuron\'s synapses exceeds it', cite: 'Luboeinski & Tetzlaff 2021' },
  tauP: { default: 3600, unit: 's', min: 0.001, max: 1e6, doc: 'τp, protein time constant', cite: 'Luboeinski & Tetzlaff 2021' },
  alpha: { default: 1, unit: '', min: 0, max: 100, doc: 'α, protein synthesis rate (0 = anisomycin: protein synthesis blocked)', cite: 'Luboeinski & Tetzlaff 2021' },
  tauZ: { default: 3600, unit: 's', min: 0.001, max: 1e6, doc: 'τz, late-phase time constant', cite: 'Luboeinski & Tetzlaff 2021' },
  trkbBlock: { default: 0, unit: '', min: 0, max: 1, doc: 'TrkB block: 1 = tagged synapses cannot use the BDNF product (no late phase)', cite: 'Pang et al. 2004' },
  bdnf: { default: 0, unit: '', min: 0, max: 10, doc: 'exogenous mature BDNF, added to the protein pool p', cite: 'Pang et al. 2004' },
} as const satisfies ParamTable;

/**
 * Behavioural-timescale synaptic plasticity (Bittner et al. 2017, Science
 * 357:1033; Milstein et al. 2021, eLife 10:e73046): each presynaptic spike
 * raises an eligibility trace e (+1, decaying with τET ≈ 1–2 s); while the
 * postsynaptic cell has a dendritic plateau (here: its external current, a
 * current stimulus, above plateauThreshold) its synapses change by
 * dw/dt = e [ηp (wMax − w) − ηd (w − wMin)]. Inputs active up to a few
 * seconds before the plateau and during it are potentiated: one plateau
 * writes a place field at the location the animal ran through. (The paper's
 * window also reaches ~1 s after the plateau; that needs a postsynaptic
 * instructive trace, not modelled.)
 */
export const BTSP_PARAMS = {
  tauET: { default: 1.5, unit: 's', min: 0.001, max: 100, doc: 'τET, presynaptic eligibility trace (seconds-long window)', cite: 'Bittner et al. 2017; Milstein et al. 2021' },
  plateauThreshold: { default: 0.3, unit: 'nA', min: -10, max: 10, doc: 'external current above which the postsynaptic cell is in a plateau' },
  etaP: { default: 1, unit: '1/s', min: 0, max: 1e4, doc: 'ηp, potentiation rate per unit of eligibility during a plateau' },
  etaD: { default: 0, unit: '1/s', min: 0, max: 1e4, doc: 'ηd, depression rate per unit of eligibility during a plateau (Milstein et al. 2021: bidirectional)' },
} as const satisfies ParamTable;

/** Each rule's own parameter table (beside PLASTICITY_COMMON_PARAMS). */
export const PLASTICITY_RULE_PARAMS = {
  stdp: STDP_PARAMS,
  calcium: CALCIUM_PARAMS,
  bcm: BCM_PARAMS,
  nmdaHebbian: NMDA_HEBBIAN_PARAMS,
  tagCapture: TAG_CAPTURE_PARAMS,
  btsp: BTSP_PARAMS,
} as const;

/**
 * Spike sources: neurons that fire on a schedule (pairing protocols) and/or as
 * Poisson processes. Neuron i's schedule starts at onset + i·offsetStep, so
 * one population can sweep a pairing offset across its neurons.
 */
export const SOURCE_PARAMS = {
  rate: { default: 0, unit: 'Hz', min: 0, max: 10000, doc: 'Poisson rate (0 = none), added to the schedule' },
  onset: { default: 0, unit: 's', min: 0, max: 1e6, doc: 'first scheduled spike' },
  offsetStep: { default: 0, unit: 's', min: -10, max: 10, doc: 'extra delay of neuron i\'s schedule per index i (sweeps)' },
  interval: { default: 1, unit: 's', min: 0, max: 1e6, doc: 'time between scheduled pulses (1/frequency)' },
  frequencyStep: {
    default: 0, unit: 'Hz', min: -1e4, max: 1e4,
    doc: 'neuron i pulses at 1/interval + i·frequencyStep Hz (frequency sweeps across a population)',
  },
  count: { default: 0, unit: '', min: 0, max: 1e9, integer: true, doc: 'scheduled pulses (0 = no schedule)' },
  burst: { default: 1, unit: '', min: 1, max: 100, integer: true, doc: 'spikes per pulse (1 pre : n post bursts)' },
  burstInterval: { default: 0.01, unit: 's', min: 0, max: 1, doc: 'time between the spikes of a burst' },
  trains: { default: 1, unit: '', min: 1, max: 1e6, integer: true, doc: 'repetitions of the schedule (trains of count pulses)' },
  trainInterval: { default: 10, unit: 's', min: 0, max: 1e6, doc: 'time between the starts of successive trains' },
} as const satisfies ParamTable;
