/**
 * Spatial measures of a population's activity, the CPU reference for the
 * live measures of issue 4:
 *  - occupancy-normalised rate maps (events per bin / time per bin, Hz);
 *  - spatial information in bits/spike (Skaggs et al. 1993, NIPS 5:1030);
 *  - place fields (connected bins above a fraction of the peak), their number
 *    and size, and the fraction of cells with a single field;
 *  - the gridness score, spacing and orientation from the spatial
 *    autocorrelogram (Hafting et al. 2005; Sargolini et al. 2006; Langston
 *    et al. 2010), with the annulus of the CINPLA spatial-maps package;
 *  - population-vector decoding of position against the rate maps, and its
 *    error next to chance.
 *
 * Layout: a map is one value per bin, bin (ix, iy) at index iy·nx + ix, x to
 * the right and y up; unvisited bins are NaN. A population's maps are stored
 * cell-major in one Float32Array (cell c at c·nBins … (c + 1)·nBins − 1).
 */

/** A regular grid of nx × ny bins over [x0, x0 + width] × [y0, y0 + height] (m). */
export interface BinGrid {
  readonly x0: number;
  readonly y0: number;
  readonly width: number;
  readonly height: number;
  readonly nx: number;
  readonly ny: number;
}

/** Square bins of binSize (m) over a width × height area; the sides must be whole multiples of binSize (to 1e-6). */
export function makeBinGrid(width: number, height: number, binSize: number, x0 = 0, y0 = 0): BinGrid {
  const nx = Math.round(width / binSize), ny = Math.round(height / binSize);
  if (!(binSize > 0) || nx < 1 || ny < 1 || Math.abs(nx * binSize - width) > 1e-6 * width || Math.abs(ny * binSize - height) > 1e-6 * height) {
    throw new RangeError(`makeBinGrid: ${width} × ${height} m is not a whole number of ${binSize} m bins`);
  }
  return { x0, y0, width, height, nx, ny };
}

export function binCount(g: BinGrid): number {
  return g.nx * g.ny;
}

/** Bin of position (x, y) (m); the far edges belong to the last bins; −1 outside. */
export function binIndex(g: BinGrid, x: number, y: number): number {
  const fx = (x - g.x0) / g.width, fy = (y - g.y0) / g.height;
  if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return -1;
  const ix = Math.min(g.nx - 1, Math.floor(fx * g.nx)), iy = Math.min(g.ny - 1, Math.floor(fy * g.ny));
  return iy * g.nx + ix;
}

/** Centre (m) of bin i. */
export function binCentre(g: BinGrid, i: number): { x: number; y: number } {
  const ix = i % g.nx, iy = Math.floor(i / g.nx);
  return { x: g.x0 + ((ix + 0.5) * g.width) / g.nx, y: g.y0 + ((iy + 0.5) * g.height) / g.ny };
}

// ─────────────────────────────────────────────────────────────────────────────
// Rate maps
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Accumulates, per bin, the time spent there (s) and each cell's events
 * (spike counts, or rate × dt for rate units), in f64.
 */
export class RateMapAccumulator {
  readonly occupancy: Float64Array;
  readonly events: Float64Array;

  constructor(readonly grid: BinGrid, readonly nCells: number) {
    this.occupancy = new Float64Array(binCount(grid));
    this.events = new Float64Array(nCells * binCount(grid));
  }

  /** One sample: the agent at (x, y) for dt (s), with activity[c] events of each cell in that time. Positions outside the grid are ignored. */
  add(x: number, y: number, dt: number, activity: ArrayLike<number>): void {
    const b = binIndex(this.grid, x, y);
    if (b < 0) return;
    this.occupancy[b] += dt;
    const nb = this.occupancy.length;
    for (let c = 0; c < this.nCells; c++) this.events[c * nb + b] += activity[c]!;
  }

  /** Rate maps (Hz), cell-major; NaN in bins visited for less than minOccupancy (s) or never. */
  rateMaps(minOccupancy = 0): Float32Array {
    const nb = this.occupancy.length;
    const out = new Float32Array(this.events.length);
    for (let c = 0; c < this.nCells; c++) {
      for (let b = 0; b < nb; b++) {
        const t = this.occupancy[b]!;
        out[c * nb + b] = t > 0 && t >= minOccupancy ? this.events[c * nb + b]! / t : NaN;
      }
    }
    return out;
  }
}

