/**
 * Benchmarks (README "Benchmarks", docs/benchmarks.md).
 *   npm run bench [-- --sizes 1e3,1e4,... --steps N --seconds S --backend gpu|cpu --json path]
 *     LIF networks with sparse recurrent synapses on the adapter Node finds and
 *     on the CPU backend: steps/s, neuron updates/s, synaptic events/s,
 *     effective GB/s and that as a % of a plain copy kernel measured in the same run.
 *   npm run bench -- <scenario id or path> [--duration s] [--backend gpu|cpu]
 *     Real-time factor of a scenario on each backend; on the GPU both fused
 *     (src/engine/fused-plan.ts, where the network qualifies) and unfused.
 *     (grid-attractor: 2 s unless --duration.)
 *   npm run bench -- place-map-formation [--duration s] [--seconds S] [--backend gpu|cpu]
 *     The feed-forward jobs RatInABox was timed on (agent, place and grid cells,
 *     dt 10 ms) and the learning scenario's real-time factor at 10^4 and 10^5
 *     place cells (unless --duration: 1 s simulated on the CPU, 10 s on the GPU), with its memory.
 *   npm run bench -- plasticity [--sizes 1e6,1e7,1e8] [--seconds S] [--backend gpu|cpu]
 *     Plastic synapse updates per second (pair STDP and the calcium rule, every
 *     synapse every step) and effective GB/s against the copy kernel.
 * Results are printed as a table and written as JSON (bench-results/ by default).
 */
import '../../scripts/gpu-env.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { createEngine, type Engine, type ProbeFrame } from '../engine';
import { DEFAULT_STEPS_PER_DISPATCH, fusedPlan } from '../engine/fused-plan';
import type { FuseOption } from '../engine/types';
import { acquireDevice } from '../engine/gpu/device';
import { measureCopyRoofline } from '../engine/gpu/copy-roofline';
import { nodeGpu } from '../engine/gpu/node-gpu';
import { ScenarioError } from '../scenario/errors';
import { parseScenario } from '../scenario/validate';
import { BENCH_USAGE, type BenchArgs, parseBenchArgs, UsageError } from './args';
import { BENCH_DT, benchInDegree, benchNetwork, PLASTICITY_BENCH_SOURCES, plasticityNetwork } from './bench-network';
import { describeError, loadScenarioArg } from './load-scenario';
import { FEED_FORWARD_DT, feedForwardScenario, PLACE_MAP_SIZES, RATINABOX_JOBS } from './bench-spatial';
import { dispatchesPerStep } from '../engine/gpu/kernels';
import { kernelParams, layoutNetwork } from '../engine/plan';
import type { Scenario } from '../scenario/schema';

type Backend = 'gpu' | 'cpu';

export interface LifRow {
  backend: Backend;
  neurons: number;
  synapsesPerNeuron: number;
  steps?: number;
  seconds?: number;
  stepsPerSecond?: number;
  neuronUpdatesPerSecond?: number;
  synapticEventsPerSecond?: number;
  meanRateHz?: number;
  effectiveGBps?: number;
  percentOfCopy?: number;
  skipped?: string;
}

/** Most steps in one engine.step call, and so in one command buffer on the GPU. */
const MAX_STEPS = 20_000;
/** Steps to time at least. */
const MIN_STEPS = 20;
/**
 * Steps before timing: 40 ms of network time. Started from rest, the
 * network is silent for ~8 ms, overshoots to ~17 Hz at ~15 ms and settles
 * at ~5.5 Hz by ~35 ms (measured on the CPU backend at 10^3 and 10^5 neurons).
 */
const WARMUP_STEPS = 400;
/** A size whose estimated run (warm-up + timed steps) exceeds this many × --seconds is skipped. */
const BUDGET_FACTOR = 30;

