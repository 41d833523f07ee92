// GPU parity of the grid-sheet kernels (sheetInput: the stencil gather of the recurrent
// input; gridSheetUpdate: rectified rate dynamics driven by the agent's velocity) against
// their CPU reference (FFT convolution in f64) on Dawn (SwiftShader without a GPU), on a
// 32 × 32 sheet (λ_net = 8: the stencil covers the whole torus) driven by a moving agent.
import { describe, expect, it } from 'vitest';
import { createEngine, type ProbeFrame } from '../../src/engine';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

const STEPS = 240;

function sheet(side: number, lambdaNet: number): ScenarioInput {
  return {
    schemaVersion: 1, id: 'sheet-parity', title: 'grid sheet on both backends', seed: 3, dt: 0.0005, duration: 1,
    agent: { arena: { kind: 'box', width: 1, height: 1 }, speedMean: 0.4 },
    populations: [{ id: 'S', kind: 'gridSheet', side, lambdaNet, sInit: 1, vx: 0.2 }],
    probes: [
      { id: 'img', kind: 'sheet', population: 'S', everySteps: 40 },
      { id: 'inp', kind: 'state', population: 'S', variable: 'iIn', indices: Array.from({ length: 64 }, (_, k) => Math.floor((k * side * side) / 64) + (k % 3)), everySteps: 1 },
    ],
  } as ScenarioInput;
}

async function runOn(backend: 'cpu' | 'gpu', doc: ScenarioInput): Promise<ProbeFrame[]> {
  const engine = await createEngine(parseScenario(doc), { backend, gpu: nodeGpu(), maxStepsPerChunk: 64 });
  const frames = [...(await engine.step(101)), ...(await engine.step(STEPS - 101))];
  engine.dispose();
  return frames;
}

const values = (frames: ProbeFrame[], probe: string) => frames.flatMap((f) => (f.kind === 'state' && f.probe === probe ? f.values.map((v) => Array.from(v)) : []));

describe('grid sheet on the GPU matches its CPU reference', () => {
  for (const [side, lambdaNet] of [[32, 8], [32, 3]] as const) {
    it(`${side} × ${side} sheet (λ_net = ${lambdaNet}${lambdaNet === 3 ? ': a stencil narrower than the torus' : ''}), ${STEPS} steps with a moving agent`, async () => {
      const doc = sheet(side, lambdaNet);
      const cpu = await runOn('cpu', doc);
      const gpu = await runOn('gpu', doc);
      for (const probe of ['inp', 'img']) {
        const a = values(cpu, probe), b = values(gpu, probe);
        expect(b.length, probe).toBe(a.length);
        expect(a.length).toBeGreaterThan(probe === 'img' ? 5 : 200);
        let scale = 0;
        for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
        let worst = 0;
        a.forEach((row, k) => row.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[k]![i]!)))));
        expect(scale).toBeGreaterThan(0.01);
        expect(worst / scale, `${probe}: largest difference relative to the largest value`).toBeLessThan(1e-4);
      }
    }, 300_000);
  }
});
