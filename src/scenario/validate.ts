/**
 * decode → migrate → validate → fill defaults: the one way a scenario enters
 * the program, whether from a shipped file, a URL, a file drop or a CLI patch.
 */
import * as v from 'valibot';
import { sectionNames } from '../model/sections';
import { rateMapGrid, environmentOf, trajectoryOf } from '../model/spatial/arena';
import { type Environment, EnvironmentError, insideBox } from '../model/spatial/environment';
import { POISSON_MAX_MEAN } from '../model/rng';
import { ScenarioError } from './errors';
import { editableFields } from './fields';
import { ScenarioSchema, SCHEMA_VERSION, type Scenario, type StimulusSpec } from './schema';

/** Upgrades older documents; index k migrates schemaVersion k+1 → k+2. None yet: version 1 is the first. */
const MIGRATIONS: ((doc: Record<string, unknown>) => Record<string, unknown>)[] = [];

export function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ScenarioError('', 'a scenario must be a JSON object');
  let doc = raw as Record<string, unknown>;
  const version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ScenarioError('schemaVersion', 'missing or not a positive whole number');
  }
  if (version > SCHEMA_VERSION) {
    throw new ScenarioError('schemaVersion', `${version} is newer than this Engram understands (${SCHEMA_VERSION})`);
  }
  for (let k = version; k < SCHEMA_VERSION; k++) doc = MIGRATIONS[k - 1]!({ ...doc });
  return doc;
}

/** Dotted path of a valibot issue, naming array elements by their id where they have one. */
function issuePath(issue: v.BaseIssue<unknown>): string {
  const parts: string[] = [];
  for (const item of issue.path ?? []) {
    if (item.type === 'array') {
      const value = item.value as unknown;
      const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
      parts.push(typeof id === 'string' && /^[A-Za-z][\w-]*$/.test(id) ? id : String(item.key));
    } else {
      parts.push(String(item.key));
    }
  }
  return parts.join('.');
}

export function parseScenario(raw: unknown): Scenario {
  const result = v.safeParse(ScenarioSchema, migrate(raw));
  if (!result.success) {
    const issue = result.issues[0];
    const detail = issue.kind === 'schema' && issue.type === 'strict_object' && issue.input !== undefined
      ? 'unknown field'
      : issue.message;
    throw new ScenarioError(issuePath(issue), detail);
  }
  checkReferences(result.output);
  return result.output;
}

export function parseScenarioJson(text: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError('', `not valid JSON (${(err as Error).message})`);
  }
  return parseScenario(raw);
}

function uniqueIds(list: readonly { id: string }[], field: string): void {
  const seen = new Set<string>();
  for (const item of list) {
    if (seen.has(item.id)) throw new ScenarioError(`${field}.${item.id}`, 'duplicate id');
    seen.add(item.id);
  }
}

