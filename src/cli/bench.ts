/**
 * Benchmarks.
 *   npm run bench [-- --sizes 1e3,1e4,1e5,1e6,1e7] [--backend gpu|cpu] [--seconds S] [--json out.json]
 *     LIF networks with sparse recurrent synapses on the adapter Node finds and
 *     on the CPU backend: steps/s, neuron updates/s, synaptic events/s,
 *     effective GB/s and that as a % of a plain copy kernel measured in the same run.
 *   npm run bench -- <scenario id or path> [--duration s] [--backend gpu|cpu]
 *     Real-time factor of a scenario on each backend.
 * Results are printed as a table and written as JSON (bench-results/ by default).
 */
import '../../scripts/gpu-env.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { createEngine, type Engine } from '../engine';
import { acquireDevice } from '../engine/gpu/device';
import { measureCopyRoofline } from '../engine/gpu/copy-roofline';
import { nodeGpu } from '../engine/gpu/node-gpu';
import { ScenarioError } from '../scenario/errors';
import { parseScenario } from '../scenario/validate';
import { UsageError } from './args';
import { benchInDegree, benchNetwork } from './bench-network';
import { describeError, loadScenarioArg } from './load-scenario';

interface Options {
  scenario?: string;
  sizes: number[];
  backends: ('gpu' | 'cpu')[];
  seconds: number;
  duration?: number;
  json?: string;
}

const USAGE = 'usage: npm run bench -- [<scenario id or path>] [--sizes 1e3,1e4,...] [--backend gpu|cpu] [--seconds S] [--duration s] [--json path]';

function parseArgs(argv: string[]): Options {
  const o: Options = { sizes: [1e3, 1e4, 1e5, 1e6, 1e7], backends: ['gpu', 'cpu'], seconds: 3 };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    const value = () => {
      const v = argv[++k];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--sizes') {
      o.sizes = value().split(',').map((x) => Number(x));
      if (o.sizes.some((n) => !Number.isInteger(n) || n < 2 || n > 2 ** 24)) throw new UsageError('--sizes must be whole numbers in 2..16777216');
    } else if (arg === '--backend') {
      const b = value();
      if (b !== 'gpu' && b !== 'cpu') throw new UsageError(`--backend must be gpu or cpu, got "${b}"`);
      o.backends = [b];
    } else if (arg === '--seconds') {
      o.seconds = Number(value());
      if (!(o.seconds > 0)) throw new UsageError('--seconds must be positive');
    } else if (arg === '--duration') {
      o.duration = Number(value());
      if (!(o.duration > 0)) throw new UsageError('--duration must be positive');
    } else if (arg === '--json') {
      o.json = value();
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      o.scenario = arg;
    }
  }
  return o;
}

