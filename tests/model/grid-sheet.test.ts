// The grid sheet's weights and its CPU recurrence (src/model/grid-sheet.ts,
// src/model/kernels/grid-sheet.ts): the tables are the shifted W0; the FFT
// convolution from the spectrum tables equals the direct sum over the torus of
// Burak & Fiete's W_ij = W0(x_i − x_j − l ê_j) to f32 rounding.
import { describe, expect, it } from 'vitest';
import { SHEET_DIRECTIONS, sheetDirection, sheetKernelTables, sheetSpectrumSize, sheetSpectrumTables, w0, wrap } from '../../src/model/grid-sheet';
import type { Arenas } from '../../src/model/kernel-params';
import { sheetInput } from '../../src/model/kernels/grid-sheet';

const BF = { lambdaNet: 13, a: 1, gammaRatio: 1.05, shift: 2 };

describe('grid-sheet weights', () => {
  it('shifts each direction\'s outgoing weights by l along it', () => {
    const side = 16, p = { ...BF, lambdaNet: 4 };
    const t = sheetKernelTables(side, p);
    // direction 0 (+x): K_0(o) = W0(o − (2, 0)): its centre (W0(0) = a − 1 = 0) sits at o = (2, 0), symmetric about it
    expect(t[0 * 256 + 0 * 16 + 3]).toBeCloseTo(w0(1, p), 7);
    expect(t[0 * 256 + 0 * 16 + 1]).toBeCloseTo(w0(1, p), 7);
    expect(t[0 * 256 + 0 * 16 + 0]).toBeCloseTo(w0(4, p), 7);
    // direction 3 (−y): centre at o = (0, −2) = (0, 14)
    expect(t[3 * 256 + 13 * 16 + 0]).toBeCloseTo(w0(1, p), 7);
    expect(t[3 * 256 + 1 * 16 + 0]).toBeCloseTo(w0(9, p), 7);
  });
});

/** Σ_j W0(x_i − x_j − l ê_j) s_j over the whole torus, in f64, from the definition. */
function directInput(side: number, p: typeof BF, s: Float32Array): Float64Array {
  const out = new Float64Array(side * side);
  for (let i = 0; i < side * side; i++) {
    const xi = i % side, yi = Math.floor(i / side);
    for (let j = 0; j < side * side; j++) {
      const [ex, ey] = SHEET_DIRECTIONS[sheetDirection(j, side)]!;
      const ux = wrap(xi - (j % side) - p.shift * ex, side), uy = wrap(yi - Math.floor(j / side) - p.shift * ey, side);
      out[i]! += w0(ux * ux + uy * uy, p) * s[j]!;
    }
  }
  return out;
}

describe('grid-sheet recurrence on the CPU', () => {
  for (const [side, lambdaNet] of [[8, 2], [32, 13], [64, 6], [16, 3]] as const) {
    it(`FFT convolution = direct sum of W_ij s_j (${side} × ${side}, λ_net = ${lambdaNet})`, () => {
      const p = { ...BF, lambdaNet };
      const nn = side * side;
      const state = new Float32Array(2 * nn);
      for (let i = 0; i < nn; i++) state[i] = ((i * 2654435761) % 1000) / 1000;
      const tables = sheetSpectrumTables(side, p);
      expect(tables.length).toBe(sheetSpectrumSize(side));
      sheetInput({ side, n: nn, srcBase: 0, dstBase: nn, tableBase: 0, spectrumBase: 0 }, { state, tables } as unknown as Arenas);
      const direct = directInput(side, p, state);
      let worst = 0, scale = 0;
      for (let i = 0; i < nn; i++) {
        worst = Math.max(worst, Math.abs(state[nn + i]! - direct[i]!));
        scale = Math.max(scale, Math.abs(direct[i]!));
      }
      expect(scale).toBeGreaterThan(0.1);
      expect(worst / scale).toBeLessThan(2e-6);
    });
  }
});