/** Checks that span fields: references, receptor compatibility, sizes, step-aligned times. */
function checkReferences(s: Scenario): void {
  uniqueIds(s.populations, 'populations');
  uniqueIds(s.projections, 'projections');
  uniqueIds(s.inputs, 'inputs');
  uniqueIds(s.stimuli, 'stimuli');
  uniqueIds(s.probes, 'probes');
  const pops = new Map(s.populations.map((p) => [p.id, p]));
  const pop = (id: string, path: string) => {
    const p = pops.get(id);
    if (!p) throw new ScenarioError(path, `no population "${id}"`);
    return p;
  };
  if (s.duration < s.dt) throw new ScenarioError('duration', 'must be at least one step (dt)');
  checkAgent(s);
  checkSwitches(s);

  for (const pr of s.projections) {
    const base = `projections.${pr.id}`;
    const pre = pop(pr.from, `${base}.from`);
    const post = pop(pr.to, `${base}.to`);
    const rateSource = pre.kind === 'rate' || pre.kind === 'gridSheet';
    if (pr.receptor === 'rate' && !rateSource) throw new ScenarioError(`${base}.receptor`, 'rate needs a rate or gridSheet population as source');
    if (pr.receptor !== 'rate' && rateSource) throw new ScenarioError(`${base}.receptor`, `${pr.receptor} needs a spiking (lif or source) source`);
    if (pr.receptor === 'nmda' && pre.kind !== 'lif') throw new ScenarioError(`${base}.receptor`, 'nmda needs a lif source (its gating is a lif variable)');
    if (post.kind === 'source' || post.kind === 'grid' || post.kind === 'place' || post.kind === 'gridSheet') throw new ScenarioError(`${base}.to`, `a ${post.kind} population takes no input`);
    if (post.kind === 'rate' && pr.receptor !== 'rate') throw new ScenarioError(`${base}.receptor`, 'a rate population only takes rate projections');
    const c = pr.connectivity;
    if (c.kind === 'oneToOne' && pre.n !== post.n) throw new ScenarioError(`${base}.connectivity.kind`, `oneToOne needs equal sizes (${pre.n} vs ${post.n})`);
    if (c.kind === 'allToAll' && c.profile.kind === 'ring' && pre.n !== post.n) {
      throw new ScenarioError(`${base}.connectivity.profile`, `a ring profile needs equal sizes (${pre.n} vs ${post.n})`);
    }
    if (pr.plasticity) {
      if (pr.receptor !== 'ampa' && pr.receptor !== 'gaba') throw new ScenarioError(`${base}.plasticity`, 'plasticity needs a spike-delivered (ampa or gaba) projection');
      if (c.kind === 'allToAll' && c.profile.kind === 'ring') throw new ScenarioError(`${base}.plasticity`, 'a plastic all-to-all projection starts uniform (no ring profile)');
      if (pr.plasticity.wMin > pr.plasticity.wMax) throw new ScenarioError(`${base}.plasticity.wMin`, 'must not exceed wMax');
      const synapses = synapseCount(s, pr.id);
      if (synapses > 2 ** 31) throw new ScenarioError(`${base}.connectivity`, `${synapses} plastic synapses exceed the 2^31 limit`);
    }
    if (c.kind === 'fixedInDegree') {
      const available = pre.n - (pr.from === pr.to && !c.autapses ? 1 : 0);
      if (c.k > available) throw new ScenarioError(`${base}.connectivity.k`, `exceeds the ${available} available sources`);
    }
  }

  for (const p of s.populations) {
    if (p.kind !== 'source' || p.frequencyStep === 0) continue;
    const lowest = Math.min(1 / p.interval, 1 / p.interval + (p.n - 1) * p.frequencyStep);
    if (!(lowest > 0)) throw new ScenarioError(`populations.${p.id}.frequencyStep`, `gives neuron ${p.n - 1} a frequency ≤ 0 Hz (${lowest.toFixed(3)} Hz)`);
  }

  const poissonSeen = new Set<string>();
  for (const input of s.inputs) {
    const base = `inputs.${input.id}`;
    const target = pop(input.target, `${base}.target`);
    if (target.kind !== 'lif') throw new ScenarioError(`${base}.target`, 'Poisson inputs drive lif populations (a source population has its own rate)');
    const key = `${input.target}/${input.receptor}`;
    if (poissonSeen.has(key)) throw new ScenarioError(base, `a second Poisson input to ${key}: merge them into one`);
    poissonSeen.add(key);
    if (input.rate * s.dt > POISSON_MAX_MEAN) {
      throw new ScenarioError(`${base}.rate`, `rate × dt must be ≤ ${POISSON_MAX_MEAN} events per step`);
    }
  }

  for (const st of s.stimuli) {
    const base = `stimuli.${st.id}`;
    const target = pop(st.target, `${base}.target`);
    if (target.kind === 'source' || target.kind === 'grid' || target.kind === 'place' || target.kind === 'gridSheet') throw new ScenarioError(`${base}.target`, 'current stimuli drive lif or rate populations');
    if (st.profile.kind === 'range' && (st.profile.to > target.n || st.profile.from >= st.profile.to)) {
      throw new ScenarioError(`${base}.profile`, `range must satisfy 0 ≤ from < to ≤ ${target.n}`);
    }
    if (st.place) checkPlaceGate(s, st, base);
  }

  const onePerPop = new Set<string>();
  for (const probe of s.probes) {
    const base = `probes.${probe.id}`;
    if (probe.kind === 'bump') {
      if (!s.probes.some((q) => q.id === probe.source && q.kind === 'rate')) throw new ScenarioError(`${base}.source`, `no rate probe "${probe.source}"`);
      continue;
    }
    if (probe.kind === 'synapse' || probe.kind === 'synapseMean' || probe.kind === 'weightHistogram') {
      checkSynapseProbe(s, probe, base);
      continue;
    }
    if (probe.kind === 'agent') {
      if (!s.agent) throw new ScenarioError(`${base}.kind`, 'an agent probe needs the agent section');
      continue;
    }
    const p = pop(probe.population, `${base}.population`);
    if (probe.kind === 'rateMap') {
      checkRateMapProbe(s, probe, p.n, base);
      continue;
    }
    if (probe.kind === 'sheet') {
      if (p.kind !== 'gridSheet') throw new ScenarioError(`${base}.population`, 'a sheet probe needs a gridSheet population');
      continue;
    }
    if (probe.kind === 'state') {
      const vars = sectionNames(p.kind);
      if (!vars.includes(probe.variable)) throw new ScenarioError(`${base}.variable`, vars.length > 0 ? `must be one of ${vars.join(', ')}` : `a ${p.kind} population has no state variables`);
      const bad = probe.indices.find((i) => i >= p.n);
      if (bad !== undefined) throw new ScenarioError(`${base}.indices`, `index ${bad} is outside 0..${p.n - 1}`);
      continue;
    }
    if (p.kind === 'rate' || p.kind === 'gridSheet') throw new ScenarioError(`${base}.population`, `${probe.kind} probes need a spiking population`);
    const key = `${probe.kind}/${probe.population}`;
    if (onePerPop.has(key)) throw new ScenarioError(base, `only one ${probe.kind} probe per population`);
    onePerPop.add(key);
    if (probe.kind === 'spikes' && probe.maxNeurons !== undefined && probe.maxNeurons > p.n) {
      throw new ScenarioError(`${base}.maxNeurons`, `exceeds the population size ${p.n}`);
    }
    if (probe.kind === 'rate') {
      const steps = probe.binSeconds / s.dt;
      if (Math.abs(steps - Math.round(steps)) > 1e-6 * steps) throw new ScenarioError(`${base}.binSeconds`, 'must be a whole number of steps (dt)');
      if (probe.groupSize !== undefined && probe.groupSize > p.n) throw new ScenarioError(`${base}.groupSize`, `exceeds the population size ${p.n}`);
    }
  }
  const plotNeeds = { raster: 'spikes', rate: 'rate', state: 'state', bump: 'bump', profile: 'rate', ring: 'rate', sweep: 'synapseMean', histogram: 'weightHistogram', sheet: 'sheet' } as const;
  for (const plot of s.plots) {
    const probe = s.probes.find((p) => p.id === plot.probe);
    if (!probe) throw new ScenarioError(`plots.${plot.probe}`, `no probe "${plot.probe}"`);
    if (plot.kind === 'arena') {
      checkArenaPlot(s, plot, probe);
      continue;
    }
    for (const field of ['spikes', 'maps', 'cells', 'gallery', 'binSize'] as const) {
      if (plot[field] !== undefined) throw new ScenarioError(`plots.${plot.probe}.${field}`, 'only arena plots have this field');
    }
    // a state plot also draws synapse probes, a synapseMean's groups and the agent's x and y over time
    const kind = probe.kind === 'synapse' || ((probe.kind === 'synapseMean' || probe.kind === 'agent') && plot.kind === 'state') ? 'state' : probe.kind;
    if (plot.kind === 'sweep' && !plot.x) throw new ScenarioError(`plots.${plot.probe}.x`, 'a sweep plot needs x: { from, step, label }');
    if (plot.transform === 'mgBlock' && !(plot.kind === 'state' && probe.kind === 'state' && probe.variable === 'v')) {
      throw new ScenarioError(`plots.${plot.probe}.transform`, 'mgBlock draws B(V) of a state plot of a lif population\'s v');
    }
    if (plot.marks.length > 0 && plot.kind !== 'rate' && plot.kind !== 'state') throw new ScenarioError(`plots.${plot.probe}.marks`, 'reference lines go on rate and state plots');
    if (kind !== plotNeeds[plot.kind]) throw new ScenarioError(`plots.${plot.probe}`, `a ${plot.kind} plot needs a ${plotNeeds[plot.kind]} probe`);
    if (plot.place !== undefined && !s.stimuli.some((st) => st.id === plot.place && st.profile.kind === 'ring')) {
      throw new ScenarioError(`plots.${plot.probe}.place`, `no ring stimulus "${plot.place}"`);
    }
  }
}