async function timeSteps(engine: Engine, steps: number): Promise<{ seconds: number; spikes: number }> {
  const start = performance.now();
  const frames = await engine.step(steps);
  const seconds = (performance.now() - start) / 1000;
  let spikes = 0;
  for (const f of frames) if (f.kind === 'rate') for (const v of f.values) spikes += Math.round(v[0]! * f.binSeconds * f.groupSize);
  return { seconds, spikes };
}

const sec = (s: number) => (s >= 10 ? s.toFixed(0) : s.toPrecision(2));

/**
 * One size on one backend. `previous` (the last size measured on this
 * backend) predicts the cost per step, so sizes far beyond the time budget
 * are skipped before their network is built.
 */
async function benchLif(n: number, backend: Backend, o: BenchArgs, copyGBps: number | undefined,
  previous: { n: number; perStep: number } | undefined): Promise<{ row: LifRow; perStep?: number }> {
  const k = benchInDegree(n);
  const row: LifRow = { backend, neurons: n, synapsesPerNeuron: k };
  const budget = BUDGET_FACTOR * o.seconds;
  // the least this size costs: the warm-up and the timed steps
  const needed = (perStep: number) => perStep * (WARMUP_STEPS + (o.steps ?? MIN_STEPS));
  if (previous && n > previous.n) {
    const estimate = (previous.perStep * n) / previous.n;
    if (needed(estimate) > budget) {
      return { row: { ...row, skipped: `estimated ${sec(needed(estimate))} s (${sec(estimate * 1000)} ms/step from ${previous.n} neurons), over the ${sec(budget)} s budget (${BUDGET_FACTOR} × --seconds)` } };
    }
  }
  if (backend === 'cpu' && n * k * 12 > totalmem() / 2) return { row: { ...row, skipped: 'not enough host memory for the synapse tables' } };

  let engine: Engine;
  try {
    engine = await createEngine(parseScenario(benchNetwork(n, MAX_STEPS)), { backend, gpu: nodeGpu(), maxStepsPerChunk: MAX_STEPS });
  } catch (err) {
    if (err instanceof ScenarioError) return { row: { ...row, skipped: `exceeds this device's limits (${err.detail})` } };
    throw err;
  }
  try {
    await engine.step(1); // pipelines compile, buffers are first touched
    // Cost per step from calls of 1, 2, 4, … steps until one takes 0.2 s (or 64 steps): cheap on slow sizes, robust on fast ones.
    let probed = 1;
    let perStep = Infinity;
    for (let k = 1; k <= 64; k *= 2) {
      const { seconds } = await timeSteps(engine, k);
      probed += k;
      perStep = seconds / k;
      if (seconds > 0.2 || needed(perStep) > budget) break;
    }
    if (needed(perStep) > budget) {
      return { row: { ...row, skipped: `estimated ${sec(needed(perStep))} s at ${sec(perStep * 1000)} ms/step, over the ${sec(budget)} s budget (${BUDGET_FACTOR} × --seconds)` }, perStep };
    }
    if (probed < WARMUP_STEPS) {
      // the warm-up is the better estimate: more steps, and past the first calls (JIT, caches)
      const warm = await timeSteps(engine, WARMUP_STEPS - probed);
      if (WARMUP_STEPS - probed >= 100) perStep = warm.seconds / (WARMUP_STEPS - probed);
    }
    const steps = o.steps ?? Math.max(MIN_STEPS, Math.min(MAX_STEPS, Math.round(o.seconds / perStep)));
    let wall = 0;
    let spikes = 0;
    for (let done = 0; done < steps; done += MAX_STEPS) {
      const r = await timeSteps(engine, Math.min(MAX_STEPS, steps - done));
      wall += r.seconds;
      spikes += r.spikes;
    }
    const bytes = engine.traffic.bytesPerStep * steps + engine.traffic.bytesPerSpike * spikes;
    const gbps = bytes / wall / 1e9;
    return {
      row: {
        ...row, steps, seconds: wall,
        stepsPerSecond: steps / wall,
        neuronUpdatesPerSecond: (n * steps) / wall,
        synapticEventsPerSecond: (spikes * k) / wall,
        meanRateHz: spikes / (n * steps * BENCH_DT),
        effectiveGBps: gbps,
        ...(copyGBps ? { percentOfCopy: (100 * gbps) / copyGBps } : {}),
      },
      perStep: wall / steps,
    };
  } finally {
    engine.dispose();
  }
}

