// Spatial measures: rate maps, spatial information, place fields, gridness, population-vector decoding.
import { describe, expect, it } from 'vitest';
import { poissonCdf, poissonFromCdf, rngUniform } from '../../../src/model/rng';
import {
  RateMapAccumulator, autocorrelogram, binCentre, binCount, binIndex, chanceDecodingError, decodePosition, decodingError, fieldSummary,
  gridness, makeBinGrid, makeDecoder, placeFields, populationVectorCorrelation, spatialInformation,
} from '../../../src/model/spatial/maps';
import { idealGridMap } from './helpers';

const DEG = Math.PI / 180;

/** A map (Hz) of Gaussian fields {x, y, σ, peak} sampled at the bin centres. */
function fieldMap(grid: ReturnType<typeof makeBinGrid>, fields: { x: number; y: number; s: number; peak: number }[]): Float32Array {
  return Float32Array.from({ length: binCount(grid) }, (_, b) => {
    const p = binCentre(grid, b);
    return fields.reduce((v, f) => v + f.peak * Math.exp(-((p.x - f.x) ** 2 + (p.y - f.y) ** 2) / (2 * f.s * f.s)), 0);
  });
}

describe('bins and occupancy-normalised rate maps', () => {
  const grid = makeBinGrid(1, 0.5, 0.1);

  it('indexes positions into bins, far edges included', () => {
    expect([grid.nx, grid.ny]).toEqual([10, 5]);
    expect(binIndex(grid, 0, 0)).toBe(0);
    expect(binIndex(grid, 0.25, 0.15)).toBe(12);
    expect(binIndex(grid, 1, 0.5)).toBe(49);
    expect(binIndex(grid, 1.01, 0.2)).toBe(-1);
    expect(binCentre(grid, 12).x).toBeCloseTo(0.25, 12);
    expect(() => makeBinGrid(1, 1, 0.3)).toThrow(/not a whole number/);
  });

  it('divides events by time in each bin and leaves unvisited bins NaN', () => {
    const acc = new RateMapAccumulator(grid, 2);
    acc.add(0.05, 0.05, 0.5, [1, 0]);
    acc.add(0.05, 0.05, 1.5, [3, 2]);
    acc.add(0.95, 0.45, 0.1, [0, 5]);
    acc.add(2, 2, 1, [100, 100]); // outside: ignored
    const maps = acc.rateMaps();
    expect(maps[0]).toBe(2); // 4 events in 2 s
    expect(maps[49]).toBe(0);
    expect(maps[50 + 0]).toBe(1);
    expect(maps[50 + 49]).toBeCloseTo(50, 4);
    expect(Number.isNaN(maps[1]!)).toBe(true);
    expect(Number.isNaN(acc.rateMaps(0.2)[49]!)).toBe(true); // visited for less than the minimum
  });
});

describe('spatial information (Skaggs et al. 1993)', () => {
  const grid = makeBinGrid(1, 1, 0.01);
  const uniformOccupancy = new Float64Array(binCount(grid)).fill(1);

  it('is 0 bits/spike for a uniform map and for a silent one', () => {
    expect(spatialInformation(new Float32Array(binCount(grid)).fill(3), uniformOccupancy)).toBeCloseTo(0, 12);
    expect(spatialInformation(new Float32Array(binCount(grid)), uniformOccupancy)).toBe(0);
  });

  it('matches hand-computed values: occupancy-weighted bins, a uniform patch, a Gaussian field', () => {
    // p = (¾, ¼), λ = (0, 4) Hz: λ̄ = 1, I = ¼ · 4 · log₂ 4 = 2 bits/spike.
    expect(spatialInformation([0, 4], [3, 1])).toBeCloseTo(2, 12);
    // NaN bins do not count.
    expect(spatialInformation([0, 4, NaN], [3, 1, 5])).toBeCloseTo(2, 12);
    // Firing only in a 0.2 × 0.3 m patch of the 1 m² box: I = log₂(1/0.06).
    const patch = Float32Array.from({ length: binCount(grid) }, (_, b) => { const p = binCentre(grid, b); return p.x < 0.2 && p.y < 0.3 ? 7 : 0; });
    expect(spatialInformation(patch, uniformOccupancy)).toBeCloseTo(Math.log2(1 / 0.06), 10);
    // A Gaussian field of s.d. σ in area A: I = log₂(A / (2π e σ²)) = 4.5496 bits/spike for σ = 5 cm in 1 m².
    const gauss = fieldMap(grid, [{ x: 0.5, y: 0.5, s: 0.05, peak: 20 }]);
    expect(spatialInformation(gauss, uniformOccupancy)).toBeCloseTo(Math.log2(1 / (2 * Math.PI * Math.E * 0.05 ** 2)), 4);
  });
});