// ─────────────────────────────────────────────────────────────────────────────
// Spatial information
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Skaggs information (bits/spike): I = Σ_i p_i (λ_i/λ̄) log₂(λ_i/λ̄), p_i the
 * fraction of time in bin i, λ_i its rate, λ̄ = Σ p_i λ_i. NaN bins are
 * skipped; a silent map carries 0 bits. For a Gaussian field of s.d. σ in an
 * area A with uniform occupancy, I = log₂(A / (2π e σ²)).
 */
export function spatialInformation(map: ArrayLike<number>, occupancy: ArrayLike<number>): number {
  let total = 0, weighted = 0;
  for (let i = 0; i < map.length; i++) {
    if (Number.isNaN(map[i]!)) continue;
    total += occupancy[i]!;
    weighted += occupancy[i]! * map[i]!;
  }
  if (!(total > 0) || !(weighted > 0)) return 0;
  const mean = weighted / total;
  let info = 0;
  for (let i = 0; i < map.length; i++) {
    const r = map[i]! / mean;
    if (r > 0) info += (occupancy[i]! / total) * r * Math.log2(r);
  }
  return info;
}

// ─────────────────────────────────────────────────────────────────────────────
// Place fields
// ─────────────────────────────────────────────────────────────────────────────

/**
 * What counts as a place field: a 4-connected region of bins whose rate
 * exceeds `threshold` × the map's peak, at least `minArea` (m²) and at most
 * `maxAreaFraction` of the visited area (a cell active everywhere has no
 * place field), in a map whose peak reaches `minPeakRate` (Hz). The 20%
 * threshold is the common choice in the place-cell literature; the sizes are
 * this project's.
 */
export interface FieldCriteria {
  readonly threshold: number;
  readonly minArea: number;
  readonly maxAreaFraction: number;
  readonly minPeakRate: number;
}

export const DEFAULT_FIELD_CRITERIA: FieldCriteria = { threshold: 0.2, minArea: 0.005, maxAreaFraction: 0.5, minPeakRate: 0 };

export interface PlaceField {
  /** area (m²) */
  readonly area: number;
  /** highest rate in the field (Hz) and where it is (m) */
  readonly peakRate: number;
  readonly peakX: number;
  readonly peakY: number;
  /** rate-weighted centre (m) */
  readonly centroidX: number;
  readonly centroidY: number;
}

/** The bins of the 4-connected region of `above` that contains `seed`, clearing them from `above`. */
function floodRegion(above: Uint8Array, nx: number, ny: number, seed: number): number[] {
  const region: number[] = [];
  const stack = [seed];
  above[seed] = 0;
  while (stack.length > 0) {
    const b = stack.pop()!;
    region.push(b);
    const ix = b % nx, iy = (b - ix) / nx;
    const next = [ix > 0 ? b - 1 : -1, ix < nx - 1 ? b + 1 : -1, iy > 0 ? b - nx : -1, iy < ny - 1 ? b + nx : -1];
    for (const n of next) {
      if (n >= 0 && above[n]) { above[n] = 0; stack.push(n); }
    }
  }
  return region;
}

/** The place fields of one rate map (Hz, NaN = unvisited), largest peak first. */
export function placeFields(map: ArrayLike<number>, grid: BinGrid, criteria: FieldCriteria = DEFAULT_FIELD_CRITERIA): PlaceField[] {
  const nb = binCount(grid);
  const binArea = (grid.width / grid.nx) * (grid.height / grid.ny);
  let peak = 0, visited = 0;
  for (let i = 0; i < nb; i++) {
    if (Number.isNaN(map[i]!)) continue;
    visited++;
    peak = Math.max(peak, map[i]!);
  }
  if (!(peak > 0) || peak < criteria.minPeakRate) return [];
  const above = new Uint8Array(nb);
  for (let i = 0; i < nb; i++) above[i] = map[i]! > criteria.threshold * peak ? 1 : 0;
  const fields: PlaceField[] = [];
  for (let s = 0; s < nb; s++) {
    if (!above[s]) continue;
    const region = floodRegion(above, grid.nx, grid.ny, s);
    const area = region.length * binArea;
    if (area < criteria.minArea || region.length > criteria.maxAreaFraction * visited) continue;
    let top = region[0]!, sum = 0, cx = 0, cy = 0;
    for (const b of region) {
      const r = map[b]!, p = binCentre(grid, b);
      if (r > map[top]!) top = b;
      sum += r; cx += r * p.x; cy += r * p.y;
    }
    const p = binCentre(grid, top);
    fields.push({ area, peakRate: map[top]!, peakX: p.x, peakY: p.y, centroidX: cx / sum, centroidY: cy / sum });
  }
  return fields.sort((a, b) => b.peakRate - a.peakRate);
}