const fmt = (x: number | undefined, digits = 3) => (x === undefined ? '–' : x >= 1e5 ? x.toExponential(2) : x.toPrecision(digits));

interface AdapterInfo {
  adapter?: string;
  copyGBps?: number;
  copyBytes?: number;
}

async function adapterInfo(): Promise<AdapterInfo> {
  try {
    const { device, adapterName } = await acquireDevice(nodeGpu());
    try {
      const copy = await measureCopyRoofline(device);
      return { adapter: adapterName, copyGBps: copy.gbPerSecond, copyBytes: copy.bytes };
    } finally {
      device.destroy();
    }
  } catch (err) {
    return { adapter: `none (${describeError(err)})` };
  }
}

/** Simulated seconds of a scenario benchmark when --duration is not given and the scenario's own duration is minutes. */
const BENCH_DURATION: Readonly<Record<string, number>> = { 'grid-attractor': 2, 'place-map-formation': 1 };
/** The learning place map on the GPU without --duration: long enough for pipelined chunks to reach their steady rate (issue 4's figure). */
const PLACE_MAP_GPU_SECONDS = 10;

/** The ways a scenario runs on a backend: the GPU fused (many steps per dispatch) where the network qualifies, and unfused. */
function scenarioVariants(scenario: Scenario, backend: Backend): { label: string; fuse: FuseOption; stepsPerDispatch: number; dispatchesPerStep: number }[] {
  const layout = layoutNetwork(scenario, 1);
  const unfused = { fuse: 'never' as FuseOption, stepsPerDispatch: 1 };
  if (backend === 'cpu') return [{ label: 'cpu', ...unfused, dispatchesPerStep: layout.dispatches.length }];
  const encoded = dispatchesPerStep(layout, kernelParams(layout, scenario));
  const rows = [{ label: `gpu, ${encoded} dispatches per step`, ...unfused, dispatchesPerStep: encoded }];
  const fused = fusedPlan(layout);
  if ('plan' in fused) rows.unshift({ label: `gpu fused, ${DEFAULT_STEPS_PER_DISPATCH} steps per dispatch`, fuse: 'always', stepsPerDispatch: DEFAULT_STEPS_PER_DISPATCH, dispatchesPerStep: 1 / DEFAULT_STEPS_PER_DISPATCH });
  else console.log(`(gpu: not fused: ${fused.reason})`);
  return rows;
}

async function scenarioBench(o: BenchArgs & { scenario: string }, backends: Backend[]) {
  const duration = o.duration ?? BENCH_DURATION[o.scenario];
  const scenario = loadScenarioArg(o.scenario, duration !== undefined ? [['duration', duration]] : []);
  const steps = Math.max(1, Math.round(scenario.duration / scenario.dt));
  const chunk = Math.min(steps, 10_000);
  const rows = [];
  console.log(`\n${scenario.id}: ${steps} steps of ${scenario.dt * 1000} ms (${steps * scenario.dt} s simulated)`);
  console.log('backend                                  wall s   steps/s     × real time');
  for (const backend of backends) {
    for (const v of scenarioVariants(scenario, backend)) {
      const engine = await createEngine(scenario, { backend, gpu: nodeGpu(), maxStepsPerChunk: chunk, fuse: v.fuse, stepsPerDispatch: v.stepsPerDispatch });
      try {
        const start = performance.now();
        for (let done = 0; done < steps; done += chunk) await engine.step(Math.min(chunk, steps - done));
        const wall = (performance.now() - start) / 1000;
        const row = {
          backend, fused: v.fuse === 'always', stepsPerDispatch: v.stepsPerDispatch, dispatchesPerStep: v.dispatchesPerStep,
          adapter: engine.adapter, wallSeconds: wall, stepsPerSecond: steps / wall, realTimeFactor: (steps * scenario.dt) / wall,
        };
        rows.push(row);
        console.log(`${v.label.padEnd(40)} ${wall.toFixed(2).padStart(6)}   ${fmt(row.stepsPerSecond).padStart(9)}   ${row.realTimeFactor.toPrecision(3)}`);
      } finally {
        engine.dispose();
      }
    }
  }
  return { kind: 'scenario', scenario: scenario.id, steps, dt: scenario.dt, rows };
}

