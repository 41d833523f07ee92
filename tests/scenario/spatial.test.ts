// The agent section, grid populations and agent probes in the scenario format: defaults, and errors that name the field.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors';
import { loadShipped } from '../../src/scenario/registry';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { AGENT_PARAMS, GRID_POPULATION_PARAMS } from '../../src/model/spatial-params';
import { editableFields } from '../../src/scenario/fields';

function doc(change: (d: Record<string, any>) => void = () => {}): ScenarioInput {
  const d: Record<string, any> = {
    schemaVersion: 1, id: 'sp', title: 'spatial', dt: 0.001, duration: 1,
    agent: { arena: { kind: 'box', width: 1, height: 1 } },
    populations: [{ id: 'G', kind: 'grid', modules: 2, cellsPerModule: 10 }],
    probes: [{ id: 'pos', kind: 'agent' }, { id: 'spk', kind: 'spikes', population: 'G' }],
    plots: [{ kind: 'state', probe: 'pos' }],
  };
  change(d);
  return d as ScenarioInput;
}

function pathOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof ScenarioError) return err.message;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

describe('spatial scenario sections', () => {
  it('fill defaults from the tables; n is modules × cellsPerModule; a parsed scenario parses again', () => {
    const s = parseScenario(doc());
    const g = s.populations[0]!;
    expect(g.kind === 'grid' && g.n).toBe(20);
    expect(g.kind === 'grid' && g.rMax).toBe(GRID_POPULATION_PARAMS.rMax.default);
    expect(s.agent!.speedMean).toBe(AGENT_PARAMS.speedMean.default);
    expect(s.probes[0]).toEqual({ id: 'pos', kind: 'agent', everySteps: 10 });
    expect(parseScenario(s)).toEqual(s);
    const fields = editableFields(s).flatMap((gr) => gr.fields.map((f) => f.path));
    expect(fields).toContain('populations.G.baseSpacing');
    expect(fields).toContain('agent.speedMean');
    expect(fields).toContain('agent.arena.width');
  });

  it('the shipped grid-cells scenario validates', () => {
    const s = loadShipped('grid-cells');
    expect(s.agent?.arena.kind).toBe('box');
    expect(s.populations[0]!.n).toBe(192);
  });

  it('rateMap and weightHistogram probes: defaults, and errors that name the field', () => {
    const s = parseScenario(doc((d) => d.probes.push({ id: 'm', kind: 'rateMap', population: 'G', binSize: 0.1 })));
    expect(s.probes.find((p) => p.id === 'm')).toEqual({ id: 'm', kind: 'rateMap', population: 'G', binSize: 0.1, everySteps: 1000, cells: [0] });
    const map = (probe: object) => () => parseScenario(doc((d) => d.probes.push({ id: 'm', kind: 'rateMap', population: 'G', binSize: 0.1, ...probe })));
    expect(pathOf(map({ binSize: 0.3 }))).toMatch(/^probes\.m\.binSize: the arena's sides must be whole multiples of binSize/);
    expect(pathOf(map({ cells: [3, 20] }))).toMatch(/^probes\.m\.cells: cell 20 is outside 0\.\.19/);
    expect(pathOf(map({ population: 'X' }))).toMatch(/^probes\.m\.population: /);
    expect(pathOf(() => parseScenario(doc((d) => {
      delete d.agent;
      d.populations = [{ id: 'P', kind: 'lif', n: 4 }];
      d.probes = [{ id: 'm', kind: 'rateMap', population: 'P', binSize: 0.1 }];
      d.plots = [];
    })))).toMatch(/^probes\.m\.kind: a rateMap probe needs the agent section/);
    const hist = (probe: object) => () => parseScenario(doc((d) => {
      d.populations.push({ id: 'P', kind: 'lif', n: 2 });
      d.projections = [{ id: 'GP', from: 'G', to: 'P', receptor: 'ampa', weight: 1, connectivity: { kind: 'allToAll' }, plasticity: { rule: 'stdp' } }];
      d.probes.push({ id: 'h', kind: 'weightHistogram', projection: 'GP', min: 0, max: 1, ...probe });
    }));
    expect(hist({})().probes.find((p) => p.id === 'h')).toEqual({ id: 'h', kind: 'weightHistogram', projection: 'GP', variable: 'w', bins: 40, min: 0, max: 1, everySteps: 1000 });
    expect(pathOf(hist({ max: 0 }))).toMatch(/^probes\.h\.max: must exceed min \(0\)/);
    expect(pathOf(hist({ variable: 'z' }))).toMatch(/^probes\.h\.variable: z \(late weight\) needs the tagCapture rule/);
    expect(pathOf(hist({ projection: 'GQ' }))).toMatch(/^probes\.h\.projection: no projection "GQ"/);
  });

  it('errors name the field', () => {
    expect(pathOf(() => parseScenario(doc((d) => delete d.agent)))).toMatch(/^populations\.G\.kind: a grid population needs the agent section/);
    expect(pathOf(() => parseScenario(doc((d) => (d.populations[0].n = 7))))).toMatch(/^populations\.G: n must equal modules × cellsPerModule/);
    expect(pathOf(() => parseScenario(doc((d) => (d.populations[0].rMax = 2000))))).toMatch(/^populations\.G\.rMax: must be ≤ 1000 Hz/);
    expect(pathOf(() => parseScenario(doc((d) => { d.populations[0].rMax = 600; d.dt = 0.002; })))).toMatch(/^populations\.G\.rMax: rMax × dt must be ≤ 1/);
    expect(pathOf(() => parseScenario(doc((d) => (d.populations[0].baseSpacing = 0))))).toMatch(/^populations\.G\.baseSpacing: must be ≥ 0\.05 m/);
    const place = (f: (d: any) => void) => doc((d) => { d.populations = [{ id: 'C', kind: 'place', n: 10 }]; f(d); });
    expect(pathOf(() => parseScenario(place((d) => delete d.agent)))).toMatch(/^populations\.C\.kind: a place population needs the agent section/);
    expect(pathOf(() => parseScenario(place((d) => (d.populations[0].width = 0))))).toMatch(/^populations\.C\.width: must be ≥ 0\.005 m/);
    expect(pathOf(() => parseScenario(place((d) => (d.populations[0].rMax = 2000))))).toMatch(/^populations\.C\.rMax: must be ≤ 1000 Hz/);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.speedMean = -1))))).toMatch(/^agent\.speedMean: must be ≥/);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.arena.width = 0))))).toMatch(/^agent\.arena\.width: must be ≥ 0\.05 m/);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.arena.barriers = [{ x1: 0.5, y1: 0, x2: 0.5, y2: 1.5 }]))))).toMatch(/^agent\.arena\.barriers\.0: must lie within/);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.arena.barriers = [{ x1: 0.5, y1: 0.5, x2: 0.5, y2: 0.5 }]))))).toMatch(/^agent\.arena\.barriers\.0: has zero length/);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.start = { x: 1.2, y: 0.5 }))))).toMatch(/^agent\.start: /);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.trajectory = [[0, 0.1, 0.1], [0, 0.2, 0.2]]))))).toMatch(/^agent\.trajectory\.1\.0: time 0 s does not come after/);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.trajectory = [[0, 0.1, 0.1], [1, 0.2, 1.2]]))))).toMatch(/^agent\.trajectory\.1\.2: y = 1\.2 m lies outside/);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.trajectory = [[0, 0.1, 0.1]]))))).toMatch(/^agent\.trajectory: needs at least two samples/);
    expect(pathOf(() => parseScenario(doc((d) => (d.agent.arena = { kind: 'track', length: 2, width: 1 }))))).toMatch(/^agent\.arena\.width: unknown field/);
    expect(pathOf(() => parseScenario(doc((d) => { delete d.agent; d.populations = [{ id: 'P', kind: 'lif', n: 1 }]; d.probes = [{ id: 'pos', kind: 'agent' }]; d.plots = []; })))).toMatch(/^probes\.pos\.kind: an agent probe needs the agent section/);
    expect(pathOf(() => parseScenario(doc((d) => {
      d.populations.push({ id: 'P', kind: 'lif', n: 1 });
      d.projections = [{ id: 'PG', from: 'P', to: 'G', receptor: 'ampa', weight: 1, connectivity: { kind: 'allToAll' } }];
    })))).toMatch(/^projections\.PG\.to: a grid population takes no input/);
    expect(pathOf(() => parseScenario(doc((d) => (d.stimuli = [{ id: 'st', kind: 'current', target: 'G', amplitude: 1, onset: 0, duration: 1 }]))))).toMatch(/^stimuli\.st\.target: current stimuli drive lif or rate populations/);
    expect(pathOf(() => parseScenario(doc((d) => (d.probes.push({ id: 'v', kind: 'state', population: 'G', variable: 'v', indices: [0] })))))).toMatch(/^probes\.v\.variable: a grid population has no state variables/);
    expect(pathOf(() => parseScenario(doc((d) => (d.plots = [{ kind: 'raster', probe: 'pos' }]))))).toMatch(/^plots\.pos: a raster plot needs a spikes probe/);
  });
});