export interface LifRow {
  backend: 'gpu' | 'cpu';
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

async function timeSteps(engine: Engine, steps: number): Promise<{ seconds: number; spikes: number }> {
  const start = performance.now();
  const frames = await engine.step(steps);
  const seconds = (performance.now() - start) / 1000;
  let spikes = 0;
  for (const f of frames) if (f.kind === 'rate') for (const v of f.values) spikes += v[0]! * f.binSeconds * f.groupSize;
  return { seconds, spikes };
}

async function benchLif(n: number, backend: 'gpu' | 'cpu', seconds: number, copyGBps: number | undefined): Promise<LifRow> {
  const k = benchInDegree(n);
  const row: LifRow = { backend, neurons: n, synapsesPerNeuron: k };
  const maxSteps = 20_000;
  let engine: Engine;
  try {
    engine = await createEngine(parseScenario(benchNetwork(n, maxSteps)), { backend, gpu: nodeGpu(), maxStepsPerChunk: maxSteps });
  } catch (err) {
    if (err instanceof ScenarioError) return { ...row, skipped: `too large for this device (${err.detail})` };
    throw err;
  }
  try {
    await engine.step(200); // warm-up: pipelines, caches, the network leaves its initial transient
    const probe = await timeSteps(engine, 20);
    const perStep = probe.seconds / 20;
    if (perStep * 20 > seconds * 4) return { ...row, skipped: `too slow here (${(perStep * 1000).toFixed(0)} ms per step)` };
    const steps = Math.max(20, Math.min(maxSteps, Math.round(seconds / perStep)));
    const { seconds: wall, spikes } = await timeSteps(engine, steps);
    const bytes = engine.traffic.bytesPerStep * steps + engine.traffic.bytesPerSpike * spikes;
    const gbps = bytes / wall / 1e9;
    return {
      ...row, steps, seconds: wall,
      stepsPerSecond: steps / wall,
      neuronUpdatesPerSecond: (n * steps) / wall,
      synapticEventsPerSecond: (spikes * k) / wall,
      meanRateHz: spikes / (n * steps * 1e-4),
      effectiveGBps: gbps,
      ...(copyGBps ? { percentOfCopy: (100 * gbps) / copyGBps } : {}),
    };
  } finally {
    engine.dispose();
  }
}

const fmt = (x: number | undefined, digits = 3) => (x === undefined ? '–' : x >= 1e5 ? x.toExponential(2) : x.toPrecision(digits));

async function adapterInfo(): Promise<{ adapter?: string; copyGBps?: number; copyBytes?: number }> {
  try {
    const { device, adapterName } = await acquireDevice(nodeGpu());
    const copy = await measureCopyRoofline(device);
    device.destroy();
    return { adapter: adapterName, copyGBps: copy.gbPerSecond, copyBytes: copy.bytes };
  } catch (err) {
    return { adapter: `none (${describeError(err)})` };
  }
}

async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}` };
  const gpu = o.backends.includes('gpu') ? await adapterInfo() : {};
  console.log(`machine  ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);
  if (o.backends.includes('gpu')) console.log(`adapter  ${gpu.adapter}${gpu.copyGBps ? `; copy kernel ${gpu.copyGBps.toFixed(1)} GB/s over ${(gpu.copyBytes! / 2 ** 20).toFixed(0)} MiB` : ''}`);
  const backends = o.backends.filter((b) => b === 'cpu' || gpu.copyGBps !== undefined);
  let report: unknown;

  if (o.scenario) {
    const sets = o.duration !== undefined ? [['duration', o.duration] as const] : [];
    const scenario = loadScenarioArg(o.scenario, sets);
    const steps = Math.max(1, Math.round(scenario.duration / scenario.dt));
    const rows = [];
    console.log(`\n${scenario.id}: ${steps} steps of ${scenario.dt * 1000} ms (${steps * scenario.dt} s simulated)`);
    console.log('backend  wall s   steps/s     × real time');
    for (const backend of backends) {
      const engine = await createEngine(scenario, { backend, gpu: nodeGpu(), maxStepsPerChunk: Math.min(steps, 10_000) });
      const start = performance.now();
      for (let done = 0; done < steps; done += 10_000) await engine.step(Math.min(10_000, steps - done));
      const wall = (performance.now() - start) / 1000;
      engine.dispose();
      const row = { backend, wallSeconds: wall, stepsPerSecond: steps / wall, realTimeFactor: (steps * scenario.dt) / wall };
      rows.push(row);
      console.log(`${backend.padEnd(8)} ${wall.toFixed(2).padStart(6)}   ${fmt(row.stepsPerSecond).padStart(9)}   ${row.realTimeFactor.toFixed(2)}`);
    }
    report = { kind: 'scenario', scenario: scenario.id, steps, dt: scenario.dt, machine, adapter: gpu.adapter, rows };
  } else {
    const rows: LifRow[] = [];
    console.log('\nLIF network, sparse recurrent synapses (fixed in-degree), Poisson drive, dt 0.1 ms');
    console.log('backend  neurons    syn/n  steps/s    neuron-upd/s  syn-events/s  rate Hz  GB/s     % copy');
    for (const backend of backends) {
      for (const n of o.sizes) {
        const row = await benchLif(n, backend, o.seconds, backend === 'gpu' ? gpu.copyGBps : undefined);
        rows.push(row);
        const cells = row.skipped
          ? [`skipped: ${row.skipped}`]
          : [fmt(row.stepsPerSecond).padEnd(10), fmt(row.neuronUpdatesPerSecond).padEnd(13), fmt(row.synapticEventsPerSecond).padEnd(13),
            fmt(row.meanRateHz).padEnd(8), fmt(row.effectiveGBps).padEnd(8), row.percentOfCopy === undefined ? '–' : `${row.percentOfCopy.toFixed(1)}%`];
        console.log(`${backend.padEnd(8)} ${String(n).padEnd(10)} ${String(row.synapsesPerNeuron).padEnd(6)} ${cells.join(' ')}`);
      }
    }
    report = { kind: 'lif', machine, adapter: gpu.adapter, copyGBps: gpu.copyGBps, rows };
  }

  const path = o.json ?? `bench-results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path}`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof UsageError ? `${err.message} (${USAGE})` : describeError(err));
    process.exit(err instanceof UsageError || err instanceof ScenarioError ? 2 : 1);
  },
);