export interface FieldSummary {
  /** fields per cell */
  readonly counts: Uint32Array;
  /** fraction of cells with at least one field */
  readonly fractionWithField: number;
  /** fraction of cells with exactly one field */
  readonly singleFieldFraction: number;
  /** mean field area (m²) over all fields; NaN when there is none */
  readonly meanFieldArea: number;
}

/** Place-field statistics of a population's rate maps (cell-major). */
export function fieldSummary(maps: Float32Array, grid: BinGrid, nCells: number, criteria: FieldCriteria = DEFAULT_FIELD_CRITERIA): FieldSummary {
  const nb = binCount(grid);
  const counts = new Uint32Array(nCells);
  let withField = 0, single = 0, fields = 0, area = 0;
  for (let c = 0; c < nCells; c++) {
    const f = placeFields(maps.subarray(c * nb, (c + 1) * nb), grid, criteria);
    counts[c] = f.length;
    if (f.length > 0) withField++;
    if (f.length === 1) single++;
    fields += f.length;
    for (const field of f) area += field.area;
  }
  return { counts, fractionWithField: withField / nCells, singleFieldFraction: single / nCells, meanFieldArea: fields > 0 ? area / fields : NaN };
}

// ─────────────────────────────────────────────────────────────────────────────
// Gridness
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Spatial autocorrelogram: for every lag (dx, dy) in bins, the Pearson
 * correlation of the map with itself shifted by the lag, over the bin pairs
 * where both are visited (Hafting et al. 2005, Nature 436:801, Methods);
 * NaN where fewer than minOverlap pairs exist. Size (2nx − 1) × (2ny − 1),
 * zero lag at the centre (nx − 1, ny − 1); r(−d) = r(d).
 */
export function autocorrelogram(map: ArrayLike<number>, nx: number, ny: number, minOverlap = 20): Float64Array {
  const w = 2 * nx - 1, h = 2 * ny - 1;
  const out = new Float64Array(w * h).fill(NaN);
  for (let dy = 0; dy < ny; dy++) {
    for (let dx = -(nx - 1); dx < nx; dx++) {
      let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let y = 0; y + dy < ny; y++) {
        for (let x = Math.max(0, -dx); x < Math.min(nx, nx - dx); x++) {
          const a = map[y * nx + x]!, b = map[(y + dy) * nx + x + dx]!;
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          n++; sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
        }
      }
      if (n < minOverlap) continue;
      const cov = n * sab - sa * sb, va = n * saa - sa * sa, vb = n * sbb - sb * sb;
      const r = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : NaN;
      out[(ny - 1 + dy) * w + (nx - 1 + dx)] = r;
      out[(ny - 1 - dy) * w + (nx - 1 - dx)] = r;
    }
  }
  return out;
}

/** Bilinear sample of an image at (x, y) (bins); NaN outside or next to a NaN. */
function bilinear(img: Float64Array, w: number, h: number, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) return NaN;
  const fx = x - x0, fy = y - y0, i = y0 * w + x0;
  return (1 - fy) * ((1 - fx) * img[i]! + fx * img[i + 1]!) + fy * ((1 - fx) * img[i + w]! + fx * img[i + w + 1]!);
}