describe('place fields', () => {
  const grid = makeBinGrid(1, 1, 0.02);

  it('finds connected regions above 20% of the peak, with their size and centre', () => {
    const map = fieldMap(grid, [{ x: 0.25, y: 0.25, s: 0.06, peak: 10 }, { x: 0.75, y: 0.7, s: 0.06, peak: 6 }]);
    const fields = placeFields(map, grid);
    expect(fields).toHaveLength(2);
    expect(fields[0]!.centroidX).toBeCloseTo(0.25, 2);
    expect(fields[1]!.centroidY).toBeCloseTo(0.7, 2);
    expect(fields[0]!.peakRate).toBeGreaterThan(fields[1]!.peakRate);
    // Above 2 Hz: a disc of radius σ √(2 ln(peak/2 Hz)).
    expect(fields[0]!.area / (Math.PI * 0.06 ** 2 * 2 * Math.log(5))).toBeCloseTo(1, 1);
    expect(fields[1]!.area / (Math.PI * 0.06 ** 2 * 2 * Math.log(3))).toBeCloseTo(1, 1);
  });

  it('ignores specks below the minimum area, maps active everywhere, and unvisited bins', () => {
    const speck = new Float32Array(binCount(grid)).fill(0.1);
    speck[1234] = 10;
    expect(placeFields(speck, grid)).toHaveLength(0);
    expect(placeFields(new Float32Array(binCount(grid)).fill(4), grid)).toHaveLength(0);
    const halfSeen = fieldMap(grid, [{ x: 0.25, y: 0.25, s: 0.06, peak: 10 }]);
    for (let b = 0; b < binCount(grid); b++) if (binCentre(grid, b).x > 0.5) halfSeen[b] = NaN;
    expect(placeFields(halfSeen, grid)).toHaveLength(1);
    expect(placeFields(halfSeen, grid, { threshold: 0.2, minArea: 0.005, maxAreaFraction: 0.5, minPeakRate: 20 })).toHaveLength(0);
  });

  it('summarises a population: fields per cell, fraction with one field, mean size', () => {
    const nb = binCount(grid);
    const maps = new Float32Array(3 * nb);
    maps.set(fieldMap(grid, [{ x: 0.5, y: 0.5, s: 0.06, peak: 10 }]), 0);
    maps.set(fieldMap(grid, [{ x: 0.2, y: 0.2, s: 0.06, peak: 10 }, { x: 0.8, y: 0.8, s: 0.06, peak: 10 }]), nb);
    maps.fill(1, 2 * nb);
    const s = fieldSummary(maps, grid, 3);
    expect(Array.from(s.counts)).toEqual([1, 2, 0]);
    expect(s.fractionWithField).toBeCloseTo(2 / 3, 12);
    expect(s.singleFieldFraction).toBeCloseTo(1 / 3, 12);
    expect(s.meanFieldArea / (Math.PI * 0.06 ** 2 * 2 * Math.log(5))).toBeCloseTo(1, 1);
  });
});

