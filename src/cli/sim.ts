/**
 * Headless runs: npm run sim -- <scenario id or path> [--set path=value]... [--seed N]
 *   [--duration s] [--backend gpu|cpu] [--out result.json] [--progress]
 * Writes one JSON document (see README "Headless runs"), or prints a summary.
 * Progress (simulated time and speed after every STEPS_PER_CALL steps) goes to
 * stderr when it is a terminal, rewriting one line, or with --progress.
 * Bad arguments or scenarios: one line on stderr, exit code 2.
 */
import '../../scripts/gpu-env.mjs';
import { writeFileSync } from 'node:fs';
import { createEngine } from '../engine';
import { nodeGpu } from '../engine/gpu/node-gpu';
import { ScenarioError } from '../scenario/errors';
import { parseSimArgs, SIM_USAGE, UsageError } from './args';
import { collect, emptyResults, meanRates } from '../engine/probe-results';
import { describeError, loadScenarioArg } from './load-scenario';

/** Steps per engine.step call: bounds memory between collections. */
const STEPS_PER_CALL = 10_000;

async function main(argv: string[]): Promise<void> {
  const args = parseSimArgs(argv);
  const sets = [...args.sets];
  if (args.seed !== undefined) sets.push(['seed', args.seed]);
  if (args.duration !== undefined) sets.push(['duration', args.duration]);
  const scenario = loadScenarioArg(args.scenario, sets);
  const engine = await createEngine(scenario, { backend: args.backend ?? 'auto', gpu: nodeGpu() });
  const steps = Math.max(1, Math.round(scenario.duration / scenario.dt));
  const duration = Math.round(steps * scenario.dt * 1e9) / 1e9; // 3000 × 1e-4 is 0.30000000000000004 in binary
  const probes = emptyResults(scenario);
  const start = performance.now();
  const terminal = process.stderr.isTTY === true;
  const progress = args.progress || terminal;
  for (let done = 0; done < steps;) {
    const n = Math.min(STEPS_PER_CALL, steps - done);
    collect(probes, await engine.step(n));
    done += n;
    if (progress) {
      const simulated = done * scenario.dt, wall = (performance.now() - start) / 1000;
      const line = `${simulated.toFixed(1)} of ${duration} s simulated, ${wall.toFixed(1)} s wall (${(simulated / wall).toFixed(2)}× real time)`;
      process.stderr.write(terminal ? `\r${line}${done === steps ? '\n' : ''}` : `${line}\n`);
    }
  }
  const wallSeconds = (performance.now() - start) / 1000;
  const result = {
    scenario: scenario.id, seed: scenario.seed, dt: scenario.dt, duration,
    backend: engine.backend, adapter: engine.adapter, wallSeconds, probes,
  };
  engine.dispose();

  if (args.out) {
    writeFileSync(args.out, JSON.stringify(result));
    console.log(`wrote ${args.out}: ${scenario.id}, ${duration} s simulated in ${wallSeconds.toFixed(2)} s on ${engine.backend} (${engine.adapter})`);
    return;
  }
  console.log(`${scenario.title} (${scenario.id}), seed ${scenario.seed}`);
  console.log(`backend  ${engine.backend} — ${engine.adapter}`);
  console.log(`time     ${duration} s simulated (${steps} steps of ${scenario.dt * 1000} ms) in ${wallSeconds.toFixed(2)} s wall: ${(duration / wallSeconds).toFixed(2)}× real time`);
  console.log('rates');
  for (const [pop, hz] of meanRates(scenario, probes, duration)) console.log(`  ${pop.padEnd(8)} ${hz.toFixed(2)} Hz`);
  const dropped = Object.entries(probes).filter(([, r]) => r.kind === 'spikes' && r.dropped > 0);
  for (const [id, r] of dropped) console.log(`warning: probe ${id} dropped ${(r as { dropped: number }).dropped} spikes (record buffer full)`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    const usage = err instanceof UsageError || err instanceof ScenarioError;
    console.error(err instanceof UsageError ? `${describeError(err)} (${SIM_USAGE})` : describeError(err));
    process.exit(usage ? 2 : 1);
  },
);
