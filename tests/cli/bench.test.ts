// The benchmark runs end to end on tiny sizes and reports numbers (not a performance claim: see docs/benchmarks.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bench = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'bench', '--', ...args], { encoding: 'utf8', timeout: 240_000 });
const dir = mkdtempSync(join(tmpdir(), 'engram-bench-'));

describe('npm run bench', () => {
  it('measures LIF networks on the GPU (SwiftShader here) and the CPU against the copy roofline', () => {
    const json = join(dir, 'lif.json');
    // with --steps the seconds only set the skip budget (30 × 10 s): room for SwiftShader on a loaded machine
    const run = bench('--sizes', '500,2000', '--steps', '100', '--seconds', '10', '--json', json);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^adapter .+; copy kernel \d+\.\d GB\/s over \d+ MiB buffers$/m);

    // the printed table: one row per backend and size, every cell a positive number
    const table = run.stdout.split('\n').filter((l) => /^(gpu|cpu) /.test(l));
    expect(table.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['gpu 500', 'gpu 2000', 'cpu 500', 'cpu 2000']);
    for (const line of table) {
      const cells = line.split(/\s+/);
      const numbers = cells.slice(1, 8).map(Number);
      expect(numbers.every((x) => x > 0), line).toBe(true);
      expect(cells[8]).toMatch(cells[0] === 'gpu' ? /^\d+\.\d%$/ : /^–$/);
    }

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ kind: 'lif', dt: 0.0001 });
    expect(report.adapter).toMatch(/\w/);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.copyGBps).toBeGreaterThan(0);
    expect(report.rows).toHaveLength(4);
    for (const row of report.rows) {
      expect(row.skipped).toBeUndefined();
      expect(row.steps).toBe(100);
      for (const key of ['seconds', 'stepsPerSecond', 'neuronUpdatesPerSecond', 'synapticEventsPerSecond', 'effectiveGBps']) expect(row[key]).toBeGreaterThan(0);
      expect(row.neuronUpdatesPerSecond).toBeCloseTo(row.stepsPerSecond * row.neurons, 0);
      // the network fires asynchronously at ~5.5 Hz once past its initial transient
      expect(row.meanRateHz).toBeGreaterThan(1);
      expect(row.meanRateHz).toBeLessThan(20);
      expect(row.synapticEventsPerSecond).toBeCloseTo(row.meanRateHz * row.neurons * row.synapsesPerNeuron * 1e-4 * row.stepsPerSecond, -1);
      if (row.backend === 'gpu') expect(row.percentOfCopy).toBeCloseTo((100 * row.effectiveGBps) / report.copyGBps, 6);
    }
  });

  it('skips sizes beyond the time budget instead of running them', () => {
    const json = join(dir, 'skip.json');
    const run = bench('--sizes', '1000,16000000', '--backend', 'cpu', '--steps', '20', '--seconds', '0.5', '--json', json);
    expect(run.status, run.stderr).toBe(0);
    const [small, huge] = JSON.parse(readFileSync(json, 'utf8')).rows;
    expect(small.stepsPerSecond).toBeGreaterThan(0);
    expect(huge.skipped).toMatch(/over the 15 s budget/);
    expect(run.stdout).toMatch(/^cpu +16000000 .*skipped: /m);
  });

  it("reports a scenario's real-time factor", () => {
    const json = join(dir, 'sc.json');
    const run = bench('ei-network', '--duration', '0.05', '--json', json);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ kind: 'scenario', scenario: 'ei-network', steps: 500 });
    // ei-network has sparse projections: the GPU runs it unfused only
    expect(report.rows.map((r: { backend: string; fused: boolean }) => [r.backend, r.fused])).toEqual([['gpu', false], ['cpu', false]]);
    for (const r of report.rows) {
      expect(r.realTimeFactor).toBeGreaterThan(0);
      expect(r.realTimeFactor).toBeCloseTo(0.05 / r.wallSeconds, 6);
    }
  });

  it('reports the working-memory ring on the GPU fused and unfused, with steps per dispatch', () => {
    const json = join(dir, 'wm.json');
    const run = bench('working-memory-ring-half', '--backend', 'gpu', '--duration', '0.01', '--json', json);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.rows.map((r: { fused: boolean; stepsPerDispatch: number; dispatchesPerStep: number }) => [r.fused, r.stepsPerDispatch, r.dispatchesPerStep]))
      .toEqual([[true, 100, 0.01], [false, 1, 3]]);
    expect(run.stdout).toMatch(/^gpu fused, 100 steps per dispatch .* \d/m);
    for (const r of report.rows) expect(r.realTimeFactor).toBeCloseTo(0.01 / r.wallSeconds, 6);
  });

  it('times RatInABox\'s feed-forward jobs and place-map-formation at both sizes', () => {
    const json = join(dir, 'place.json');
    // a 300 s budget: the first 20 steps (JIT warm-up included) of the 6,000-step jobs must not predict a skip on a loaded machine
    const run = bench('place-map-formation', '--backend', 'cpu', '--duration', '0.02', '--seconds', '10', '--json', json);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.kind).toBe('place-map-formation');
    expect(report.jobs.map((j: { job: string }) => j.job)).toEqual(['100 place cells, 60 s', '1000 place + 1000 grid cells, 60 s', '10,000 place + 1000 grid cells, 10 s']);
    for (const j of report.jobs) {
      expect(j.totalSeconds).toBeGreaterThan(0);
      expect(j.speedup).toBeCloseTo(j.ratInABoxSeconds / j.totalSeconds, 6);
    }
    // every cell's output of every step (dt 10 ms) reached the host
    expect(report.jobs.map((j: { rateValues: number }) => j.rateValues)).toEqual([100 * 6000, 2000 * 6000, 11000 * 1000]);
    expect(report.learning.map((r: { placeCells: number; synapses: number }) => [r.placeCells, r.synapses])).toEqual([[1e4, 1e7], [1e5, 1e8]]);
    expect(report.learning[0].realTimeFactor).toBeCloseTo(0.02 / report.learning[0].wallSeconds, 6);
    expect(report.learning[1].memoryMiB).toBeGreaterThan(380);
  });

  it('refuses bad arguments with one line and exit code 2', () => {
    const run = bench('--sizes', 'many');
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^--sizes must be/);
  });
});
