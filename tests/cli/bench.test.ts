// The benchmark runs end to end on tiny sizes and reports numbers (not a performance claim: see docs/benchmarks.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bench = (...args: string[]) =>
  spawnSync('npx', ['tsx', '--import', './scripts/raw-import.mjs', 'src/cli/bench.ts', ...args], { encoding: 'utf8', timeout: 240_000 });

describe('npm run bench', () => {
  it('measures LIF networks on the GPU (SwiftShader here) and the CPU against the copy roofline', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'engram-bench-')), 'lif.json');
    const run = bench('--sizes', '500,2000', '--seconds', '0.2', '--json', json);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/copy kernel [\d.]+ GB\/s/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.copyGBps).toBeGreaterThan(0);
    expect(report.rows).toHaveLength(4);
    for (const row of report.rows) {
      expect(row.skipped).toBeUndefined();
      for (const key of ['stepsPerSecond', 'neuronUpdatesPerSecond', 'synapticEventsPerSecond', 'effectiveGBps']) expect(row[key]).toBeGreaterThan(0);
      expect(row.meanRateHz).toBeGreaterThan(1);
      expect(row.meanRateHz).toBeLessThan(20);
      if (row.backend === 'gpu') expect(row.percentOfCopy).toBeGreaterThan(0);
    }
  });

  it('reports a scenario\'s real-time factor', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'engram-bench-')), 'sc.json');
    const run = bench('ei-network', '--duration', '0.05', '--json', json);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.rows.map((r: { backend: string }) => r.backend)).toEqual(['gpu', 'cpu']);
    for (const r of report.rows) expect(r.realTimeFactor).toBeGreaterThan(0);
  });
});