/** Pearson correlation of the annulus inner ≤ r ≤ outer (bins) of an image with the image rotated by angle (rad) about (cx, cy). */
function rotatedCorrelation(img: Float64Array, w: number, h: number, cx: number, cy: number, inner: number, outer: number, angle: number): number {
  const c = Math.cos(angle), s = Math.sin(angle);
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let y = Math.max(0, Math.floor(cy - outer)); y <= Math.min(h - 1, Math.ceil(cy + outer)); y++) {
    for (let x = Math.max(0, Math.floor(cx - outer)); x <= Math.min(w - 1, Math.ceil(cx + outer)); x++) {
      const dx = x - cx, dy = y - cy, r = Math.hypot(dx, dy);
      if (r < inner || r > outer) continue;
      const a = img[y * w + x]!, b = bilinear(img, w, h, cx + c * dx - s * dy, cy + s * dx + c * dy);
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      n++; sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
    }
  }
  const va = n * saa - sa * sa, vb = n * sbb - sb * sb;
  return va > 0 && vb > 0 ? (n * sab - sa * sb) / Math.sqrt(va * vb) : NaN;
}

/**
 * Local maxima of the autocorrelogram with r > 0 (8-neighbourhood, ties
 * broken by raster order), excluding the centre, as offsets from the centre
 * in bins refined to sub-bin precision by a parabola through each peak and
 * its neighbours along x and along y; nearest first.
 */
function autocorrelogramPeaks(img: Float64Array, w: number, h: number, cx: number, cy: number): { dx: number; dy: number; r: number }[] {
  const peaks: { dx: number; dy: number; r: number }[] = [];
  const at = (x: number, y: number): number => (x < 0 || y < 0 || x >= w || y >= h ? NaN : img[y * w + x]!);
  const vertex = (l: number, c: number, r: number): number => {
    const d = l - 2 * c + r;
    return Number.isNaN(d) || d >= 0 ? 0 : (0.5 * (l - r)) / d;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = img[y * w + x]!;
      if (!(v > 0) || (x === cx && y === cy)) continue;
      let isMax = true;
      for (let j = -1; j <= 1 && isMax; j++) {
        for (let i = -1; i <= 1 && isMax; i++) {
          const u = at(x + i, y + j);
          if ((i !== 0 || j !== 0) && !Number.isNaN(u) && (j < 0 || (j === 0 && i < 0) ? u >= v : u > v)) isMax = false;
        }
      }
      if (!isMax) continue;
      const ox = vertex(at(x - 1, y), v, at(x + 1, y)), oy = vertex(at(x, y - 1), v, at(x, y + 1));
      peaks.push({ dx: x + ox - cx, dy: y + oy - cy, r: v });
    }
  }
  return peaks.sort((a, b) => Math.hypot(a.dx, a.dy) - Math.hypot(b.dx, b.dy));
}

export interface GridnessResult {
  /** min(r60°, r120°) − max(r30°, r90°, r150°); NaN without six autocorrelogram peaks */
  readonly gridness: number;
  /** mean distance (m) from the centre of the autocorrelogram to its six nearest peaks */
  readonly spacing: number;
  /** lattice orientation (rad, counter-clockwise from +x, in [0, π/3)): the six peaks' angles averaged modulo 60° */
  readonly orientation: number;
  /** the six peaks (m, relative to the centre) */
  readonly peaks: readonly { readonly x: number; readonly y: number }[];
}

const NO_GRID: GridnessResult = { gridness: NaN, spacing: NaN, orientation: NaN, peaks: [] };

/**
 * Gridness of a rate map with square bins (Sargolini et al. 2006, Science
 * 312:758; Langston et al. 2010): the autocorrelogram is correlated with its
 * rotations by 30°, 60°, 90°, 120° and 150° over an annulus around the
 * centre, from half the distance to the nearest peak to that radius plus the
 * distance to the sixth nearest (the annulus of CINPLA spatial-maps'
 * `gridness`, whose test suite gives an ideal grid of spacing 0.3 m a score of
 * 1.3), clipped to the autocorrelogram. Spacing and orientation come from the
 * six peaks nearest the centre.
 */
export function gridness(map: ArrayLike<number>, grid: BinGrid): GridnessResult {
  if (!squareBins(grid)) throw new RangeError('gridness: bins must be square');
  return autocorrelogramGridness(autocorrelogram(map, grid.nx, grid.ny), grid.nx, grid.ny, grid.width / grid.nx);
}

