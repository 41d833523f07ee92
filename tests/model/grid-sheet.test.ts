// The grid sheet's weights and its CPU recurrence (src/model/grid-sheet.ts,
// src/model/kernels/grid-sheet.ts): the stencil radius keeps the dropped weight mass
// below 1e-6 of the total; the FFT convolution equals the direct stencil sum (the GPU
// kernel's order) to f32 rounding; the tables are the shifted W0.
import { describe, expect, it } from 'vitest';
import { GRID_SHEET_PARAMS, sheetKernelTables, STENCIL_TOLERANCE, stencilRadius, stencilSpan, w0 } from '../../src/model/grid-sheet';
import type { Arenas } from '../../src/model/kernel-params';
import { sheetInput, sheetInputDirect } from '../../src/model/kernels/grid-sheet';

const BF = { lambdaNet: 13, a: 1, gammaRatio: 1.05, shift: 2 };

describe('grid-sheet weights', () => {
  it('truncates W0 where the dropped mass is below 1e-6 of the total (λ_net = 13: R = 31)', () => {
    const R = stencilRadius(BF);
    expect(R).toBe(31);
    let total = 0, beyond = 0, beyondPrev = 0;
    for (let y = -60; y <= 60; y++) for (let x = -60; x <= 60; x++) {
      const m = Math.abs(w0(x * x + y * y, BF));
      total += m;
      if (x * x + y * y > R * R) beyond += m;
      if (x * x + y * y > (R - 1) * (R - 1)) beyondPrev += m;
    }
    expect(beyond / total).toBeLessThan(STENCIL_TOLERANCE);
    expect(beyondPrev / total).toBeGreaterThanOrEqual(STENCIL_TOLERANCE);
    expect(GRID_SHEET_PARAMS.lambdaNet.default).toBe(13);
  });

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

describe('grid-sheet recurrence on the CPU', () => {
  for (const [side, lambdaNet] of [[32, 13], [64, 6], [16, 3]] as const) {
    it(`FFT convolution = direct stencil sum (${side} × ${side}, λ_net = ${lambdaNet})`, () => {
      const p = { ...BF, lambdaNet };
      const R = stencilRadius(p);
      const { span, half } = stencilSpan(side, R, p.shift);
      const nn = side * side;
      const tables = sheetKernelTables(side, p, R);
      const state = new Float32Array(3 * nn);
      for (let i = 0; i < nn; i++) state[i] = ((i * 2654435761) % 1000) / 1000;
      const a = { state, tables } as unknown as Arenas;
      sheetInput({ side, n: nn, srcBase: 0, dstBase: nn, tableBase: 0, span, half }, a);
      sheetInputDirect({ side, n: nn, srcBase: 0, dstBase: 2 * nn, tableBase: 0, span, half }, a);
      let worst = 0, scale = 0;
      for (let i = 0; i < nn; i++) {
        worst = Math.max(worst, Math.abs(state[nn + i]! - state[2 * nn + i]!));
        scale = Math.max(scale, Math.abs(state[2 * nn + i]!));
      }
      expect(scale).toBeGreaterThan(0.1);
      expect(worst / scale).toBeLessThan(2e-5);
    });
  }
});
