/**
 * Named views of one rateMap readout (layout: RateMapLayout in plan.ts; what
 * each value means: shaders/probe/map-stats.wgsl and map-decode.wgsl). The
 * GPU marks "none" with −1 (unvisited bins, nothing decoded); here it is NaN.
 */
import type { RateMapFrame } from './types';

export interface RateMapReadout {
  /** per cell: peak and mean rate (Hz), Skaggs information (bits/spike), field count (regions − holes), field area (m²) */
  readonly peak: Float32Array;
  readonly mean: Float32Array;
  readonly info: Float32Array;
  readonly fieldCount: Float32Array;
  readonly fieldArea: Float32Array;
  /** decoded position (m) of the last window, and its distance to the window's mean position (m); NaN when not decodable */
  readonly decoded: { readonly bin: number; readonly x: number; readonly y: number; readonly error: number };
  /** the selected cells' maps (Hz, NaN unvisited), cell after cell, nx·ny each (bin iy·nx + ix) */
  readonly maps: Float32Array;
}

const none = (v: number) => (v < 0 ? NaN : v);

export function rateMapReadout(frame: RateMapFrame, k: number): RateMapReadout {
  const v = frame.values[k]!;
  const n = frame.n;
  const part = (j: number) => v.subarray(j * n, (j + 1) * n);
  const d = 5 * n;
  return {
    peak: part(0), mean: part(1), info: part(2), fieldCount: part(3), fieldArea: part(4),
    decoded: { bin: v[d]!, x: none(v[d + 1]!), y: none(v[d + 2]!), error: none(v[d + 3]!) },
    maps: v.slice(d + 4).map(none),
  };
}

/** Fraction of cells with at least one place field whose total field area is at most maxAreaFraction of the binned area (src/model/spatial/maps.ts's criterion). */
export function fractionWithField(frame: RateMapFrame, r: RateMapReadout, maxAreaFraction: number): number {
  const limit = maxAreaFraction * frame.width * frame.height;
  let count = 0;
  for (let i = 0; i < frame.n; i++) if (r.fieldCount[i]! >= 1 && r.fieldArea[i]! <= limit) count++;
  return count / frame.n;
}
