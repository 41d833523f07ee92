// Plasticity in the plan: spike-source schedules, quiet periods for fast-forward,
// and the validation errors of plastic projections and synapse probes.
import { describe, expect, it } from 'vitest';
import { kernelParams, layoutNetwork, quietIntervals } from '../../src/engine/plan';
import type { SourceUpdateParams } from '../../src/model/kernel-params';
import { scheduledSpike } from '../../src/model/kernels/source-update';
import { ScenarioError } from '../../src/scenario/errors';
import { applyPatch } from '../../src/scenario/patch';
import { loadShipped, shippedDocument } from '../../src/scenario/registry';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

const schedule = (o: Partial<SourceUpdateParams>): SourceUpdateParams => ({
  n: 4, spikeBase: 0, recordBase: 0, recordLimit: 0, recordCap: 0, countsBase: 0, countGroupSize: 0, countGroups: 0, binSteps: 1, seed: 1, streamBase: 0,
  onsetSteps: 10, intervalSteps: 100, count: 3, burst: 1, burstSteps: 1, trains: 1, trainSteps: 1, poissonOn: 0, offsetSteps: 0, pSpike: 0,
  freq0Dt: 0, freqStepDt: 0, ...o,
});
const spikeSteps = (p: SourceUpdateParams, i: number, until = 2000) => Array.from({ length: until }, (_, k) => k).filter((k) => scheduledSpike(p, i, k));

describe('spike-source schedules', () => {
  it('pulses at onset + m · interval, count of them', () => {
    expect(spikeSteps(schedule({}), 0)).toEqual([10, 110, 210]);
  });
  it('bursts of n spikes per pulse (1 pre : n post)', () => {
    expect(spikeSteps(schedule({ burst: 3, burstSteps: 5 }), 0)).toEqual([10, 15, 20, 110, 115, 120, 210, 215, 220]);
  });
  it('a single train runs past trainInterval (no wrap)', () => {
    expect(spikeSteps(schedule({ count: 5, trainSteps: 150 }), 0, 600)).toEqual([10, 110, 210, 310, 410]);
  });
  it('a frequency sweep gives neuron i the frequency f0 + i · step', () => {
    // dt 1 ms: 10 Hz + i · 15 Hz → intervals of 100, 40, 25 and 18 steps (1/55 Hz = 18.2 ms)
    const p = schedule({ count: 3, freq0Dt: 0.01, freqStepDt: 0.015 });
    expect([0, 1, 2, 3].map((i) => spikeSteps(p, i))).toEqual([[10, 110, 210], [10, 50, 90], [10, 35, 60], [10, 28, 46]]);
  });
  it('trains repeat the schedule', () => {
    expect(spikeSteps(schedule({ count: 2, trains: 3, trainSteps: 500 }), 0)).toEqual([10, 110, 510, 610, 1010, 1110]);
  });
  it('neuron i starts i · offsetStep later (a sweep across the population)', () => {
    const p = schedule({ count: 1, offsetSteps: 2.5 });
    expect([0, 1, 2, 3].map((i) => spikeSteps(p, i))).toEqual([[10], [13], [15], [18]]);
    expect(spikeSteps(schedule({ count: 1, offsetSteps: -4 }), 3)).toEqual([]); // starts before step 0: nothing to fire at −2
  });
});

describe('quiet periods for fast-forward', () => {
  it('skip from settle seconds after activity to the next activity, in whole slow steps', () => {
    const s = loadShipped('tagging-and-capture');
    const slow = Math.round(s.fastForward!.step / s.dt);
    const q = quietIntervals(s);
    // A: trains at 1, 601, 1201 s (1 s each); B at 1801 s (0.2 s); settle 1 s; slow step 5 s
    const seconds = q.map(([a, b]) => [Math.round(a * s.dt), Math.round(b * s.dt)]);
    expect(seconds).toEqual([[5, 600], [605, 1200], [1205, 1800], [1805, 28800]]);
    expect(q.every(([a, b]) => a % slow === 0 && b % slow === 0 && b > a)).toBe(true);
    expect(q[0]![0] * s.dt).toBeCloseTo(5, 9);
    expect(q.at(-1)![1] * s.dt).toBeCloseTo(28800, 9);
  });
  it('none without fastForward or with Poisson drive', () => {
    const doc = shippedDocument('tagging-and-capture') as Record<string, unknown>;
    expect(quietIntervals(parseScenario({ ...doc, fastForward: undefined }))).toEqual([]);
    expect(quietIntervals(parseScenario(applyPatch(doc, { 'populations.A.rate': 1 })))).toEqual([]);
  });
});

