// The arena view's live rate maps: bins of an arena, smoothing, spikes binned at the agent's
// position although their frames arrive before the agent's, measures, colour map.
import { describe, expect, it } from 'vitest';
import { ArenaMaps, arenaBinGrid, mapPixels, smooth, UNVISITED, viridis } from '../../src/ui/arena-maps';

const box = { kind: 'box', width: 1, height: 1, barriers: [] } as const;

describe('arena rate maps', () => {
  it('bins a box about square and a track in one row around y = 0', () => {
    expect(arenaBinGrid(box)).toMatchObject({ nx: 40, ny: 40, width: 1, height: 1 });
    expect(arenaBinGrid({ kind: 'box', width: 2, height: 1, barriers: [] }, 0.1)).toMatchObject({ nx: 20, ny: 10 });
    const track = arenaBinGrid({ kind: 'track', length: 2 }, 0.05);
    expect(track).toMatchObject({ nx: 40, ny: 1, y0: -0.5 });
  });

  it('smoothing keeps the mass of an interior bin and spreads it symmetrically', () => {
    const img = new Float64Array(81);
    img[40] = 1; // centre of 9 × 9
    const out = smooth(img, 9, 9);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(out[39]).toBeCloseTo(out[41]!, 12);
    expect(out[31]).toBeCloseTo(out[49]!, 12);
    expect(out[40]).toBeGreaterThan(out[39]!);
  });

  it('bins each spike at the first agent sample at or after it, even when the spikes arrive first', () => {
    const maps = new ArenaMaps(arenaBinGrid(box, 0.5), 2, 0.01); // 2 × 2 bins
    // chunk 1: spikes first (cell 0 at 0.005 s and 0.015 s), then samples at 0.01 (left bottom) and 0.02 (right top)
    maps.addSpikes([0.005, 0.015], [0, 0]);
    expect(maps.spikes).toBe(0); // waiting for positions
    maps.addPositions([0.01, 0.02], [0.2, 0.8], [0.2, 0.8]);
    expect(maps.spikes).toBe(2);
    expect(Array.from(maps.acc.events.subarray(0, 4))).toEqual([1, 0, 0, 1]);
    expect(Array.from(maps.acc.occupancy)).toEqual([0.01, 0, 0, 0.01]);
    // a spike after the last sample waits for the next chunk's samples; cells beyond nCells are ignored
    maps.addSpikes([0.025, 0.025], [1, 5]);
    expect(maps.spikes).toBe(2);
    maps.addPositions([0.03], [0.8], [0.2]); // right bottom
    expect(maps.spikes).toBe(3);
    expect(maps.acc.events[4 + 1]).toBe(1);
    expect(maps.position).toEqual({ t: 0.03, x: 0.8, y: 0.2 });
  });

  it('a cell firing only in one half has its field there, positive information; decoding finds the agent', () => {
    const grid = arenaBinGrid(box, 0.1);
    const maps = new ArenaMaps(grid, 4, 0.01, 0.5);
    // a raster sweep over the box; cell c fires at 50 Hz in quadrant c (as 1 spike per 20 ms)
    let t = 0;
    for (let pass = 0; pass < 4; pass++) {
      for (let row = 0; row < 100; row++) {
        const y = (row + 0.5) / 100;
        const ts: number[] = [], xs: number[] = [], ys: number[] = [], st: number[] = [], si: number[] = [];
        for (let col = 0; col < 100; col++) {
          t += 0.01;
          const x = (row % 2 ? 99.5 - col : col + 0.5) / 100;
          ts.push(t); xs.push(x); ys.push(y);
          const quadrant = (x < 0.5 ? 0 : 1) + (y < 0.5 ? 0 : 2);
          if (Math.round(t * 100) % 2 === 0) { st.push(t - 0.005); si.push(quadrant); }
        }
        maps.addSpikes(st, si);
        maps.addPositions(ts, xs, ys);
      }
    }
    const m0 = maps.cellMap(0);
    const nb = grid.nx * grid.ny;
    expect(m0.map[0]).toBeGreaterThan(40); // bottom left, away from the quadrant's edges
    expect(m0.map[nb - 1]).toBe(0);
    expect(m0.peak).toBeGreaterThan(40);
    expect(m0.information).toBeGreaterThan(1.2); // log2(4) = 2 bits for a sharp quadrant field, less after smoothing (σ = 1 of 10 bins)
    const s = maps.summary();
    expect(s.coverage).toBe(1);
    expect(s.fractionWithField).toBe(1);
    expect(s.meanInformation).toBeGreaterThan(1.2);
    // the last half second was spent in one quadrant's row: decoded within that quadrant
    expect(s.decodingError).toBeLessThan(0.5);
  });

  it('colours: viridis from dark purple to yellow, unvisited bins grey, y up', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(2)).toEqual([253, 231, 37]);
    // 1 × 2 map: bottom row 0 Hz, top row unvisited → the top pixel (first) is grey
    const px = mapPixels([0, NaN], 1, 2);
    expect(Array.from(px.subarray(0, 3))).toEqual([...UNVISITED]);
    expect(Array.from(px.subarray(4, 7))).toEqual([68, 1, 84]);
  });
});