/** The agent section's geometry (barriers, start, recorded path) and the grid and place populations it drives. */
function checkAgent(s: Scenario): void {
  for (const p of s.populations) {
    if (p.kind !== 'grid' && p.kind !== 'place') continue;
    if (!s.agent) throw new ScenarioError(`populations.${p.id}.kind`, `a ${p.kind} population needs the agent section (its cells fire at the agent's position)`);
    if (p.rMax * s.dt > 1) throw new ScenarioError(`populations.${p.id}.rMax`, 'rMax × dt must be ≤ 1 (at most one spike per step)');
  }
  const a = s.agent;
  if (!a) return;
  const at = (prefix: string, f: () => void) => {
    try {
      f();
    } catch (err) {
      if (err instanceof EnvironmentError) {
        throw new ScenarioError(`${prefix}.${err.field.replace(/\[(\d+)\]/g, '.$1')}`, err.message.slice(err.field.length + 2));
      }
      throw err;
    }
  };
  let env!: Environment;
  at('agent.arena', () => (env = environmentOf(a.arena)));
  if (a.start) {
    const inside = env.kind === 'box' ? insideBox(env, a.start.x, a.start.y) : a.start.x >= 0 && a.start.x <= env.length;
    if (!inside) throw new ScenarioError('agent.start', `(${a.start.x}, ${a.start.y}) m is not inside the arena`);
  }
  if (a.trajectory) at('agent.trajectory', () => trajectoryOf(a.trajectory!, env));
}