/** Cell × bin values the rate frames carry (with one-step bins and one cell per group: every cell's output of every step). */
const rateValues = (frames: ProbeFrame[]) => frames.reduce((sum, f) => sum + (f.kind === 'rate' ? f.values.reduce((s, v) => s + v.length, 0) : 0), 0);

/**
 * Wall time of `steps` steps in chunks of at most 1000 (s), or the estimate from steps 20–40 when the whole run would exceed budget seconds;
 * rateValues: what the rate probes delivered to the host.
 */
async function timeRun(scenario: Scenario, backend: Backend, steps: number, budget: number) {
  const chunk = Math.min(steps, 1000);
  const buildStart = performance.now();
  let engine: Engine;
  try {
    engine = await createEngine(scenario, { backend, gpu: nodeGpu(), maxStepsPerChunk: chunk });
  } catch (err) {
    return { buildSeconds: 0, skipped: `not built: ${describeError(err)}` };
  }
  const buildSeconds = (performance.now() - buildStart) / 1000;
  try {
    // the estimate extrapolates steps 20–40: step 0 also samples every probe (at 10^8 synapses ~1 s)
    const first = Math.min(steps, 20), second = Math.min(steps - first, 20);
    const start = performance.now();
    let delivered = rateValues(await engine.step(first));
    const warm = performance.now();
    if (second > 0) delivered += rateValues(await engine.step(second));
    const perStep = second > 0 ? (performance.now() - warm) / second : (warm - start) / first;
    const estimate = ((warm - start) + perStep * (steps - first)) / 1000;
    if (estimate > budget) return { buildSeconds, estimate, skipped: `estimated ${estimate.toFixed(0)} s from ${first + second} steps` };
    // the rest in one call: the engine cuts it into chunks and, on the GPU, keeps two in flight (as the sim CLI and the app do)
    if (steps > first + second) delivered += rateValues(await engine.step(steps - first - second));
    return { buildSeconds, wallSeconds: (performance.now() - start) / 1000, rateValues: delivered };
  } finally {
    engine.dispose();
  }
}

