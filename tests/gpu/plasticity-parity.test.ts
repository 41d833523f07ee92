// GPU parity of the plasticity kernels (spike sources, traces, every rule,
// delivery through plastic efficacies, synapse probes) against their CPU
// references on Dawn (SwiftShader in CI). Both backends start from the same
// state and run the same dispatch list for 40 steps; every arena is compared.
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/engine/backend';
import { CpuBackend } from '../../src/engine/cpu/cpu-backend';
import { GpuBackend } from '../../src/engine/gpu/gpu-backend';
import { activeDispatches, buildConnectivity, initialState, initialSynapses, kernelParams, layoutNetwork, sectionOffset } from '../../src/engine/plan';
import type { Arenas } from '../../src/model/kernel-params';
import { TRACE_SECTIONS } from '../../src/model/kernel-params';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { createEngine } from '../../src/engine';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import { applyPatch } from '../../src/scenario/patch';
import { shippedDocument } from '../../src/scenario/registry';
import { testDevice } from '../helpers/gpu';
import { samplesOf } from '../helpers/run';

const STEPS = 40;

/** Spike sources onto a LIF population through one projection per rule; fast rules so 40 steps change every synapse kind. */
function everyRule(): ScenarioInput {
  const sparse = { kind: 'fixedInDegree', k: 12 } as const;
  return {
    schemaVersion: 1, id: 'plasticity-parity', title: 'every plasticity rule', seed: 7, dt: 0.0005, duration: 1,
    populations: [
      { id: 'pre', kind: 'source', n: 60, rate: 120, count: 3, interval: 0.004, onset: 0.001, offsetStep: 0.0001, burst: 2, burstInterval: 0.001 },
      { id: 'post', kind: 'lif', n: 24, tauRef: 0.001 },
      // a frequency sweep (50, 60, … Hz) with bursts; no synapses, its spikes are compared
      { id: 'sweep', kind: 'source', n: 16, interval: 0.02, frequencyStep: 10, count: 4, burst: 2, burstInterval: 0.0015 },
    ],
    projections: [
      { id: 'stdp', from: 'pre', to: 'post', receptor: 'ampa', weight: 2, connectivity: sparse,
        plasticity: { rule: 'stdp', aPlus: 0.05, aMinus: 0.06, a3Plus: 0.02, a3Minus: 0.01, softBounds: 1, wInit: 0.5, wInitSpread: 0.3 } },
      { id: 'ca', from: 'pre', to: 'post', receptor: 'ampa', weight: 1, connectivity: { kind: 'allToAll' },
        plasticity: { rule: 'calcium', tau: 0.5, delay: 0.002 } },
      { id: 'bcm', from: 'pre', to: 'post', receptor: 'ampa', weight: 1, connectivity: sparse,
        plasticity: { rule: 'bcm', eta: 1e-5, tauRate: 0.01, tauTheta: 0.05, y0: 5, thetaInit: 20, wInitSpread: 0.2 } },
      { id: 'nmda', from: 'pre', to: 'post', receptor: 'ampa', weight: 1, connectivity: sparse,
        plasticity: { rule: 'nmdaHebbian', thetaD: 0.02, thetaP: 0.06, etaP: 50, etaD: 20, etaH: 0.05, wInitSpread: 0.4 } },
      { id: 'tag', from: 'pre', to: 'post', receptor: 'gaba', weight: 0.5, connectivity: sparse,
        plasticity: { rule: 'tagCapture', tauH: 0.2, tauP: 0.05, tauZ: 0.05, proteinThreshold: 0.1, bdnf: 0.2 } },
      // a threshold below 0 nA: every cell is in a plateau (the parity run sets no stimulus)
      { id: 'btsp', from: 'pre', to: 'post', receptor: 'ampa', weight: 0.5, connectivity: sparse,
        plasticity: { rule: 'btsp', tauET: 0.01, plateauThreshold: -1, etaP: 50, etaD: 20, wInitSpread: 0.4 } },
    ],
    inputs: [{ id: 'drive', kind: 'poisson', target: 'post', receptor: 'ampa', rate: 6000, weight: 3 }],
    probes: [
      { id: 'preSpikes', kind: 'spikes', population: 'pre' },
      { id: 'postSpikes', kind: 'spikes', population: 'post' },
      { id: 'sweepSpikes', kind: 'spikes', population: 'sweep' },
      { id: 'caC', kind: 'synapse', projection: 'ca', variable: 'c', indices: [0, 5, 100, 1400], everySteps: 2 },
      { id: 'tagZ', kind: 'synapse', projection: 'tag', variable: 'z', indices: [1, 2, 3] },
      { id: 'caMean', kind: 'synapseMean', projection: 'ca', variable: 'w', groupSize: 100, everySteps: 4 },
      { id: 'stdpMean', kind: 'synapseMean', projection: 'stdp', variable: 'w', groupSize: 7, everySteps: 1 },
    ],
  };
}