/** Whether a grid's bins are square (to 1e-9 of their side): gridness rotates the autocorrelogram. */
export function squareBins(grid: Pick<BinGrid, 'width' | 'height' | 'nx' | 'ny'>): boolean {
  const bin = grid.width / grid.nx;
  return Math.abs(grid.height / grid.ny - bin) <= 1e-9 * bin;
}

/** gridness from a map's autocorrelogram (autocorrelogram(map, nx, ny); bin: the square bins' side, m). */
export function autocorrelogramGridness(acorr: Float64Array, nx: number, ny: number, bin: number): GridnessResult {
  const w = 2 * nx - 1, h = 2 * ny - 1, cx = nx - 1, cy = ny - 1;
  const peaks = autocorrelogramPeaks(acorr, w, h, cx, cy).slice(0, 6);
  if (peaks.length < 6) return NO_GRID;
  const dist = peaks.map((p) => Math.hypot(p.dx, p.dy));
  const inner = 0.5 * dist[0]!;
  const outer = Math.min(inner + dist[5]!, Math.min(nx, ny) - 1);
  const r = [30, 60, 90, 120, 150].map((deg) => rotatedCorrelation(acorr, w, h, cx, cy, inner, outer, (deg * Math.PI) / 180));
  const score = Math.min(r[1]!, r[3]!) - Math.max(r[0]!, r[2]!, r[4]!);
  let sx = 0, sy = 0;
  for (const p of peaks) {
    const a = 6 * Math.atan2(p.dy, p.dx);
    sx += Math.cos(a); sy += Math.sin(a);
  }
  const sixty = Math.PI / 3;
  const orientation = (((Math.atan2(sy, sx) / 6) % sixty) + sixty) % sixty;
  return {
    gridness: score,
    spacing: (dist.reduce((a, b) => a + b, 0) / 6) * bin,
    orientation,
    peaks: peaks.map((p) => ({ x: p.dx * bin, y: p.dy * bin })),
  };
}

// ─────────────────────────────────────────────────────────────────────────────
// Population-vector decoding
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Population-vector decoder: the decoded position is the centre of the
 * visited bin whose expected population vector (the cells' rate-map values
 * there) has the highest Pearson correlation with the observed one (a
 * template-matching population-vector decoder, cf. Wilson & McNaughton 1993,
 * Science 261:1055). Templates are stored centred and
 * normalised, bin-major, so decoding is one dot product per bin.
 */
export interface Decoder {
  readonly grid: BinGrid;
  readonly nCells: number;
  /** bins with a usable template (visited, rates not all equal) */
  readonly bins: Uint32Array;
  /** bins.length × nCells, centred and unit-norm per bin */
  readonly templates: Float32Array;
}

export function makeDecoder(maps: Float32Array, grid: BinGrid, nCells: number): Decoder {
  const nb = binCount(grid);
  const bins: number[] = [];
  const rows: Float32Array[] = [];
  for (let b = 0; b < nb; b++) {
    const row = new Float32Array(nCells);
    let mean = 0;
    for (let c = 0; c < nCells; c++) { row[c] = maps[c * nb + b]!; mean += row[c]!; }
    if (Number.isNaN(mean)) continue;
    mean /= nCells;
    let norm = 0;
    for (let c = 0; c < nCells; c++) { row[c] = row[c]! - mean; norm += row[c]! * row[c]!; }
    if (!(norm > 0)) continue;
    const inv = 1 / Math.sqrt(norm);
    for (let c = 0; c < nCells; c++) row[c] = row[c]! * inv;
    bins.push(b);
    rows.push(row);
  }
  const templates = new Float32Array(bins.length * nCells);
  rows.forEach((row, k) => templates.set(row, k * nCells));
  return { grid, nCells, bins: Uint32Array.from(bins), templates };
}

/**
 * Decoded position (m) of one population vector (rates, any unit), or
 * {bin: −1, NaN, NaN} when it cannot be decoded (all rates equal, e.g. silent).
 * Centring the templates makes the dot product rank bins by Pearson correlation.
 */
