// The headless CLI as a user runs it (npm run sim), on both backends: the JSON
// contract, the summary, and one-line errors with exit code 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'engram-sim-'));
// exactly as a user runs it: the package.json script (tsx), from the repository root
const sim = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'sim', '--', ...args], { encoding: 'utf8', timeout: 240_000 });

describe('npm run sim', () => {
  for (const backend of ['cpu', 'gpu'] as const) {
    it(`writes the documented JSON document (${backend})`, () => {
      const out = join(dir, `${backend}.json`);
      const run = sim('ei-network', '--duration', '0.1', '--seed', '3', '--backend', backend, '--set', 'inputs.bgE.rate=2000', '--out', out);
      expect(run.status, run.stderr).toBe(0);
      const r = JSON.parse(readFileSync(out, 'utf8'));
      expect(r).toMatchObject({ scenario: 'ei-network', seed: 3, dt: 0.0001, duration: 0.1, backend });
      expect(typeof r.adapter).toBe('string');
      expect(r.wallSeconds).toBeGreaterThan(0);
      expect(r.probes.rasterE).toMatchObject({ kind: 'spikes', population: 'E' });
      expect(r.probes.rasterE.t.length).toBe(r.probes.rasterE.i.length);
      expect(r.probes.rasterE.t.length).toBeGreaterThan(10);
      expect(Math.max(...r.probes.rasterE.t)).toBeLessThanOrEqual(0.1);
      expect(r.probes.rateE).toMatchObject({ kind: 'rate', population: 'E', binSeconds: 0.005 });
      expect(r.probes.rateE.t).toHaveLength(20);
      expect(r.probes.rateE.values[0]).toHaveLength(1);
      expect(r.probes.vE).toMatchObject({ kind: 'state', population: 'E', variable: 'v' });
      expect(r.probes.vE.values[0]).toHaveLength(2);
    });
  }

  it('gives the same spikes on both backends for the same seed', () => {
    const read = (b: string) => JSON.parse(readFileSync(join(dir, `${b}.json`), 'utf8')).probes.rasterE;
    expect(read('gpu')).toEqual(read('cpu'));
  });

  it('prints a one-screen summary without --out', () => {
    const run = sim('ei-network', '--duration', '0.2', '--backend', 'cpu');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/0\.2 s simulated .* in \d+\.\d+ s wall: \d+\.\d+× real time/);
    expect(run.stdout).toMatch(/E\s+\d+\.\d+ Hz/);
    expect(run.stdout.split('\n').length).toBeLessThan(25);
  });

  it('reports progress on stderr with --progress (simulated time and speed after each 10,000 steps)', () => {
    const run = sim('ei-network', '--duration', '2.5', '--backend', 'cpu', '--progress');
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['1.0', '2.0', '2.5']);
    expect(lines[2]).toMatch(/^2\.5 of 2\.5 s simulated, \d+\.\d s wall \(\d+\.\d+× real time\)$/);
    expect(sim('ei-network', '--duration', '0.1', '--backend', 'cpu').stderr).toBe(''); // not a terminal: quiet
  });

  it('runs a scenario file given by path', () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify({
      schemaVersion: 1, id: 'tiny', title: 'tiny', dt: 0.001, duration: 0.05,
      populations: [{ id: 'P', kind: 'lif', n: 3, synapse: 'current', Ibias: 1 }],
      probes: [{ id: 's', kind: 'spikes', population: 'P' }],
    }));
    const out = join(dir, 'tiny-out.json');
    expect(sim(file, '--backend', 'cpu', '--out', out).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).probes.s.t.length).toBeGreaterThan(0);
  });

  const failures: [string[], RegExp][] = [
    [['ei-network', '--set', 'populations.X.tauRef=0.003'], /^invalid scenario: populations\.X: no element with this id$/],
    [['ei-network', '--set', 'populations.E.tauRef=5'], /^invalid scenario: populations\.E\.tauRef: must be ≤ 0\.1 s$/],
    [['ei-network', '--set', 'populations.E.tauReff=0.003'], /^invalid scenario: populations\.E\.tauReff: unknown field$/],
    [['no-such-scenario'], /^unknown scenario "no-such-scenario"/],
    [['ei-network', '--backend', 'tpu'], /^--backend must be gpu or cpu/],
  ];
  for (const [args, message] of failures) {
    it(`exits 2 with one line for ${args.join(' ')}`, () => {
      const run = sim(...args);
      expect(run.status).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  }
});