async function runBoth() {
  const scenario = parseScenario(everyRule());
  const layout = layoutNetwork(scenario, STEPS);
  const { device, adapterName } = await testDevice();
  const backends: Backend[] = [new CpuBackend(layout), new GpuBackend(device, adapterName, layout)];
  const readouts = [];
  for (const b of backends) {
    b.writeParams(kernelParams(layout, scenario));
    b.writeConnectivity(buildConnectivity(layout, scenario));
    b.writeState(initialState(layout, scenario));
    b.writeSynapses(initialSynapses(layout, scenario));
    readouts.push(await b.runChunk(0, STEPS));
  }
  const [cpu, gpu] = (await Promise.all(backends.map((b) => b.readArenas()))) as [Arenas, Arenas];
  backends.forEach((b) => b.dispose());
  return { layout, cpu, gpu, readouts, initial: initialSynapses(layout, scenario) };
}

function worstDiff(a: Float32Array, b: Float32Array, from: number, to: number, floor = 1e-3): number {
  let worst = 0;
  for (let k = from; k < to; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!) / (floor + Math.abs(a[k]!)));
  return worst;
}

describe('plasticity kernels on the GPU match their CPU references', () => {
  it(`over ${STEPS} steps with every rule, spike sources and synapse probes`, async () => {
    const { layout, cpu, gpu, readouts, initial } = await runBoth();
    const [pre, post] = layout.populations as [typeof layout.populations[0], typeof layout.populations[0]];
    expect(readouts[0]!.record[pre.recordBase], 'source spikes').toBeGreaterThan(100);
    const sweep = layout.populations[2]!;
    const recorded = (r: Uint32Array) => Array.from({ length: r[sweep.recordBase]! }, (_, k) => `${r[sweep.recordBase + 4 + 2 * k]}:${r[sweep.recordBase + 5 + 2 * k]}`).sort();
    expect(recorded(readouts[0]!.record).length, 'frequency-sweep spikes (4 pulses × 2 for some neurons in 20 ms)').toBeGreaterThan(16);
    expect(recorded(readouts[1]!.record), 'frequency-sweep spikes, step by step').toEqual(recorded(readouts[0]!.record));
    expect(readouts[0]!.record[post.recordBase], 'LIF spikes').toBeGreaterThan(20);
    expect(Array.from(readouts[1]!.record.subarray(pre.recordBase, pre.recordBase + 1))).toEqual(Array.from(readouts[0]!.record.subarray(pre.recordBase, pre.recordBase + 1)));

    for (const pr of layout.projections) {
      const pl = pr.plastic!;
      const id = pr.spec.id;
      // every rule moved its synapses, and both backends moved them alike
      let changed = 0;
      for (let s = 0; s < pl.synCount; s++) if (Math.abs(cpu.syn[pl.wBase + s]! - initial[pl.wBase + s]!) > 1e-6) changed++;
      expect(changed, `${id}: synapses changed`).toBeGreaterThan(pl.synCount / 20);
      expect(worstDiff(cpu.syn, gpu.syn, pl.wBase, pl.wBase + pl.synCount), `${id}: w`).toBeLessThan(2e-3);
      if (pl.zBase >= 0) expect(worstDiff(cpu.syn, gpu.syn, pl.zBase, pl.zBase + pl.synCount), `${id}: z`).toBeLessThan(2e-3);
      if (pl.cBase >= 0) expect(worstDiff(cpu.syn, gpu.syn, pl.cBase, pl.cBase + pl.synCount), `${id}: c`).toBeLessThan(1e-4);
      for (const [base, n, side] of [[pl.preTraceBase, pr.pre.n, 'pre'], [pl.postTraceBase, pr.post.n, 'post']] as const) {
        TRACE_SECTIONS.forEach((name, k) => {
          expect(worstDiff(cpu.state, gpu.state, base + k * n, base + (k + 1) * n), `${id}: ${side} trace ${name}`).toBeLessThan(2e-4);
        });
      }
    }
    // The protein sums of the tag projection stay in acc (deliveries were consumed by the LIF update):
    // fixed-point sums of efficacies that differ by f32 rounding, equal to a relative 1e-4.
    const acc = (a: Int32Array) => Float32Array.from(a);
    expect(Array.from(cpu.acc).filter((x) => x !== 0).length, 'protein sums').toBe(post.n);
    expect(worstDiff(acc(cpu.acc), acc(gpu.acc), 0, cpu.acc.length, 1), 'protein sums').toBeLessThan(1e-4);
    // Delivery through the efficacies drove the LIF conductances alike.
    for (const name of ['v', 'sAmpa', 'sGaba'] as const) {
      const base = sectionOffset(post, name);
      expect(worstDiff(cpu.state, gpu.state, base, base + post.n), `post.${name}`).toBeLessThan(2e-3);
    }
    expect(readouts[1]!.record[post.recordBase], 'LIF spikes').toBe(readouts[0]!.record[post.recordBase]);
    expect(worstDiff(readouts[0]!.samples, readouts[1]!.samples, 0, readouts[0]!.samples.length), 'synapse and synapseMean probe samples').toBeLessThan(2e-3);
    const mean = layout.stateProbes.find((sp) => sp.spec.id === 'stdpMean')!;
    expect(mean.width, 'groups of 7 of 288 synapses (the last one short)').toBe(42);
    const last = readouts[0]!.samples.subarray(mean.samplesBase + (STEPS - 1) * mean.width, mean.samplesBase + STEPS * mean.width);
    const stdp = layout.projections[0]!.plastic!;
    const direct = Array.from({ length: 42 }, (_, g) => {
      const ws = Array.from(cpu.syn.subarray(stdp.wBase + 7 * g, stdp.wBase + Math.min(7 * g + 7, stdp.synCount)));
      return ws.reduce((a, b) => a + b, 0) / ws.length;
    });
    direct.forEach((m, g) => expect(last[g], `group ${g} mean`).toBeCloseTo(m, 5));
  });
});