/** A rateMap probe needs the agent, bins that tile its arena and selected cells inside the population. */
function checkRateMapProbe(s: Scenario, probe: Extract<Scenario['probes'][number], { kind: 'rateMap' }>, n: number, base: string): void {
  if (!s.agent) throw new ScenarioError(`${base}.kind`, 'a rateMap probe needs the agent section');
  try {
    rateMapGrid(s.agent.arena, probe.binSize);
  } catch {
    throw new ScenarioError(`${base}.binSize`, 'the arena\'s sides must be whole multiples of binSize');
  }
  const bad = probe.cells.find((i) => i >= n);
  if (bad !== undefined) throw new ScenarioError(`${base}.cells`, `cell ${bad} is outside 0..${n - 1}`);
}

/** An arena plot: the agent probe it draws, and the spikes probe whose rate maps it builds (or the rateMap probe it shows). */
function checkArenaPlot(s: Scenario, plot: Scenario['plots'][number], probe: Scenario['probes'][number]): void {
  const base = `plots.${plot.probe}`;
  if (probe.kind !== 'agent') throw new ScenarioError(base, 'an arena plot needs an agent probe');
  if (plot.spikes !== undefined) {
    const spikes = s.probes.find((p) => p.id === plot.spikes);
    if (spikes?.kind !== 'spikes') throw new ScenarioError(`${base}.spikes`, `no spikes probe "${plot.spikes}"`);
  }
  if (plot.maps !== undefined) {
    if (plot.spikes !== undefined) throw new ScenarioError(`${base}.maps`, 'give spikes or maps, not both (with spikes, a rateMap probe of its population is used anyway)');
    if (s.probes.find((p) => p.id === plot.maps)?.kind !== 'rateMap') throw new ScenarioError(`${base}.maps`, `no rateMap probe "${plot.maps}"`);
  }
  for (const field of ['transform', 'x'] as const) {
    if (plot[field] !== undefined) throw new ScenarioError(`${base}.${field}`, 'an arena plot has no such field');
  }
  // a click places the plateau on the selected cell: the stimulus names its cells by a range
  if (plot.place !== undefined && !s.stimuli.some((st) => st.id === plot.place && st.place && st.profile.kind === 'range')) {
    throw new ScenarioError(`${base}.place`, `no place-gated stimulus "${plot.place}" with a range profile`);
  }
  if (plot.marks.length > 0) throw new ScenarioError(`${base}.marks`, 'reference lines go on rate and state plots');
  const arena = s.agent!.arena;
  const side = arena.kind === 'box' ? Math.min(arena.width, arena.height) : arena.length;
  if (plot.binSize !== undefined && plot.binSize > side) throw new ScenarioError(`${base}.binSize`, `exceeds the arena (${side} m)`);
  if (plot.binSize !== undefined && (arena.kind === 'box' ? (arena.width / plot.binSize) * (arena.height / plot.binSize) : arena.length / plot.binSize) > 250_000) {
    throw new ScenarioError(`${base}.binSize`, 'gives more than 250,000 bins');
  }
}

