// CLI argument parsing: the documented contract, and one-line errors for bad input.
import { describe, expect, it } from 'vitest';
import { parseSimArgs, UsageError } from '../../src/cli/args';

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
