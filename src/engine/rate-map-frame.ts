/**
 * Named views of one rateMap readout (layout: RateMapLayout in plan.ts; what
 * each value means: shaders/probe/map-stats.wgsl, map-decode.wgsl and
 * map-gridness.wgsl). The GPU marks "none" with −1 (unvisited bins, nothing
 * decoded) or GRIDNESS_NONE (no gridness score); here it is NaN.
 */
import { GRIDNESS_NONE } from '../model/kernel-params';
import { DEFAULT_FIELD_CRITERIA } from '../model/spatial/maps';
import { rateMapOffsets } from './plan';
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
  /** the selected cells' gridness scores (NaN without six autocorrelogram peaks, or bins not square) */
  readonly gridness: Float32Array;
}

const none = (v: number) => (v < 0 ? NaN : v);

export function rateMapReadout(frame: RateMapFrame, k: number): RateMapReadout {
  const v = frame.values[k]!;
  const n = frame.n;
  const part = (j: number) => v.subarray(j * n, (j + 1) * n);
  const { decodeAt: d, mapsAt, gridnessAt } = rateMapOffsets(n, frame.cells.length, frame.nx * frame.ny);
  return {
    peak: part(0), mean: part(1), info: part(2), fieldCount: part(3), fieldArea: part(4),
    decoded: { bin: v[d]!, x: none(v[d + 1]!), y: none(v[d + 2]!), error: none(v[d + 3]!) },
    maps: v.slice(mapsAt, gridnessAt).map(none),
    gridness: v.slice(gridnessAt).map((x) => (x === GRIDNESS_NONE ? NaN : x)),
  };
}

/** The learning-curve measures of one readout, over every cell of the population. */
export interface PopulationMeasures {
  /** end of the readout step (s) */
  readonly time: number;
  /** mean Skaggs information over cells that fired (bits/spike); NaN when none did */
  readonly meanInformation: number;
  /**
   * cells with at least one place field whose total field area is at most
   * DEFAULT_FIELD_CRITERIA.maxAreaFraction of the binned area (the host
   * applies that limit per field, to the visited area)
   */
  readonly fractionWithField: number;
  /** decoding error of the last window (m); NaN when nothing was decoded */
  readonly decodingError: number;
}

export function populationMeasures(frame: RateMapFrame, k: number): PopulationMeasures {
  const r = rateMapReadout(frame, k);
  const limit = DEFAULT_FIELD_CRITERIA.maxAreaFraction * frame.width * frame.height;
  let withField = 0, firing = 0, info = 0;
  for (let i = 0; i < frame.n; i++) {
    if (r.fieldCount[i]! >= 1 && r.fieldArea[i]! <= limit) withField++;
    if (r.mean[i]! > 0) { firing++; info += r.info[i]!; }
  }
  return { time: frame.t[k]!, meanInformation: firing > 0 ? info / firing : NaN, fractionWithField: withField / frame.n, decodingError: r.decoded.error };
}