async function placeMapBench(o: BenchArgs, backends: Backend[]) {
  const budget = BUDGET_FACTOR * o.seconds;
  const jobs = [];
  console.log(`
RatInABox's feed-forward jobs (agent in a 1 m box, Gaussian place cells σ 0.2 m, 4 grid modules, dt ${FEED_FORWARD_DT * 1000} ms, every cell's count every step to the host)`);
  console.log('backend  job                                    wall s  (build s)  RatInABox s  × faster');
  for (const job of RATINABOX_JOBS) {
    for (const backend of backends) {
      const scenario = parseScenario(feedForwardScenario(job));
      const steps = Math.round(job.seconds / FEED_FORWARD_DT);
      const r = await timeRun(scenario, backend, steps, budget);
      // the comparison holds only if every cell's output of every step reached the host, as RatInABox's history holds every rate
      if (r.rateValues !== undefined && r.rateValues !== steps * (job.place + job.grid)) {
        throw new Error(`${job.label}: ${r.rateValues} cell outputs reached the host, expected ${steps * (job.place + job.grid)} (every cell, every step)`);
      }
      const total = r.wallSeconds === undefined ? undefined : r.wallSeconds + r.buildSeconds;
      jobs.push({ backend, job: job.label, ...r, totalSeconds: total, ratInABoxSeconds: job.ratInABoxSeconds, speedup: total && job.ratInABoxSeconds / total });
      console.log(`${backend.padEnd(8)} ${job.label.padEnd(38)} ${r.skipped ?? `${total!.toFixed(2).padStart(6)}  (${r.buildSeconds.toFixed(2)})     ${job.ratInABoxSeconds.toFixed(1).padStart(5)}        ${(job.ratInABoxSeconds / total!).toPrecision(3)}`}`);
    }
  }
  const learning = [];
  console.log(`
place-map-formation (learning on, dt 1 ms)`);
  console.log('backend  place cells  synapses  memory MiB  simulated s  wall s   × real time');
  // a backend's estimate at one size, scaled by the synapse count, skips the next size before building it
  const previous = new Map<Backend, { n: number; seconds: number }>();
  for (const n of PLACE_MAP_SIZES) {
    for (const backend of backends) {
      const seconds = o.duration ?? (backend === 'gpu' ? PLACE_MAP_GPU_SECONDS : BENCH_DURATION['place-map-formation']!);
      // the mean-efficacy probe keeps 1000 groups (one per grid input) at every size
      const scenario = loadScenarioArg('place-map-formation', [['duration', seconds], ['populations.P.n', n], ['probes.wGrid.groupSize', n]]);
      const steps = Math.round(seconds / scenario.dt);
      const memoryMiB = Object.values(layoutNetwork(scenario, Math.min(steps, 1000)).sizes).reduce((a, b) => a + b, 0) * 4 / 2 ** 20;
      const synapses = n * scenario.populations.find((p) => p.id === 'G')!.n;
      const before = previous.get(backend);
      const scaled = before && (before.seconds * n) / before.n;
      const r = scaled !== undefined && scaled > budget ? { buildSeconds: 0, estimate: scaled, skipped: `estimated ${scaled.toFixed(0)} s from the ${fmt(before!.n)} run` }
        : await timeRun(scenario, backend, steps, budget);
      previous.set(backend, { n, seconds: r.wallSeconds ?? r.estimate ?? 0 });
      const row = { backend, placeCells: n, synapses, memoryMiB, simulatedSeconds: seconds, ...r, realTimeFactor: r.wallSeconds && seconds / r.wallSeconds };
      learning.push(row);
      console.log(`${backend.padEnd(8)} ${fmt(n).padStart(11)}  ${fmt(synapses).padStart(8)}  ${memoryMiB.toFixed(0).padStart(10)}  ${String(seconds).padStart(11)}  ${r.skipped ?? `${r.wallSeconds!.toFixed(2).padStart(6)}   ${row.realTimeFactor!.toPrecision(3)}`}`);
    }
  }
  return { kind: 'place-map-formation', jobs, learning };
}

