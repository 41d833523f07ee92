/**
 * Live rate maps for the arena view (engram-arena): the agent probe's samples
 * and a spike probe's spikes, which arrive as separate frames, binned into an
 * occupancy-normalised RateMapAccumulator (src/model/spatial/maps.ts); maps
 * smoothed for display and for the learning-curve measures (spatial
 * information, fraction of cells with a place field, population-vector
 * decoding error), and the colour map they are drawn with. Pure: no DOM.
 */
import type { RateMapReadout } from '../engine/rate-map-frame';
import type { RateMapFrame } from '../engine/types';
import {
  type BinGrid, binCount, binIndex, decodePosition, DEFAULT_FIELD_CRITERIA, fieldSummary, gridness, makeDecoder, RateMapAccumulator, spatialInformation, squareBins,
} from '../model/spatial/maps';

/** An arena as the scenario's agent section gives it (m). */
export type ArenaShape =
  | { readonly kind: 'box'; readonly width: number; readonly height: number; readonly barriers: readonly { x1: number; y1: number; x2: number; y2: number }[] }
  | { readonly kind: 'track'; readonly length: number };

/** Bins along the longer side of a box, and along a track, when no bin size is given. */
export const DEFAULT_BINS = 40;

/**
 * The bins of an arena: about binSize (m) square over a box (a side that is
 * not a whole number of bins gets slightly wider ones); on a track one row
 * around y = 0 (the agent's y there).
 */
export function arenaBinGrid(arena: ArenaShape, binSize?: number): BinGrid {
  if (arena.kind === 'track') {
    const nx = Math.max(1, Math.round(arena.length / (binSize ?? arena.length / DEFAULT_BINS)));
    return { x0: 0, y0: -0.5, width: arena.length, height: 1, nx, ny: 1 };
  }
  const bin = binSize ?? Math.max(arena.width, arena.height) / DEFAULT_BINS;
  return { x0: 0, y0: 0, width: arena.width, height: arena.height, nx: Math.max(1, Math.round(arena.width / bin)), ny: Math.max(1, Math.round(arena.height / bin)) };
}

/** Smoothed occupancy (s) a bin needs to be drawn and measured. */
export const MIN_OCCUPANCY = 0.05;

/** Normalised 5-tap Gaussian (σ = 1 bin). */
const KERNEL = [0.0545, 0.2442, 0.4026, 0.2442, 0.0545];

/** Separable Gaussian smoothing (σ = 1 bin) of an nx × ny image, truncated at the edges (no renormalisation: a ratio of two smoothed images cancels it). */
export function smooth(src: ArrayLike<number>, nx: number, ny: number, out = new Float64Array(nx * ny), tmp = new Float64Array(nx * ny)): Float64Array {
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      let s = 0;
      for (let k = -2; k <= 2; k++) {
        const xx = x + k;
        if (xx >= 0 && xx < nx) s += KERNEL[k + 2]! * src[y * nx + xx]!;
      }
      tmp[y * nx + x] = s;
    }
  }
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      let s = 0;
      for (let k = -2; k <= 2; k++) {
        const yy = y + k;
        if (yy >= 0 && yy < ny) s += KERNEL[k + 2]! * tmp[yy * nx + x]!;
      }
      out[y * nx + x] = s;
    }
  }
  return out;
}

/** Learning-curve measures over the mapped cells. */
export interface ArenaSummary {
  /** simulated time of the newest position sample (s) */
  readonly time: number;
  /** time the agent has spent in the mapped bins (s) */
  readonly explored: number;
  /** fraction of bins visited */
  readonly coverage: number;
  /** mean Skaggs information over cells that fired (bits/spike); NaN before any spike */
  readonly meanInformation: number;
  /** fraction of mapped cells with at least one place field */
  readonly fractionWithField: number;
  /** decoding error of the last window (m); NaN when it could not be decoded */
  readonly decodingError: number;
}

/** One cell's smoothed map with its peak and measures. */
export interface CellMap {
  readonly cell: number;
  /** Hz per bin, NaN where never visited */
  readonly map: Float32Array;
  readonly peak: number;
  readonly information: number;
  /** gridness score (NaN without six autocorrelogram peaks) */
  readonly gridness: number;
}

/**
 * Rate maps of the first nCells cells built from interleaved frames: agent
 * samples, each standing for sampleSeconds of occupancy, and spikes, each
 * binned at the first agent sample at or after it (spikes wait until that
 * sample has arrived: a chunk's spike frame comes before its agent frame).
 */
export class ArenaMaps {
  readonly acc: RateMapAccumulator;
  readonly nBins: number;
  /** position samples received and spikes binned */
  samples = 0;
  spikes = 0;
  private pt: number[] = [];
  private px: number[] = [];
  private py: number[] = [];
  private pending: { t: number; c: number }[] = [];
  /** binned spikes of the last decodeWindow seconds, for the population vector */
  private recent: { t: number; c: number }[] = [];