export function decodePosition(dec: Decoder, rates: ArrayLike<number>): { bin: number; x: number; y: number } {
  const n = dec.nCells;
  let varies = false;
  for (let c = 1; c < n && !varies; c++) varies = rates[c]! !== rates[0]!;
  if (!varies) return { bin: -1, x: NaN, y: NaN };
  let best = -Infinity, bestBin = -1;
  for (let k = 0; k < dec.bins.length; k++) {
    let dot = 0;
    const base = k * n;
    for (let c = 0; c < n; c++) dot += dec.templates[base + c]! * rates[c]!;
    if (dot > best) { best = dot; bestBin = dec.bins[k]!; }
  }
  if (bestBin < 0) return { bin: -1, x: NaN, y: NaN };
  return { bin: bestBin, ...binCentre(dec.grid, bestBin) };
}

export interface DecodingError {
  /** mean and median Euclidean error (m) over the decodable samples */
  readonly mean: number;
  readonly median: number;
  /** fraction of samples that could be decoded */
  readonly decoded: number;
}

/**
 * Error of decoding samples: rates holds nSamples population vectors
 * (nCells each, sample-major), xs/ys the true positions (m).
 */
export function decodingError(dec: Decoder, rates: Float32Array, xs: ArrayLike<number>, ys: ArrayLike<number>): DecodingError {
  const errors: number[] = [];
  for (let s = 0; s < xs.length; s++) {
    const p = decodePosition(dec, rates.subarray(s * dec.nCells, (s + 1) * dec.nCells));
    if (p.bin >= 0) errors.push(Math.hypot(p.x - xs[s]!, p.y - ys[s]!));
  }
  if (errors.length === 0) return { mean: NaN, median: NaN, decoded: 0 };
  errors.sort((a, b) => a - b);
  const mid = errors.length >> 1;
  const median = errors.length % 2 ? errors[mid]! : 0.5 * (errors[mid - 1]! + errors[mid]!);
  return { mean: errors.reduce((a, b) => a + b, 0) / errors.length, median, decoded: errors.length / xs.length };
}

/** Chance level: the mean error (m) of guessing one of the decoder's bins uniformly at random, at the given true positions. */
export function chanceDecodingError(dec: Decoder, xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const centres = Array.from(dec.bins, (b) => binCentre(dec.grid, b));
  let sum = 0;
  for (let s = 0; s < xs.length; s++) {
    for (const p of centres) sum += Math.hypot(p.x - xs[s]!, p.y - ys[s]!);
  }
  return sum / (xs.length * centres.length);
}

// ─────────────────────────────────────────────────────────────────────────────
// Remapping
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Population-vector correlation of two sets of maps of the same cells (Leutgeb
 * et al. 2004, Science 305:1295; 2005, Science 309:619): per bin, the Pearson
 * correlation across cells of the two rate vectors, averaged over the bins
 * visited in both where both vectors vary. ≈ 1 for the same map, ≈ 0 for
 * independent maps (global remapping); NaN when no bin qualifies.
 */
export function populationVectorCorrelation(a: Float32Array, b: Float32Array, grid: BinGrid, nCells: number): number {
  const nb = binCount(grid);
  if (a.length !== nCells * nb || b.length !== nCells * nb) throw new RangeError(`maps: expected ${nCells} × ${nb} values each, got ${a.length} and ${b.length}`);
  let sum = 0, bins = 0;
  for (let bin = 0; bin < nb; bin++) {
    let ma = 0, mb = 0;
    for (let c = 0; c < nCells; c++) { ma += a[c * nb + bin]!; mb += b[c * nb + bin]!; }
    if (Number.isNaN(ma) || Number.isNaN(mb)) continue;
    ma /= nCells;
    mb /= nCells;
    let ab = 0, aa = 0, bb = 0;
    for (let c = 0; c < nCells; c++) {
      const da = a[c * nb + bin]! - ma, db = b[c * nb + bin]! - mb;
      ab += da * db;
      aa += da * da;
      bb += db * db;
    }
    if (!(aa > 0 && bb > 0)) continue;
    sum += ab / Math.sqrt(aa * bb);
    bins++;
  }
  return bins ? sum / bins : NaN;
}