describe('place-gated stimuli', () => {
  const withPlace = (change: (d: Record<string, any>) => void = () => {}) => doc((d) => {
    d.populations.push({ id: 'P', kind: 'lif', n: 10 });
    d.stimuli = [{ id: 'pl', kind: 'current', target: 'P', amplitude: 0.5, onset: 0, duration: 10, place: { x: 0.2, y: 0.7 } }];
    change(d);
  });
  it('fill radius and plateau length from the table and are live-editable fields', () => {
    const s = parseScenario(withPlace());
    expect(s.stimuli[0]!.place).toEqual({ x: 0.2, y: 0.7, radius: 0.05, plateau: 0.3 });
    const paths = editableFields(s).flatMap((g) => g.fields.map((f) => f.path));
    expect(paths).toEqual(expect.arrayContaining(['stimuli.pl.place.x', 'stimuli.pl.place.y', 'stimuli.pl.place.radius', 'stimuli.pl.place.plateau']));
  });
  it('errors name the field', () => {
    expect(pathOf(() => parseScenario(withPlace((d) => (d.stimuli[0].place.radius = 0))))).toMatch(/^stimuli\.pl\.place\.radius: must be ≥ 0\.001 m/);
    expect(pathOf(() => parseScenario(withPlace((d) => (d.stimuli[0].place.z = 1))))).toMatch(/^stimuli\.pl\.place\.z/);
    expect(pathOf(() => parseScenario(withPlace((d) => { delete d.agent; d.populations.shift(); d.probes = []; d.plots = []; })))).toMatch(/^stimuli\.pl\.place: .*agent/);
    expect(pathOf(() => parseScenario(withPlace((d) => (d.stimuli[0].profile = { kind: 'ring', center: 0, width: 10 }))))).toMatch(/^stimuli\.pl\.profile: .*uniform or range/);
    expect(pathOf(() => parseScenario(withPlace((d) => d.stimuli.push({ ...d.stimuli[0], id: 'pl2' }))))).toMatch(/^stimuli\.pl2\.place: .*already has/);
  });
  it('an arena plot places a place-gated stimulus with a range profile (the selected cell)', () => {
    const arena = (d: Record<string, any>) => (d.plots = [{ kind: 'arena', probe: 'pos', place: 'pl' }]);
    expect(pathOf(() => parseScenario(withPlace(arena)))).toMatch(/^plots\.pos\.place: no place-gated stimulus "pl" with a range profile/);
    const s = parseScenario(withPlace((d) => { arena(d); d.stimuli[0].profile = { kind: 'range', from: 2, to: 3 }; }));
    expect(s.plots[0]!.place).toBe('pl');
  });
});

describe('switches', () => {
  const withSwitch = (sw: Record<string, unknown>) => doc((d) => {
    d.populations.push({ id: 'P', kind: 'lif', n: 10 });
    d.stimuli = [{ id: 'boost', kind: 'current', target: 'P', amplitude: 0, onset: 0, duration: 10 }];
    d.switches = [sw];
  });
  it('toggle an editable field between two values in its range; errors name the field', () => {
    expect(parseScenario(withSwitch({ label: 'Boost', path: 'stimuli.boost.amplitude', on: 0.1, off: 0 })).switches).toHaveLength(1);
    expect(pathOf(() => parseScenario(withSwitch({ label: 'x', path: 'stimuli.nope.amplitude', on: 1, off: 0 })))).toMatch(/^switches\.0\.path: "stimuli\.nope\.amplitude" is not a parameter/);
    expect(pathOf(() => parseScenario(withSwitch({ label: 'x', path: 'stimuli.boost.amplitude', on: 1000, off: 0 })))).toMatch(/^switches\.0\.on: must lie in -100…100 nA/);
    expect(pathOf(() => parseScenario(withSwitch({ label: 'x', path: 'stimuli.boost.amplitude', on: 1 })))).toMatch(/^switches\.0\.off/);
  });
});