  constructor(readonly grid: BinGrid, readonly nCells: number, readonly sampleSeconds: number, readonly decodeWindow = 0.5) {
    this.acc = new RateMapAccumulator(grid, nCells);
    this.nBins = binCount(grid);
  }

  /** The newest position (m), or undefined before the first sample. */
  get position(): { t: number; x: number; y: number } | undefined {
    const k = this.pt.length - 1;
    return k < 0 ? undefined : { t: this.pt[k]!, x: this.px[k]!, y: this.py[k]! };
  }

  addPositions(t: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>): void {
    for (let k = 0; k < t.length; k++) {
      const b = binIndex(this.grid, x[k]!, y[k]!);
      if (b >= 0) this.acc.occupancy[b] += this.sampleSeconds;
      this.pt.push(t[k]!);
      this.px.push(x[k]!);
      this.py.push(y[k]!);
    }
    this.samples += t.length;
    this.flush();
  }

  addSpikes(t: ArrayLike<number>, i: ArrayLike<number>): void {
    for (let k = 0; k < t.length; k++) if (i[k]! < this.nCells) this.pending.push({ t: t[k]!, c: i[k]! });
    this.flush();
  }

  private flush(): void {
    const n = this.pt.length;
    if (n === 0) return;
    const last = this.pt[n - 1]!;
    const nb = this.nBins;
    let kept = 0;
    for (const s of this.pending) {
      if (s.t > last + 1e-9) {
        this.pending[kept++] = s;
        continue;
      }
      // first sample at or after the spike (binary search)
      let lo = 0, hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.pt[mid]! < s.t - 1e-9) lo = mid + 1;
        else hi = mid;
      }
      const b = binIndex(this.grid, this.px[lo]!, this.py[lo]!);
      if (b >= 0) this.acc.events[s.c * nb + b] += 1;
      this.recent.push(s);
      this.spikes++;
    }
    this.pending.length = kept;
    // keep the samples that pending spikes and the decoding window may still need
    const keepFrom = Math.min(this.pending[0]?.t ?? Infinity, last - this.decodeWindow - this.sampleSeconds);
    let drop = 0;
    while (drop < n - 1 && this.pt[drop]! < keepFrom) drop++;
    if (drop > 1024) {
      this.pt.splice(0, drop);
      this.px.splice(0, drop);
      this.py.splice(0, drop);
    }
    let old = 0;
    while (old < this.recent.length && this.recent[old]!.t <= last - this.decodeWindow) old++;
    if (old > 0) this.recent.splice(0, old);
  }

  /**
   * Whether a bin gets a rate: its smoothed occupancy is at least
   * MIN_OCCUPANCY (or half a sample, if longer): bins on the path and next
   * to it, so the map is not a thin line along the path early on, without
   * the noisy rates of bins the agent barely touched.
   */
  private shown(_raw: number, smoothed: number): boolean {
    return smoothed > 0 && smoothed >= Math.max(MIN_OCCUPANCY, 0.5 * this.sampleSeconds);
  }

  /** Smoothed occupancy (s per bin). */
  private smoothedOccupancy(): Float64Array {
    return smooth(this.acc.occupancy, this.grid.nx, this.grid.ny);
  }

  /** Smoothed rate maps (Hz), cell-major, NaN in bins neither visited nor next to visited ones. */
  rateMaps(): Float32Array {
    const { nx, ny } = this.grid;
    const nb = this.nBins;
    const occ = this.smoothedOccupancy();
    const raw = this.acc.occupancy;
    const out = new Float32Array(this.nCells * nb);
    const ev = new Float64Array(nb), tmp = new Float64Array(nb);
    for (let c = 0; c < this.nCells; c++) {
      smooth(this.acc.events.subarray(c * nb, (c + 1) * nb), nx, ny, ev, tmp);
      for (let b = 0; b < nb; b++) out[c * nb + b] = this.shown(raw[b]!, occ[b]!) ? ev[b]! / occ[b]! : NaN;
    }
    return out;
  }

  /** One cell's smoothed map, its peak (Hz), spatial information and gridness (the gridness only on request: it costs more). */
  cellMap(cell: number, withGridness = false): CellMap {
    const { nx, ny } = this.grid;
    const nb = this.nBins;
    const occ = this.smoothedOccupancy();
    const ev = smooth(this.acc.events.subarray(cell * nb, (cell + 1) * nb), nx, ny);
    const map = new Float32Array(nb);
    let peak = 0;
    for (let b = 0; b < nb; b++) {
      map[b] = this.shown(this.acc.occupancy[b]!, occ[b]!) ? ev[b]! / occ[b]! : NaN;
      if (map[b]! > peak) peak = map[b]!;
    }
    return { cell, map, peak, information: spatialInformation(map, occ), gridness: withGridness && squareBins(this.grid) && ny > 1 && peak > 0 ? gridness(map, this.grid).gridness : NaN };
  }

  /** The learning-curve measures now, from the smoothed maps of every mapped cell. */
  summary(maps = this.rateMaps()): ArenaSummary {
    const nb = this.nBins;
    const occ = this.smoothedOccupancy();
    let visited = 0, explored = 0;
    for (let b = 0; b < nb; b++) {
      if (this.acc.occupancy[b]! > 0) visited++;
      explored += this.acc.occupancy[b]!;
    }
    let info = 0, firing = 0;
    for (let c = 0; c < this.nCells; c++) {
      const m = maps.subarray(c * nb, (c + 1) * nb);
      let any = false;
      for (let b = 0; b < nb && !any; b++) any = m[b]! > 0;
      if (!any) continue;
      info += spatialInformation(m, occ);
      firing++;
    }
    const fields = this.spikes > 0 ? fieldSummary(maps, this.grid, this.nCells, DEFAULT_FIELD_CRITERIA).fractionWithField : 0;
    return {
      time: this.position?.t ?? 0,
      explored,
      coverage: visited / nb,
      meanInformation: firing > 0 ? info / firing : NaN,
      fractionWithField: fields,
      decodingError: this.decode(maps),
    };
  }

  /**
   * Population-vector decoding of the last decodeWindow seconds of spikes
   * against the current maps: the error (m) from the agent's mean position
   * over the window; NaN when nothing could be decoded.
   */
  decode(maps: Float32Array): number {
    const now = this.position?.t;
    if (now === undefined || this.recent.length === 0) return NaN;
    const counts = new Float32Array(this.nCells);
    for (const s of this.recent) counts[s.c]! += 1;
    const dec = makeDecoder(maps, this.grid, this.nCells);
    const p = decodePosition(dec, counts);
    if (p.bin < 0) return NaN;
    let sx = 0, sy = 0, n = 0;
    for (let k = this.pt.length - 1; k >= 0 && this.pt[k]! > now - this.decodeWindow; k--) {
      sx += this.px[k]!; sy += this.py[k]!; n++;
    }
    if (n === 0) return NaN;
    return Math.hypot(p.x - sx / n, p.y - sy / n);
  }
}

