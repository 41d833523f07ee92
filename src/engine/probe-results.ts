/**
 * Probe frames accumulated into one result per probe: the `sim` CLI's JSON
 * format and the UI's exports (JSON, CSV).
 */
import type { Scenario } from '../scenario/schema';
import { synapseCount } from '../scenario/validate';
import type { ProbeFrame } from './types';

export type ProbeResult =
  | { kind: 'spikes'; population: string; t: number[]; i: number[]; dropped: number }
  | { kind: 'rate'; population: string; binSeconds: number; groupSize: number; t: number[]; values: number[][] }
  /** state, synapse, synapseMean and sheet probes (population: the projection of a synapse probe; indices: a synapseMean's groups; a sheet probe: none, values the whole sheet row-major) */
  | { kind: 'state'; population: string; variable: string; indices: number[]; t: number[]; values: number[][] }
  | { kind: 'bump'; population: string; source: string; t: number[]; angle: number[]; amplitude: number[] }
  /** the agent's position (m) */
  | { kind: 'agent'; t: number[]; x: number[]; y: number[] };

/** Times are multiples of dt; rounding to 1 ns hides binary fractions like 0.30000000000000004. */
const ns = (t: number) => Math.round(t * 1e9) / 1e9;

export function emptyResults(scenario: Scenario): Record<string, ProbeResult> {
  const out: Record<string, ProbeResult> = {};
  for (const p of scenario.probes) {
    if (p.kind === 'agent') {
      out[p.id] = { kind: 'agent', t: [], x: [], y: [] };
      continue;
    }
    if (p.kind === 'bump') {
      const source = scenario.probes.find((q) => q.id === p.source)!;
      out[p.id] = { kind: 'bump', population: 'population' in source ? source.population : '', source: p.source, t: [], angle: [], amplitude: [] };
      continue;
    }
    if (p.kind === 'weightHistogram') {
      // one row of counts per sample, bin k covering min + k (max − min) / bins
      out[p.id] = { kind: 'state', population: p.projection, variable: `${p.variable}Histogram`, indices: Array.from({ length: p.bins }, (_, k) => k), t: [], values: [] };
      continue;
    }
    if (p.kind === 'synapse' || p.kind === 'synapseMean') {
      const indices = p.kind === 'synapse' ? [...p.indices] : Array.from({ length: Math.ceil(synapseCount(scenario, p.projection) / p.groupSize) }, (_, g) => g);
      out[p.id] = { kind: 'state', population: p.projection, variable: p.variable, indices, t: [], values: [] };
      continue;
    }
    if (p.kind === 'rateMap') {
      // one row per readout, as the GPU wrote it (src/engine/rate-map-frame.ts)
      out[p.id] = { kind: 'state', population: p.population, variable: 'rateMap', indices: [], t: [], values: [] };
      continue;
    }
    const pop = scenario.populations.find((q) => q.id === p.population)!;
    if (p.kind === 'spikes') out[p.id] = { kind: 'spikes', population: p.population, t: [], i: [], dropped: 0 };
    else if (p.kind === 'rate') out[p.id] = { kind: 'rate', population: p.population, binSeconds: p.binSeconds, groupSize: p.groupSize ?? pop.n, t: [], values: [] };
    else if (p.kind === 'sheet') out[p.id] = { kind: 'state', population: p.population, variable: 'r', indices: [], t: [], values: [] };
    else out[p.id] = { kind: 'state', population: p.population, variable: p.variable, indices: [...p.indices], t: [], values: [] };
  }
  return out;
}

export function collect(results: Record<string, ProbeResult>, frames: readonly ProbeFrame[]): void {
  for (const f of frames) {
    const r = results[f.probe];
    if (!r) continue;
    for (const t of f.t) r.t.push(ns(t));
    if (f.kind === 'spikes' && r.kind === 'spikes') {
      for (const i of f.i) r.i.push(i);
      r.dropped += f.dropped;
    } else if (f.kind === 'bump' && r.kind === 'bump') {
      for (const a of f.angle) r.angle.push(a);
      for (const a of f.amplitude) r.amplitude.push(a);
    } else if (f.kind === 'agent' && r.kind === 'agent') {
      for (const x of f.x) r.x.push(x);
      for (const y of f.y) r.y.push(y);
    } else if ((f.kind === 'rate' || f.kind === 'state' || f.kind === 'rateMap' || f.kind === 'histogram') && (r.kind === 'rate' || r.kind === 'state')) {
      for (const v of f.values) r.values.push(Array.from(v));
    }
  }
}

/** Mean rate (Hz) per population from the rate probes, else from the spike probes. */
export function meanRates(scenario: Scenario, results: Record<string, ProbeResult>, duration: number): Map<string, number> {
  const rates = new Map<string, number>();
  for (const r of Object.values(results)) {
    if (r.kind === 'rate' && r.values.length > 0) {
      const pop = scenario.populations.find((p) => p.id === r.population)!;
      let spikes = 0;
      r.values.forEach((row) => row.forEach((hz, g) => (spikes += hz * r.binSeconds * Math.min(r.groupSize, pop.n - g * r.groupSize))));
      rates.set(r.population, spikes / (pop.n * r.values.length * r.binSeconds));
    }
  }
  for (const [id, r] of Object.entries(results)) {
    if (r.kind !== 'spikes' || rates.has(r.population)) continue;
    const probe = scenario.probes.find((p) => p.id === id)!;
    const pop = scenario.populations.find((p) => p.id === r.population)!;
    const recorded = probe.kind === 'spikes' ? probe.maxNeurons ?? pop.n : pop.n;
    rates.set(r.population, r.t.length / (recorded * duration));
  }
  return rates;
}

/** Drops samples before time t (s): the app keeps a bounded span of data for export. */
export function trimBefore(results: Record<string, ProbeResult>, t: number): void {
  for (const r of Object.values(results)) {
    let k = 0;
    while (k < r.t.length && r.t[k]! < t) k++;
    if (k === 0) continue;
    r.t.splice(0, k);
    if (r.kind === 'spikes') r.i.splice(0, k);
    else if (r.kind === 'agent') {
      r.x.splice(0, k);
      r.y.splice(0, k);
    }
    else if (r.kind === 'bump') {
      r.angle.splice(0, k);
      r.amplitude.splice(0, k);
    } else r.values.splice(0, k);
  }
}

/** One probe as CSV: spikes as t,i rows; rate and state as t plus one column per group or neuron. */
export function toCsv(r: ProbeResult): string {
  if (r.kind === 'spikes') return ['t_s,neuron', ...r.t.map((t, k) => `${t},${r.i[k]}`)].join('\n') + '\n';
  if (r.kind === 'agent') return ['t_s,x_m,y_m', ...r.t.map((t, k) => `${t},${r.x[k]},${r.y[k]}`)].join('\n') + '\n';
  if (r.kind === 'bump') return ['t_s,angle_deg,amplitude_Hz', ...r.t.map((t, k) => `${t},${r.angle[k]},${r.amplitude[k]}`)].join('\n') + '\n';
  const width = r.values[0]?.length ?? 0;
  const header = r.kind === 'rate'
    ? ['t_s', ...Array.from({ length: width }, (_, g) => `group${g}_Hz`)]
    : ['t_s', ...r.indices.map((i) => `${r.variable}[${i}]`)];
  return [header.join(','), ...r.t.map((t, k) => [t, ...r.values[k]!].join(','))].join('\n') + '\n';
}