async function lifBench(o: BenchArgs, backends: Backend[], gpu: AdapterInfo) {
  const rows: LifRow[] = [];
  console.log(`\nLIF network, sparse recurrent synapses (fixed in-degree), Poisson drive, dt ${BENCH_DT * 1000} ms`);
  console.log('backend  neurons    syn/n  steps/s    neuron-upd/s  syn-events/s  rate Hz  GB/s     % copy');
  for (const backend of backends) {
    let previous: { n: number; perStep: number } | undefined;
    for (const n of [...o.sizes].sort((a, b) => a - b)) {
      const { row, perStep } = await benchLif(n, backend, o, backend === 'gpu' ? gpu.copyGBps : undefined, previous);
      if (perStep !== undefined) previous = { n, perStep };
      rows.push(row);
      const cells = row.skipped
        ? [`skipped: ${row.skipped}`]
        : [fmt(row.stepsPerSecond).padEnd(10), fmt(row.neuronUpdatesPerSecond).padEnd(13), fmt(row.synapticEventsPerSecond).padEnd(13),
          fmt(row.meanRateHz).padEnd(8), fmt(row.effectiveGBps).padEnd(8), row.percentOfCopy === undefined ? '–' : `${row.percentOfCopy.toFixed(1)}%`];
      console.log(`${backend.padEnd(8)} ${String(n).padEnd(10)} ${String(row.synapsesPerNeuron).padEnd(6)} ${cells.join(' ')}`);
    }
  }
  // The issue's targets for the engine's full step on an H100; printed for every GPU so a run shows where it stands.
  const gpuRows = rows.filter((r) => r.backend === 'gpu' && !r.skipped);
  const small = gpuRows.find((r) => r.neurons === 4096);
  const large = gpuRows.filter((r) => r.neurons >= 4e6);
  if (small || large.length > 0) {
    console.log('\ntargets on an NVIDIA H100 (issue 2): ≥ 30,000 steps/s at 4,096 neurons; ≥ 80% of the copy roofline at ≥ 4M neurons');
    if (small) console.log(`  4096 neurons: ${fmt(small.stepsPerSecond)} steps/s`);
    for (const r of large) console.log(`  ${r.neurons} neurons: ${r.percentOfCopy?.toFixed(1)}% of copy`);
  }
  return { kind: 'lif', dt: BENCH_DT, copyGBps: gpu.copyGBps, copyBytes: gpu.copyBytes, rows };
}

export interface PlasticityRow {
  backend: Backend;
  rule: 'stdp' | 'calcium';
  synapses: number;
  steps?: number;
  seconds?: number;
  synapseUpdatesPerSecond?: number;
  effectiveGBps?: number;
  percentOfCopy?: number;
  skipped?: string;
}

/** One rule at one size on one backend: time about --seconds of steps after a short warm-up. */
async function benchPlasticity(rule: 'stdp' | 'calcium', synapses: number, backend: Backend, o: BenchArgs, copyGBps: number | undefined,
  previous: { synapses: number; perStep: number } | undefined): Promise<{ row: PlasticityRow; perStep?: number }> {
  const row: PlasticityRow = { backend, rule, synapses };
  const budget = BUDGET_FACTOR * o.seconds;
  if (previous && synapses > previous.synapses) {
    const estimate = (previous.perStep * synapses) / previous.synapses;
    if (estimate * (MIN_STEPS + 4) > budget) return { row: { ...row, skipped: `estimated ${sec(estimate * 1000)} ms/step, over the ${sec(budget)} s budget` } };
  }
  if (backend === 'cpu' && synapses * 16 > totalmem() / 2) return { row: { ...row, skipped: 'not enough host memory' } };
  let engine: Engine;
  try {
    engine = await createEngine(parseScenario(plasticityNetwork(rule, synapses, MAX_STEPS)), { backend, gpu: nodeGpu(), maxStepsPerChunk: 2000 });
  } catch (err) {
    if (err instanceof ScenarioError) return { row: { ...row, skipped: `exceeds this device's limits (${err.detail})` } };
    throw err;
  }
  try {
    await engine.step(4); // pipelines compile, buffers are first touched
    const probe = await timeSteps(engine, 4);
    const perStepGuess = probe.seconds / 4;
    const steps = o.steps ?? Math.max(MIN_STEPS, Math.min(MAX_STEPS, Math.round(o.seconds / perStepGuess)));
    const { seconds } = await timeSteps(engine, steps);
    const exact = PLASTICITY_BENCH_SOURCES * Math.max(1, Math.round(synapses / PLASTICITY_BENCH_SOURCES));
    // spikes are few (10 Hz sources, a few Hz cells): the per-step traffic of the synapse sweep dominates
    const gbps = (engine.traffic.bytesPerStep * steps) / seconds / 1e9;
    return {
      row: {
        ...row, synapses: exact, steps, seconds, synapseUpdatesPerSecond: (exact * steps) / seconds,
        // the GPU sweeps every synapse every step; the CPU visits only STDP synapses with a spiking end, so no bandwidth figure there
        ...(backend === 'gpu' ? { effectiveGBps: gbps } : {}),
        ...(copyGBps ? { percentOfCopy: (100 * gbps) / copyGBps } : {}),
      },
      perStep: seconds / steps,
    };
  } finally {
    engine.dispose();
  }
}

