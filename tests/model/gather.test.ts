// The CPU Fourier gathers' FFT path (power-of-two rings) against the direct sums of shaders/synapse/gather-*.wgsl.
import { describe, expect, it } from 'vitest';
import type { Arenas } from '../../src/model/kernel-params';
import { gatherExpand, gatherModes } from '../../src/model/kernels/synapses';

const n = 64, modeCount = 5;
const srcBase = 0, dstBase = n, modesBase = 2 * n, coefBase = 0;

function arenas(): Arenas {
  const state = new Float32Array(2 * n + 2 * modeCount);
  for (let j = 0; j < n; j++) state[srcBase + j] = 0.5 + 0.4 * Math.sin(0.37 * j * j);
  for (let i = 0; i < n; i++) state[dstBase + i] = 1.5;
  const tables = Float32Array.from({ length: modeCount }, (_, k) => 1 / (1 + k));
  const empty = { acc: new Int32Array(0), spikes: new Uint32Array(0), record: new Uint32Array(0), counts: new Uint32Array(0), samples: new Float32Array(0) };
  return { state, tables, ...empty, itables: new Int32Array(0), conn: new Uint32Array(0), syn: new Float32Array(0) };
}
const angle = (k: number, j: number) => (2 * Math.PI * ((k * j) % n)) / n;

describe('gatherModes and gatherExpand through the FFT (N = 64, 5 modes)', () => {
  it('give a_k = Σ s_j cos(2πkj/N), b_k = Σ s_j sin(2πkj/N) and g_i = Σ_k c_k (a_k cos + b_k sin), to f32 rounding', () => {
    const a = arenas();
    const s = Float64Array.from(a.state.subarray(srcBase, srcBase + n));
    gatherModes({ preN: n, srcBase, modesBase, modeCount, trigBase: 0 }, a);
    const scale = s.reduce((sum, v) => sum + v, 0);
    const modes: number[] = [];
    for (let k = 0; k < modeCount; k++) {
      let ak = 0, bk = 0;
      for (let j = 0; j < n; j++) { ak += s[j]! * Math.cos(angle(k, j)); bk += s[j]! * Math.sin(angle(k, j)); }
      expect(Math.abs(a.state[modesBase + 2 * k]! - ak)).toBeLessThan(1e-7 * scale);
      expect(Math.abs(a.state[modesBase + 2 * k + 1]! - bk)).toBeLessThan(1e-7 * scale);
      modes.push(a.state[modesBase + 2 * k]!, a.state[modesBase + 2 * k + 1]!);
    }
    for (const accumulate of [0, 1]) {
      const before = Float64Array.from(a.state.subarray(dstBase, dstBase + n));
      gatherExpand({ postN: n, preN: n, dstBase, modesBase, modeCount, trigBase: 0, coefBase, accumulate }, a);
      for (let i = 0; i < n; i++) {
        let g = accumulate ? before[i]! : 0;
        for (let k = 0; k < modeCount; k++) g += a.tables[coefBase + k]! * (modes[2 * k]! * Math.cos(angle(k, i)) + modes[2 * k + 1]! * Math.sin(angle(k, i)));
        expect(Math.abs(a.state[dstBase + i]! - g)).toBeLessThan(1e-7 * (scale + Math.abs(g)));
      }
    }
  });
});