describe('gridness (Sargolini et al. 2006; annulus of CINPLA spatial-maps)', () => {
  const grid = makeBinGrid(1, 1, 0.01);

  it('scores the reference ideal grid (spacing 0.3 m, σ 0.05 m, 1 m box, 1 cm bins) ≈ 1.3, spacing 0.3, orientation 30°', () => {
    const g = gridness(idealGridMap(0.3, 0.05), grid);
    // spatial-maps' own test: round(gridness, 1) == 1.3.
    expect(Math.round(g.gridness * 10) / 10).toBe(1.3);
    expect(g.spacing).toBeCloseTo(0.3, 3);
    // Ours: lattice vectors at 0°, 60°, … from +x. spatial-maps measures angles with arctan2(x, y),
    // clockwise from +y, and reports the smallest: (90° − ours) mod 60° = 30°.
    expect(g.orientation / DEG).toBeCloseTo(0, 2);
    expect((((90 - g.orientation / DEG) % 60) + 60) % 60).toBeCloseTo(30, 2);
    expect(g.peaks).toHaveLength(6);
  });

  it('recovers a rotated ideal grid’s orientation (spatial-maps: 0.3 rad)', () => {
    const g = gridness(idealGridMap(0.3, 0.05, 0.3), grid);
    expect(g.orientation).toBeCloseTo(0.3, 2);
    expect(g.spacing).toBeCloseTo(0.3, 2);
    expect(g.gridness).toBeGreaterThan(1.2);
  });

  it('gives a place field no grid, and a correlogram with r = 1 at the centre, symmetric, NaN without overlap', () => {
    const coarse = makeBinGrid(1, 1, 0.025);
    expect(Number.isNaN(gridness(fieldMap(coarse, [{ x: 0.4, y: 0.6, s: 0.08, peak: 10 }]), coarse).gridness)).toBe(true);
    const map = fieldMap(coarse, [{ x: 0.3, y: 0.6, s: 0.1, peak: 5 }, { x: 0.7, y: 0.2, s: 0.05, peak: 9 }]);
    map[17] = NaN;
    const a = autocorrelogram(map, 40, 40);
    const w = 79;
    expect(a[39 * w + 39]).toBeCloseTo(1, 12);
    expect(a[(39 + 5) * w + 39 - 12]).toBeCloseTo(a[(39 - 5) * w + 39 + 12]!, 12);
    expect(Number.isNaN(a[0]!)).toBe(true); // a single overlapping bin
  });
});

describe('population-vector decoding', () => {
  const grid = makeBinGrid(1, 1, 0.025);
  const nCells = 100;
  const u = (i: number, stream: number): number => rngUniform(17, 0, i, stream);

  /** Rate maps (Hz) of cells with Gaussian place fields (σ = 8 cm, 15 Hz) at random centres. */
  const placeMaps = new Float32Array(nCells * binCount(grid));
  for (let c = 0; c < nCells; c++) placeMaps.set(fieldMap(grid, [{ x: u(c, 0), y: u(c, 1), s: 0.08, peak: 15 }]), c * binCount(grid));

  /** Spike counts in 0.5 s windows at random positions, drawn from the given maps (cell-major). */
  function samples(maps: Float32Array, n: number): { counts: Float32Array; xs: Float64Array; ys: Float64Array } {
    const xs = Float64Array.from({ length: n }, (_, s) => u(s, 2)), ys = Float64Array.from({ length: n }, (_, s) => u(s, 3));
    const counts = new Float32Array(n * nCells);
    for (let s = 0; s < n; s++) {
      const b = binIndex(grid, xs[s]!, ys[s]!);
      for (let c = 0; c < nCells; c++) {
        counts[s * nCells + c] = poissonFromCdf(poissonCdf(0.5 * maps[c * binCount(grid) + b]!), rngUniform(18, s, c, 0));
      }
    }
    return { counts, xs, ys };
  }

  it('decodes position to within a few cm from noisy spike counts of sharp place cells', () => {
    const dec = makeDecoder(placeMaps, grid, nCells);
    const { counts, xs, ys } = samples(placeMaps, 300);
    const err = decodingError(dec, counts, xs, ys);
    expect(err.decoded).toBeGreaterThan(0.95);
    expect(err.median).toBeLessThan(0.05);
    expect(err.mean).toBeLessThan(0.06);
    expect(chanceDecodingError(dec, xs, ys)).toBeGreaterThan(0.45);
  });

  it('is near chance when the rates carry no information about the maps', () => {
    const randomMaps = Float32Array.from({ length: nCells * binCount(grid) }, (_, i) => 10 * u(i, 4));
    const unrelated = Float32Array.from({ length: nCells * binCount(grid) }, (_, i) => 10 * u(i, 5));
    const dec = makeDecoder(randomMaps, grid, nCells);
    const { counts, xs, ys } = samples(unrelated, 300);
    const err = decodingError(dec, counts, xs, ys);
    const chance = chanceDecodingError(dec, xs, ys);
    expect(err.mean / chance).toBeGreaterThan(0.85);
    expect(err.mean / chance).toBeLessThan(1.15);
  });

  it('declines to decode a silent population and leaves unvisited bins out', () => {
    const maps = placeMaps.slice();
    for (let c = 0; c < nCells; c++) maps[c * binCount(grid) + 5] = NaN;
    const dec = makeDecoder(maps, grid, nCells);
    expect(dec.bins).toHaveLength(binCount(grid) - 1);
    expect(decodePosition(dec, new Float32Array(nCells)).bin).toBe(-1);
    const onlyNear = new Float32Array(nCells);
    const p = binCentre(grid, 5);
    for (let c = 0; c < nCells; c++) onlyNear[c] = 15 * Math.exp(-((p.x - u(c, 0)) ** 2 + (p.y - u(c, 1)) ** 2) / (2 * 0.08 ** 2));
    // The expected vector of the left-out bin decodes to a neighbouring bin.
    const d = decodePosition(dec, onlyNear);
    expect(d.bin).not.toBe(5);
    expect(Math.hypot(d.x - p.x, d.y - p.y)).toBeLessThan(0.025 * Math.SQRT2 + 1e-9);
  });
});