async function plasticityBench(o: BenchArgs, backends: Backend[], gpu: AdapterInfo) {
  const rows: PlasticityRow[] = [];
  console.log(`
Plasticity: ${PLASTICITY_BENCH_SOURCES} Poisson sources all-to-all onto LIF cells, every synapse updated every step, dt ${BENCH_DT * 1000} ms`);
  console.log('backend  rule     synapses    steps/s    syn-updates/s  GB/s     % copy');
  for (const backend of backends) {
    for (const rule of ['stdp', 'calcium'] as const) {
      let previous: { synapses: number; perStep: number } | undefined;
      for (const size of [...o.sizes].sort((a, b) => a - b)) {
        const { row, perStep } = await benchPlasticity(rule, size, backend, o, backend === 'gpu' ? gpu.copyGBps : undefined, previous);
        if (perStep !== undefined) previous = { synapses: row.synapses, perStep };
        rows.push(row);
        const cells = row.skipped
          ? [`skipped: ${row.skipped}`]
          : [fmt(row.steps! / row.seconds!).padEnd(10), fmt(row.synapseUpdatesPerSecond).padEnd(14), fmt(row.effectiveGBps).padEnd(8),
            row.percentOfCopy === undefined ? '–' : `${row.percentOfCopy.toFixed(1)}%`];
        console.log(`${backend.padEnd(8)} ${rule.padEnd(8)} ${String(row.synapses).padEnd(11)} ${cells.join(' ')}`);
      }
    }
  }
  return { kind: 'plasticity', dt: BENCH_DT, copyGBps: gpu.copyGBps, copyBytes: gpu.copyBytes, rows };
}

async function main(argv: string[]): Promise<void> {
  const o = parseBenchArgs(argv);
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
  const gpu: AdapterInfo = o.backends.includes('gpu') ? await adapterInfo() : {};
  console.log(`machine  ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  if (o.backends.includes('gpu')) {
    const copy = gpu.copyGBps ? `; copy kernel ${gpu.copyGBps.toFixed(1)} GB/s over ${(gpu.copyBytes! / 2 ** 20).toFixed(0)} MiB buffers` : '';
    console.log(`adapter  ${gpu.adapter}${copy}`);
    if (/swiftshader|llvmpipe|lavapipe/i.test(gpu.adapter ?? '')) console.log('         (a software adapter on the CPU: figures show that the code runs, not GPU performance)');
  }
  const backends = o.backends.filter((b) => b === 'cpu' || gpu.copyGBps !== undefined);
  if (backends.length === 0) throw new Error(`--backend gpu: no WebGPU adapter (${gpu.adapter})`);
  const started = new Date().toISOString();
  const result = o.scenario === 'place-map-formation' ? await placeMapBench(o, backends)
    : o.scenario !== undefined ? await scenarioBench({ ...o, scenario: o.scenario }, backends)
    : o.plasticity ? await plasticityBench(o, backends, gpu) : await lifBench(o, backends, gpu);
  const report = { ...result, started, machine, adapter: gpu.adapter, args: argv };

  const path = o.json ?? `bench-results/bench-${started.replace(/[:.]/g, '-')}.json`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path}`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof UsageError ? `${err.message} (${BENCH_USAGE})` : describeError(err));
    process.exit(err instanceof UsageError || err instanceof ScenarioError ? 2 : 1);
  },
);