describe('fast-forward on the GPU', () => {
  it('runs the tagging-and-capture protocol like the CPU (quiet hours in slow steps)', async () => {
    const patch = { duration: 3600, 'populations.A.trains': 1, 'populations.B.onset': 700 };
    const scenario = parseScenario(applyPatch(shippedDocument('tagging-and-capture') as Record<string, unknown>, patch));
    const finals = [];
    for (const backend of ['cpu', 'gpu'] as const) {
      const engine = await createEngine(scenario, { backend, gpu: nodeGpu() });
      const frames = await engine.step(Math.round(scenario.duration / scenario.dt));
      expect(engine.time).toBeCloseTo(3600, 6);
      finals.push(['earlyA', 'lateA', 'earlyB', 'lateB'].map((probe) => samplesOf(frames, probe).values.at(-1)!));
      engine.dispose();
    }
    const [cpu, gpu] = finals as [number[][], number[][]];
    expect(cpu[1]![0], 'late phase of A after 1 h').toBeGreaterThan(0.1);
    cpu.forEach((values, k) => values.forEach((v, i) => expect(gpu[k]![i], `probe ${k}, synapse ${i}`).toBeCloseTo(v, 3)));
  }, 300_000);
});

/** Poisson spike sources onto LIF cells, all-to-all, the NMDA-gated rule in its spike-triggered form (etaP = etaD = 0). */
function spikeTriggered(): ScenarioInput {
  return {
    schemaVersion: 1, id: 'plasticity-events', title: 'event-driven NMDA-gated rule', seed: 11, dt: 0.0005, duration: 1,
    populations: [
      { id: 'pre', kind: 'source', n: 40, rate: 150 },
      { id: 'post', kind: 'lif', n: 48, tauRef: 0.001 },
    ],
    projections: [
      { id: 'ev', from: 'pre', to: 'post', receptor: 'ampa', weight: 0.2, connectivity: { kind: 'allToAll' },
        plasticity: { rule: 'nmdaHebbian', tauPre: 0.02, thetaD: 0.02, thetaP: 0.06, etaP: 0, etaD: 0, etaH: 0.05, wInitSpread: 0.4 } },
    ],
    inputs: [{ id: 'drive', kind: 'poisson', target: 'post', receptor: 'ampa', rate: 1200, weight: 3 }],
    probes: [{ id: 'postSpikes', kind: 'spikes', population: 'post' }],
  };
}