describe('population-vector correlation (Leutgeb et al. 2004)', () => {
  const grid = makeBinGrid(1, 1, 0.1);
  const nb = binCount(grid);
  const nCells = 50;
  const u = (i: number, stream: number): number => rngUniform(23, 0, i, stream);
  const maps = (stream: number) => {
    const m = new Float32Array(nCells * nb);
    for (let c = 0; c < nCells; c++) m.set(fieldMap(grid, [{ x: u(c, stream), y: u(c, stream + 1), s: 0.1, peak: 10 }]), c * nb);
    return m;
  };
  const a = maps(0), b = maps(2);

  it('is 1 for the same maps (and for rescaled ones), near 0 for independent ones', () => {
    expect(populationVectorCorrelation(a, a, grid, nCells)).toBeCloseTo(1, 6);
    expect(populationVectorCorrelation(a, a.map((r) => 2 * r + 1), grid, nCells)).toBeCloseTo(1, 6);
    expect(Math.abs(populationVectorCorrelation(a, b, grid, nCells))).toBeLessThan(0.1);
  });

  it('matches the hand-computed mean over bins, skipping unvisited bins and bins where a vector is flat', () => {
    const g = makeBinGrid(0.3, 0.1, 0.1); // 3 bins, 3 cells
    const x = Float32Array.of(1, 0, NaN, 2, 5, 4, 3, 1, 4);
    const y = Float32Array.of(1, 7, 0, 2, 7, 1, 3, 7, 2);
    // bin 0: (1, 2, 3) vs (1, 2, 3): r = 1; bin 1: y flat (7, 7, 7): skipped; bin 2: x unvisited: skipped
    expect(populationVectorCorrelation(x, y, g, 3)).toBeCloseTo(1, 12);
    y[6] = 0; // bin 0: (1, 2, 0), r((1,2,3),(1,2,0)) = −0.5
    expect(populationVectorCorrelation(x, y, g, 3)).toBeCloseTo(-0.5, 12);
    expect(populationVectorCorrelation(Float32Array.of(NaN, NaN, NaN), Float32Array.of(1, 2, 3), makeBinGrid(0.3, 0.1, 0.1), 1)).toBeNaN();
    expect(() => populationVectorCorrelation(x, y.subarray(1), g, 3)).toThrow(/maps/);
  });
});
