/**
 * Parameter tables of the network-level fields a scenario sets: projection
 * weights and profiles, Poisson inputs and current stimuli. Like the neuron
 * tables, they drive validation ranges and the UI's parameter panel.
 */
import { MAX_NEURONS, type ParamTable } from './params';

export const PROJECTION_PARAMS = {
  weight: {
    default: 1, unit: 'nS | pA', min: -10000, max: 10000,
    doc: 'weight per synapse: nS for conductance synapses, pA for current synapses and rate → LIF (per Hz), input units per Hz for rate → rate',
  },
} as const satisfies ParamTable;

export const RING_PROFILE_PARAMS = {
  jPlus: { default: 1, unit: '×', min: 0, max: 100, doc: 'J+, peak of the ring profile relative to its mean', cite: 'Compte et al. 2000' },
  sigma: { default: 14.4, unit: '°', min: 0.1, max: 360, doc: 'σ, width of the ring profile', cite: 'Compte et al. 2000' },
} as const satisfies ParamTable;

export const POISSON_PARAMS = {
  rate: { default: 1000, unit: 'Hz', min: 0, max: 1e6, doc: 'total Poisson event rate per neuron' },
  weight: { default: 1, unit: 'nS | pA', min: -10000, max: 10000, doc: 'jump of the receptor per event: nS (conductance) or pA (current)' },
} as const satisfies ParamTable;

export const STIMULUS_PARAMS = {
  amplitude: { default: 0.1, unit: 'nA', min: -100, max: 100, doc: 'peak current (nA for LIF; input units for rate units)' },
  onset: { default: 0, unit: 's', min: 0, max: 1e6, doc: 'start time' },
  duration: { default: 0.1, unit: 's', min: 0, max: 1e6, doc: 'how long the current stays on' },
} as const satisfies ParamTable;

/**
 * A place-gated stimulus (a behavioural-timescale plateau trigger): the
 * current switches on for `plateau` s when the agent enters the disc of
 * `radius` m around (x, y) m, once per entry (it re-arms when the agent
 * leaves the disc), while the stimulus window [onset, onset + duration) is
 * open. Bittner et al. (2017, Science 357:1033) evoked plateaus of ~300 ms by
 * somatic current injection at one location of a lap, which wrote a place
 * field there in one trial; the "once per entry" gate gives one such plateau
 * per pass however long the agent lingers.
 */
export const STIMULUS_PLACE_PARAMS = {
  x: { default: 0.5, unit: 'm', min: 0, max: 100, doc: 'plateau location, x (arena coordinates)' },
  y: { default: 0.5, unit: 'm', min: 0, max: 100, doc: 'plateau location, y (arena coordinates)' },
  radius: { default: 0.05, unit: 'm', min: 0.001, max: 100, doc: 'the plateau fires when the agent enters this disc' },
  plateau: { default: 0.3, unit: 's', min: 0.001, max: 10, doc: 'plateau length (Bittner et al. 2017: ~300 ms)' },
} as const satisfies ParamTable;

/** A current into a block of cells [from, to) (e.g. a CREB boost for a chosen fraction of a population); live, like the amplitude. */
export const STIMULUS_RANGE_PARAMS = {
  from: { default: 0, unit: 'cell', min: 0, max: MAX_NEURONS, integer: true, doc: 'first cell that receives the current' },
  to: { default: 1, unit: 'cell', min: 0, max: MAX_NEURONS, integer: true, doc: 'cells from `from` up to, not including, `to` receive the current' },
} as const satisfies ParamTable;

export const STIMULUS_RING_PARAMS = {
  center: { default: 180, unit: '°', min: -360, max: 360, doc: 'preferred angle at the stimulus peak' },
  width: { default: 10, unit: '°', min: 0.1, max: 360, doc: 'σ of the Gaussian over angle' },
} as const satisfies ParamTable;

/**
 * Neuromodulators as scenario-wide factors. Dopamine acting on D1 receptors
 * raises NMDA and GABA_A conductances in prefrontal cortex, which stabilises
 * persistent activity (Durstewitz, Seamans & Sejnowski 2000; Brunel & Wang 2001).
 */
export const MODULATOR_PARAMS = {
  dopamineD1: {
    default: 1, unit: '×', min: 0, max: 3,
    doc: 'D1 factor multiplying every NMDA and GABA_A projection weight', cite: 'Durstewitz et al. 2000; Brunel & Wang 2001',
  },
  dopamine: {
    default: 1, unit: '× baseline', min: 0, max: 10,
    doc: 'dopamine level read by plasticity rules with modulator "dopamine" (reward-gated learning)', cite: 'Izhikevich 2007',
  },
  noradrenaline: {
    default: 1, unit: '× baseline', min: 0, max: 10,
    doc: 'noradrenaline level read by plasticity rules with modulator "noradrenaline" (arousal-gated learning)', cite: 'Johansen et al. 2014',
  },
  acetylcholine: {
    default: 1, unit: '× baseline', min: 0, max: 10,
    doc: 'acetylcholine level read by plasticity rules with modulator "acetylcholine" (encoding mode)', cite: 'Hasselmo 2006',
  },
} as const satisfies ParamTable;