function checkSynapseProbe(s: Scenario, probe: Extract<Scenario['probes'][number], { kind: 'synapse' | 'synapseMean' | 'weightHistogram' }>, base: string): void {
  const pr = s.projections.find((q) => q.id === probe.projection);
  if (!pr) throw new ScenarioError(`${base}.projection`, `no projection "${probe.projection}"`);
  const rule = pr.plasticity?.rule;
  if (!rule) throw new ScenarioError(`${base}.projection`, `projection "${pr.id}" is not plastic`);
  if (probe.variable === 'z' && rule !== 'tagCapture') throw new ScenarioError(`${base}.variable`, 'z (late weight) needs the tagCapture rule');
  if (probe.variable === 'c' && !['calcium', 'tagCapture', 'nmdaHebbian', 'btsp'].includes(rule)) {
    throw new ScenarioError(`${base}.variable`, 'c (calcium signal) needs the calcium, tagCapture, nmdaHebbian or btsp rule');
  }
  const synapses = synapseCount(s, pr.id);
  if (probe.kind === 'weightHistogram') {
    if (!(probe.max > probe.min)) throw new ScenarioError(`${base}.max`, `must exceed min (${probe.min})`);
    return;
  }
  if (probe.kind === 'synapseMean') {
    const groups = Math.ceil(synapses / probe.groupSize);
    if (groups > MAX_SYNAPSE_GROUPS) throw new ScenarioError(`${base}.groupSize`, `gives ${groups} groups; at most ${MAX_SYNAPSE_GROUPS} (make groups larger)`);
    return;
  }
  const bad = probe.indices.find((i) => i >= synapses);
  if (bad !== undefined) throw new ScenarioError(`${base}.indices`, `synapse ${bad} is outside 0..${synapses - 1}`);
}

/** Groups a synapseMean probe may have. */
const MAX_SYNAPSE_GROUPS = 1024;

/** Synapses of a projection (of a validated scenario). */
export function synapseCount(s: Scenario, projection: string): number {
  const pr = s.projections.find((q) => q.id === projection)!;
  const size = (id: string) => s.populations.find((p) => p.id === id)!.n;
  const c = pr.connectivity;
  return c.kind === 'allToAll' ? size(pr.from) * size(pr.to) : c.kind === 'oneToOne' ? size(pr.to) : size(pr.to) * c.k;
}

/** A place-gated stimulus needs an agent, a uniform or range profile, and is the only one on its population (one gate block each). */
function checkPlaceGate(s: Scenario, st: StimulusSpec, base: string): void {
  if (!s.agent) throw new ScenarioError(`${base}.place`, 'a place-gated stimulus needs the agent section');
  if (st.profile.kind === 'ring') throw new ScenarioError(`${base}.profile`, 'a place-gated stimulus takes a uniform or range profile');
  const other = s.stimuli.slice(0, s.stimuli.indexOf(st)).find((o) => o.place && o.target === st.target);
  if (other) throw new ScenarioError(`${base}.place`, `population ${st.target} already has the place-gated stimulus "${other.id}"`);
}

/** A switch toggles an editable field between two values inside its range. */
function checkSwitches(s: Scenario): void {
  const fields = new Map(editableFields(s).flatMap((g) => g.fields.map((f) => [f.path, f] as const)));
  s.switches.forEach((sw, k) => {
    const field = fields.get(sw.path);
    if (!field) throw new ScenarioError(`switches.${k}.path`, `"${sw.path}" is not a parameter of this scenario`);
    for (const end of ['on', 'off'] as const) {
      const value = sw[end];
      if (value < field.min || value > field.max) throw new ScenarioError(`switches.${k}.${end}`, `must lie in ${field.min}…${field.max} ${field.unit}`.trimEnd());
    }
  });
}
