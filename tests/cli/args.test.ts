// CLI argument parsing: the documented contract, and one-line errors for bad input.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCH_SIZES, parseBenchArgs, parseSimArgs, UsageError } from '../../src/cli/args';

describe('npm run sim arguments', () => {
  it('parses every option', () => {
    expect(parseSimArgs(['ei-network', '--set', 'populations.E.tauRef=0.003', '--set', 'projections.EE.receptor=gaba',
      '--seed', '7', '--duration', '0.5', '--backend', 'cpu', '--out', 'r.json'])).toEqual({
      scenario: 'ei-network',
      sets: [['populations.E.tauRef', 0.003], ['projections.EE.receptor', 'gaba']],
      seed: 7, duration: 0.5, backend: 'cpu', out: 'r.json',
    });
  });
  const bad: [string[], RegExp][] = [
    [[], /missing the scenario/],
    [['a', 'b'], /one scenario only/],
    [['a', '--seed'], /--seed needs a value/],
    [['a', '--seed', '-1'], /--seed must be a whole number/],
    [['a', '--seed', '1.5'], /--seed must be a whole number/],
    [['a', '--duration', '0'], /--duration must be a positive number/],
    [['a', '--backend', 'tpu'], /--backend must be gpu or cpu/],
    [['a', '--set', 'novalue'], /--set needs <dotted.path>=<value>/],
    [['a', '--frobnicate'], /unknown option --frobnicate/],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${JSON.stringify(argv)}`, () => {
      expect(() => parseSimArgs(argv)).toThrow(UsageError);
      expect(() => parseSimArgs(argv)).toThrow(message);
    });
  }
});

describe('npm run bench arguments', () => {
  it('defaults to 10^3–10^7 neurons (and 4,096, the small-network target) on both backends', () => {
    expect(parseBenchArgs([])).toEqual({ plasticity: false, sizes: [...DEFAULT_BENCH_SIZES], backends: ['gpu', 'cpu'], seconds: 2 });
    expect(DEFAULT_BENCH_SIZES[0]).toBe(1e3);
    expect(DEFAULT_BENCH_SIZES.at(-1)).toBe(1e7);
    expect(DEFAULT_BENCH_SIZES).toContain(4096);
  });
  it('parses the LIF options', () => {
    expect(parseBenchArgs(['--sizes', '1e3,4096,1e6', '--steps', '500', '--seconds', '0.5', '--backend', 'gpu', '--json', 'x.json'])).toEqual({
      plasticity: false, sizes: [1000, 4096, 1e6], steps: 500, seconds: 0.5, backends: ['gpu'], json: 'x.json',
    });
  });
  it('plasticity: sizes count synapses, 10^6–10^8 by default, up to 2^31', () => {
    expect(parseBenchArgs(['plasticity'])).toEqual({ plasticity: true, sizes: [1e6, 1e7, 1e8], backends: ['gpu', 'cpu'], seconds: 2 });
    expect(parseBenchArgs(['plasticity', '--sizes', '1e9', '--backend', 'gpu']).sizes).toEqual([1e9]);
  });
  it('place-map-formation and grid-attractor: scenario benchmarks with --duration, --seconds and --backend', () => {
    expect(parseBenchArgs(['place-map-formation', '--duration', '0.5', '--seconds', '1', '--backend', 'cpu'])).toEqual({
      scenario: 'place-map-formation', plasticity: false, sizes: [...DEFAULT_BENCH_SIZES], backends: ['cpu'], seconds: 1, duration: 0.5,
    });
    expect(parseBenchArgs(['grid-attractor', '--backend', 'gpu'])).toMatchObject({ scenario: 'grid-attractor', backends: ['gpu'] });
    expect(parseBenchArgs(['grid-attractor']).duration).toBeUndefined(); // the bench's own default (2 s) applies
  });
  it('takes a scenario for a real-time factor', () => {
    expect(parseBenchArgs(['working-memory-ring', '--duration', '2', '--backend', 'cpu'])).toMatchObject({ scenario: 'working-memory-ring', duration: 2, backends: ['cpu'] });
  });
  const bad: [string[], RegExp][] = [
    [['--sizes', '1e3,abc'], /--sizes must be comma-separated whole numbers/],
    [['--sizes', '1'], /--sizes must be/],
    [['--sizes', '1e9'], /--sizes must be at most 16777216 neurons/],
    [['plasticity', '--sizes', '3e9'], /--sizes must be comma-separated whole numbers/],
    [['plasticity', '--duration', '1'], /--duration applies to a scenario benchmark only/],
    [['--steps', '0'], /--steps must be a whole number in 1..100000/],
    [['--steps', '2.5'], /--steps must be a whole number/],
    [['--seconds', '-1'], /--seconds must be a positive number/],
    [['--backend', 'tpu'], /--backend must be gpu or cpu/],
    [['--json'], /--json needs a value/],
    [['--duration', '1'], /--duration applies to a scenario benchmark only/],
    [['ei-network', '--sizes', '1e3'], /--sizes and --steps apply to the LIF and plasticity benchmarks only/],
    [['place-map-formation', '--sizes', '1e5'], /--sizes and --steps apply to the LIF and plasticity benchmarks only/],
    [['place-map-formation', '--steps', '100'], /--sizes and --steps apply to the LIF and plasticity benchmarks only/],
    [['grid-attractor', '--duration', '0'], /--duration must be a positive number of seconds/],
    [['a', 'b'], /one scenario only/],
    [['--fast'], /unknown option --fast/],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${JSON.stringify(argv)}`, () => {
      expect(() => parseBenchArgs(argv)).toThrow(UsageError);
      expect(() => parseBenchArgs(argv)).toThrow(message);
    });
  }
});
