// Scenarios: shipped files validate; bad input is refused with the offending field's path.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors';
import { setPath } from '../../src/scenario/patch';
import { loadShipped, shippedDocument, shippedIds } from '../../src/scenario/registry';
import { parseScenario, parseScenarioJson } from '../../src/scenario/validate';
import { LIF_PARAMS } from '../../src/model/lif';

function errorOf(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

const base = () => shippedDocument('ei-network');
const bad = (path: string, value: unknown) => errorOf(() => parseScenario(setPath(base(), path, value as number)));

describe('shipped scenarios', () => {
  for (const id of shippedIds()) {
    it(`${id} validates and fills defaults from the parameter tables`, () => {
      const s = loadShipped(id);
      expect(s.id).toBe(id);
      for (const pop of s.populations) {
        if (pop.kind !== 'lif') continue;
        for (const [name, spec] of Object.entries(LIF_PARAMS)) {
          expect(typeof pop[name as keyof typeof pop], `${pop.id}.${name}`).toBe('number');
          if (!(name in (shippedDocument(id) as { populations: Record<string, unknown>[] }).populations.find((p) => p.id === pop.id)!)) {
            expect(pop[name as keyof typeof pop]).toBe(spec.default);
          }
        }
      }
    });
  }
});

describe('validation errors name the field', () => {
  it('unknown fields', () => {
    expect(bad('populations.E.tauNmdaDecya', 0.05)).toMatchObject({ path: 'populations.E.tauNmdaDecya', detail: 'unknown field' });
    expect(bad('colour', 'red').path).toBe('colour');
  });
  it('out-of-range values, with the unit', () => {
    const e = bad('populations.E.tauNmdaDecay', 50);
    expect(e.path).toBe('populations.E.tauNmdaDecay');
    expect(e.message).toMatch(/≤ 10 s/);
    expect(bad('projections.EE.connectivity.k', 100000).path).toBe('projections.EE.connectivity.k');
    expect(bad('dt', 0).path).toBe('dt');
  });
  it('NaN, infinities and wrong types', () => {
    expect(bad('populations.I.gL', NaN).path).toBe('populations.I.gL');
    expect(bad('inputs.bgE.rate', Infinity).path).toBe('inputs.bgE.rate');
    expect(bad('populations.E.n', '800').path).toBe('populations.E.n');
    expect(bad('populations.E.n', 10.5).path).toBe('populations.E.n');
  });
  it('sizes beyond the format', () => {
    expect(bad('populations.E.n', 2 ** 25).message).toMatch(/populations\.E\.n: must be ≤/);
  });
  it('references and cross-field rules', () => {
    expect(bad('projections.EE.from', 'X').message).toBe('projections.EE.from: no population "X"');
    expect(bad('projections.EE.receptor', 'rate').path).toBe('projections.EE.receptor');
    expect(bad('projections.EE.connectivity.k', 5000).message).toMatch(/exceeds the 799 available sources/);
    expect(bad('probes.rateE.binSeconds', 0.00015).path).toBe('probes.rateE.binSeconds');
    expect(bad('probes.vE.variable', 'w').message).toMatch(/must be one of v, refSteps/);
    expect(bad('inputs.bgE.rate', 200000).path).toBe('inputs.bgE.rate');
    expect(bad('stimuli.pulse.profile.to', 5000).path).toBe('stimuli.pulse.profile');
    expect(bad('duration', 0.00001).path).toBe('duration');
  });
  it('duplicate ids', () => {
    const doc = base() as { populations: { id: string }[] };
    doc.populations[1]!.id = 'E';
    expect(errorOf(() => parseScenario(doc)).path).toBe('populations.E');
  });
  it('versions and malformed JSON', () => {
    expect(bad('schemaVersion', 99).message).toMatch(/newer than this Engram understands/);
    expect(errorOf(() => parseScenario([])).message).toMatch(/must be a JSON object/);
    expect(errorOf(() => parseScenarioJson('{"schemaVersion": 1,')).message).toMatch(/not valid JSON/);
  });
});
