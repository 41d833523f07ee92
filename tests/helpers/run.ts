// Running scenarios on the CPU engine and collecting probe frames, for model and engine tests.
import { createEngine, type Engine, type ProbeFrame } from '../../src/engine';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

export async function runCpu(doc: ScenarioInput, steps: number, maxStepsPerChunk?: number): Promise<{ engine: Engine; frames: ProbeFrame[] }> {
  const engine = await createEngine(parseScenario(doc), { backend: 'cpu', ...(maxStepsPerChunk ? { maxStepsPerChunk } : {}) });
  const frames = await engine.step(steps);
  return { engine, frames };
}

export function spikesOf(frames: ProbeFrame[], probe: string): { t: number[]; i: number[] } {
  const t: number[] = [];
  const i: number[] = [];
  for (const f of frames) {
    if (f.kind !== 'spikes' || f.probe !== probe) continue;
    t.push(...f.t);
    i.push(...f.i);
  }
  return { t, i };
}

export function samplesOf(frames: ProbeFrame[], probe: string): { t: number[]; values: number[][] } {
  const t: number[] = [];
  const values: number[][] = [];
  for (const f of frames) {
    if ((f.kind !== 'state' && f.kind !== 'rate') || f.probe !== probe) continue;
    t.push(...f.t);
    values.push(...f.values.map((v) => Array.from(v)));
  }
  return { t, values };
}

/** A single LIF population with probes on v and spikes; extra fields override the population. */
export function singlePopulation(pop: Record<string, unknown>, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    schemaVersion: 1, id: 'single', title: 'single population', dt: 0.0001, duration: 1,
    populations: [{ id: 'P', kind: 'lif', n: 1, ...pop } as ScenarioInput['populations'][number]],
    probes: [
      { id: 'spk', kind: 'spikes', population: 'P' },
      { id: 'v', kind: 'state', population: 'P', variable: 'v', indices: [0] },
    ],
    ...extra,
  };
}