/** Phases of a run, each with its own etaP and etaD (written between chunks, as a live patch is). */
const PHASES = [
  { etaP: 0, etaD: 0, steps: 60 },
  { etaP: 50, etaD: 20, steps: 40 },
  { etaP: 0, etaD: 0, steps: 30 },
] as const;

/**
 * Runs the phases on one backend, with the plan as built (sweep or event-driven
 * form, whichever the parameters allow) or with the sweep only (the
 * plasticityEvents dispatch removed); the arenas after each phase and each
 * phase's readout.
 */
async function runPhases(kind: 'cpu' | 'gpu', sweepOnly: boolean) {
  const base = parseScenario(spikeTriggered());
  const built = layoutNetwork(base, Math.max(...PHASES.map((p) => p.steps)));
  const layout = sweepOnly ? { ...built, dispatches: built.dispatches.filter((d) => d.kernel !== 'plasticityEvents') } : built;
  let backend: Backend;
  if (kind === 'cpu') backend = new CpuBackend(layout);
  else {
    const { device, adapterName } = await testDevice();
    backend = new GpuBackend(device, adapterName, layout);
  }
  backend.writeParams(kernelParams(layout, base));
  backend.writeConnectivity(buildConnectivity(layout, base));
  backend.writeState(initialState(layout, base));
  backend.writeSynapses(initialSynapses(layout, base));
  const arenas: Arenas[] = [];
  const readouts = [];
  const active = [];
  let step = 0;
  for (const phase of PHASES) {
    const s = parseScenario(applyPatch(spikeTriggered() as Record<string, unknown>, { 'projections.ev.plasticity.etaP': phase.etaP, 'projections.ev.plasticity.etaD': phase.etaD }));
    const params = kernelParams(layout, s);
    active.push(layout.dispatches.filter((_, k) => activeDispatches(layout, params)[k]).map((d) => d.kernel));
    backend.writeParams(params);
    readouts.push(await backend.runChunk(step, phase.steps));
    step += phase.steps;
    arenas.push(await backend.readArenas());
  }
  backend.dispose();
  return { layout, arenas, readouts, active, initial: initialSynapses(layout, base) };
}