function errorOf(doc: unknown): ScenarioError {
  try {
    parseScenario(doc);
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

const pairing = (): ScenarioInput => ({
  schemaVersion: 1, id: 'pairing', title: 'pairing', dt: 0.0005, duration: 1,
  populations: [{ id: 'pre', kind: 'source', n: 10, count: 5 }, { id: 'post', kind: 'lif', n: 10 }],
  projections: [{ id: 'p', from: 'pre', to: 'post', receptor: 'ampa', weight: 1, connectivity: { kind: 'oneToOne' }, plasticity: { rule: 'stdp' } }],
});

describe('validation of plasticity', () => {
  const cases: [string, (d: ScenarioInput) => unknown, string, RegExp][] = [
    ['plasticity on NMDA', (d) => applyPatch(d, {}) && { ...d, projections: [{ ...d.projections![0]!, receptor: 'nmda' }] }, 'projections.p.receptor', /lif source/],
    ['wMin above wMax', (d) => applyPatch(d, { 'projections.p.plasticity.wMin': 2, 'projections.p.plasticity.wMax': 1 }), 'projections.p.plasticity.wMin', /must not exceed wMax/],
    ['a rule parameter out of range', (d) => applyPatch(d, { 'projections.p.plasticity.tauPlus': -1 }), 'projections.p.plasticity.tauPlus', /≥/],
    ['a source as target', (d) => ({ ...d, projections: [{ ...d.projections![0]!, from: 'post', to: 'pre' }] }), 'projections.p.to', /takes no input/],
    ['z of an STDP synapse', (d) => ({ ...d, probes: [{ id: 'z', kind: 'synapse', projection: 'p', variable: 'z', indices: [0] }] }), 'probes.z.variable', /tagCapture/],
    ['a synapse index out of range', (d) => ({ ...d, probes: [{ id: 'w', kind: 'synapse', projection: 'p', variable: 'w', indices: [10] }] }), 'probes.w.indices', /outside 0..9/],
    ['too many synapse groups', (d) => ({ ...d, populations: [{ id: 'pre', kind: 'source', n: 2000 }, { id: 'post', kind: 'lif', n: 2000 }], probes: [{ id: 'm', kind: 'synapseMean', projection: 'p', variable: 'w', groupSize: 1 }] }), 'probes.m.groupSize', /at most 1024/],
    ['a sweep plot without x', (d) => ({ ...d, probes: [{ id: 'm', kind: 'synapseMean', projection: 'p', variable: 'w', groupSize: 2 }], plots: [{ kind: 'sweep', probe: 'm' }] }), 'plots.m.x', /needs x/],
    ['a frequency sweep below 0 Hz', (d) => applyPatch(d, { 'populations.pre.frequencyStep': -0.5 }), 'populations.pre.frequencyStep', /frequency ≤ 0 Hz/],
    ['an Mg-block transform of a synapse probe', (d) => ({ ...d, probes: [{ id: 'w', kind: 'synapse', projection: 'p', variable: 'w', indices: [0] }], plots: [{ kind: 'state', probe: 'w', transform: 'mgBlock' }] }), 'plots.w.transform', /lif population's v/],
    ['reference lines on a raster', (d) => ({ ...d, probes: [{ id: 's', kind: 'spikes', population: 'pre' }], plots: [{ kind: 'raster', probe: 's', marks: [{ y: 1, label: 'θ' }] }] }), 'plots.s.marks', /rate and state plots/],
    ['a probe of an unknown projection', (d) => ({ ...d, probes: [{ id: 'w', kind: 'synapse', projection: 'q', variable: 'w', indices: [0] }] }), 'probes.w.projection', /no projection "q"/],
  ];
  for (const [what, change, path, message] of cases) {
    it(`refuses ${what}, naming ${path}`, () => {
      const err = errorOf(change(pairing()));
      expect(err.path).toBe(path);
      expect(err.message).toMatch(message);
    });
  }
  it('accepts the pairing scenario', () => expect(parseScenario(pairing()).projections[0]!.plasticity?.rule).toBe('stdp'));
});

describe('neuromodulated learning', () => {
  it('a rule with a modulator learns at gain × that neuromodulator\'s level', () => {
    const gainAt = (patch: Record<string, number | string>) => {
      const s = parseScenario(applyPatch(pairing(), patch));
      return kernelParams(layoutNetwork(s, 10), s).plasticity.get(0)!.gain;
    };
    expect(gainAt({ 'projections.p.plasticity.gain': 0.5 })).toBe(0.5);
    expect(gainAt({ 'projections.p.plasticity.gain': 0.5, 'modulators.dopamine': 3 }), 'not read without a modulator').toBe(0.5);
    expect(gainAt({ 'projections.p.plasticity.gain': 0.5, 'projections.p.plasticity.modulator': 'dopamine', 'modulators.dopamine': 3 })).toBe(1.5);
    expect(gainAt({ 'projections.p.plasticity.modulator': 'noradrenaline', 'modulators.noradrenaline': 0 }), 'no noradrenaline, no learning').toBe(0);
  });
});