/**
 * A cell's map from a rateMap probe's readout (src/engine/rate-map-frame.ts),
 * when the probe selected that cell: the unsmoothed occupancy-normalised map
 * the GPU accumulated, its peak, information and gridness, all computed there.
 */
export function probeCellMap(frame: RateMapFrame, readout: RateMapReadout, cell: number): { cell: CellMap; nx: number; ny: number } | undefined {
  const k = frame.cells.indexOf(cell);
  if (k < 0) return undefined;
  const { nx, ny } = frame;
  const nb = nx * ny;
  const map = readout.maps.subarray(k * nb, (k + 1) * nb);
  return { cell: { cell, map, peak: readout.peak[cell]!, information: readout.info[cell]!, gridness: readout.gridness[k]! }, nx, ny };
}

/** Viridis at nine stops (matplotlib's, from 0 to 1): perceptually even and readable for colour-blind viewers and on projectors. */
const VIRIDIS = [
  [68, 1, 84], [71, 45, 123], [59, 82, 139], [44, 114, 142], [33, 145, 140], [40, 174, 128], [94, 201, 98], [173, 220, 48], [253, 231, 37],
] as const;

/** RGB of viridis at v ∈ [0, 1] (clamped), linear between the stops. */
export function viridis(v: number): [number, number, number] {
  const f = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(f));
  const u = f - k;
  const a = VIRIDIS[k]!, b = VIRIDIS[k + 1]!;
  return [Math.round(a[0] + u * (b[0] - a[0])), Math.round(a[1] + u * (b[1] - a[1])), Math.round(a[2] + u * (b[2] - a[2]))];
}

/** Colour of never-visited bins. */
export const UNVISITED: readonly [number, number, number] = [232, 234, 238];

/**
 * A map as RGBA pixels, row 0 at the top (so y, which points up, is flipped),
 * scaled to [0, max] (max defaults to the map's peak); NaN bins in UNVISITED.
 */
export function mapPixels(map: ArrayLike<number>, nx: number, ny: number, max?: number): Uint8ClampedArray {
  let peak = max ?? 0;
  if (max === undefined) for (let b = 0; b < nx * ny; b++) if (map[b]! > peak) peak = map[b]!;
  const px = new Uint8ClampedArray(4 * nx * ny);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const v = map[iy * nx + ix]!;
      const rgb = Number.isNaN(v) ? UNVISITED : viridis(peak > 0 ? v / peak : 0);
      const o = 4 * ((ny - 1 - iy) * nx + ix);
      px[o] = rgb[0]; px[o + 1] = rgb[1]; px[o + 2] = rgb[2]; px[o + 3] = 255;
    }
  }
  return px;
}