describe('the event-driven NMDA-gated rule (plasticityEvents)', () => {
  it('changes the same synapses to the same bits as the sweep, equals the CPU, and gives way to the sweep while etaP or etaD > 0', async () => {
    const events = { cpu: await runPhases('cpu', false), gpu: await runPhases('gpu', false) };
    const sweep = { cpu: await runPhases('cpu', true), gpu: await runPhases('gpu', true) };
    const { layout, initial } = events.gpu;
    const pl = layout.projections[0]!.plastic!;
    const post = layout.populations[1]!;
    const w = (a: Arenas) => a.syn.subarray(pl.wBase, pl.wBase + pl.synCount);

    // the plan holds both forms; the parameters pick one per phase
    expect(layout.dispatches.map((d) => d.kernel)).toEqual(expect.arrayContaining(['plasticity', 'plasticityEvents']));
    for (const [k, phase] of PHASES.entries()) {
      const ran = events.gpu.active[k]!;
      const eventDriven = phase.etaP === 0 && phase.etaD === 0;
      expect(ran.includes('plasticityEvents'), `phase ${k}: plasticityEvents`).toBe(eventDriven);
      expect(ran.includes('plasticity'), `phase ${k}: the sweep`).toBe(!eventDriven);
      expect(sweep.gpu.active[k]!.includes('plasticity'), `phase ${k}: sweep-only plan`).toBe(true);
    }

    // the cells that spiked in each phase (the record holds step, neuron pairs)
    const spiked = (r: Uint32Array) => new Set(Array.from({ length: r[post.recordBase]! }, (_, k) => r[post.recordBase + 5 + 2 * k]!));
    const recorded = (r: Uint32Array) => Array.from({ length: r[post.recordBase]! }, (_, k) => `${r[post.recordBase + 4 + 2 * k]}:${r[post.recordBase + 5 + 2 * k]}`).sort();

    for (const k of PHASES.keys()) {
      // the same spikes everywhere: the efficacies that delivered them are equal
      for (const run of [events.gpu, sweep.cpu, sweep.gpu]) expect(recorded(run.readouts[k]!.record), `phase ${k}: spikes`).toEqual(recorded(events.cpu.readouts[k]!.record));
      // event-driven form and sweep: the same bits on each backend
      expect(Array.from(w(events.gpu.arenas[k]!)), `phase ${k}: GPU events = GPU sweep`).toEqual(Array.from(w(sweep.gpu.arenas[k]!)));
      expect(Array.from(w(events.cpu.arenas[k]!)), `phase ${k}: CPU events = CPU sweep`).toEqual(Array.from(w(sweep.cpu.arenas[k]!)));
      // GPU and CPU: f32 against double arithmetic rounded to f32 (a few synapses 1 ulp apart on SwiftShader)
      const [cpuW, gpuW] = [w(events.cpu.arenas[k]!), w(events.gpu.arenas[k]!)];
      expect(Math.max(...cpuW.map((x, s) => Math.abs(x - gpuW[s]!))), `phase ${k}: GPU = CPU`).toBeLessThan(1e-6);
    }

    // phase 0 (event-driven): the inputs of cells that spiked moved, no other synapse did
    const first = spiked(events.cpu.readouts[0]!.record);
    expect(first.size, 'post cells that spiked in phase 0').toBeGreaterThan(5);
    expect(first.size, 'post cells that did not').toBeLessThan(post.n);
    let moved = 0;
    const w0 = w(events.gpu.arenas[0]!);
    for (let s = 0; s < pl.synCount; s++) {
      const changed = w0[s] !== initial[pl.wBase + s];
      if (changed) moved++;
      if (!first.has(s % post.n)) expect(changed, `synapse ${s} onto a silent cell`).toBe(false);
    }
    expect(moved, 'synapses moved in phase 0').toBeGreaterThan(first.size * 20);

    // phase 1 (etaP, etaD > 0 live): the sweep is back, and synapses onto cells that did not spike move too
    const second = spiked(events.cpu.readouts[1]!.record);
    const [before, after] = [w(events.gpu.arenas[0]!), w(events.gpu.arenas[1]!)];
    let silentMoved = 0;
    for (let s = 0; s < pl.synCount; s++) if (!second.has(s % post.n) && after[s] !== before[s]) silentMoved++;
    expect(second.size, 'post cells silent in phase 1').toBeLessThan(post.n);
    expect(silentMoved, 'synapses onto silent cells moved in phase 1').toBeGreaterThan(100);
  }, 120_000);
});
