// Gridness of a rateMap probe's selected cells every everySteps-th step, after
// map-decode.wgsl has written their maps (Hz, −1 unvisited) into this readout.
// Two passes over workgroups (cell k, row dy) of 64 invocations:
//   autocorrelogram: the spatial autocorrelogram, for every lag (dx, dy) with dy ≥ 0 the Pearson
//     correlation of the map with itself shifted by the lag over the bin pairs both visited
//     (Hafting et al. 2005), NONE below MIN_OVERLAP pairs; r(−d) = r(d) fills the other half.
//     (2nx − 1) × (2ny − 1) values per cell at acorrBase, zero lag at (nx − 1, ny − 1).
//   score (row 0 only): the six local maxima nearest the centre (8-neighbourhood, ties to the
//     earlier in raster order; offsets refined by a parabola along x and along y), the annulus
//     from half the nearest one's distance to that plus the sixth's, and the Pearson
//     correlations of the annulus with the autocorrelogram rotated by 30°, 60°, 90°, 120° and
//     150° (bilinear): gridness = min(r60, r120) − max(r30, r90, r150) (Sargolini et al. 2006;
//     Langston et al. 2010); GRIDNESS_NONE without six peaks, or when `enabled` is 0 (bins
//     not square, a single row, or more than MAX_GRIDNESS_SIDE bins a side: gridnessScored in
//     src/engine/plan.ts; then no autocorrelograms are kept).
// The six peaks are picked in six rounds of a workgroup arg-min over (distance, index), so
// the choice does not depend on the order invocations find them.
// CPU reference: src/model/kernels/rate-map.ts (mapGridness) through
// src/model/spatial/maps.ts (autocorrelogram, autocorrelogramGridness).
// Bindings (group 1): 0 params, 1 state, 2 samples.

struct MapGridnessParams {
  nx: u32, ny: u32, cells: u32, samplesBase: u32, stride: u32, everySteps: u32,
  mapsAt: u32, gridnessAt: u32, acorrBase: u32, enabled: u32,
}

@group(1) @binding(0) var<uniform> p: MapGridnessParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> samples: array<f32>;

const MIN_OVERLAP = 20u;
// an autocorrelogram entry without a value (correlations lie in [−1, 1])
const NONE = -2.0;
// GRIDNESS_NONE, a cell without a score, is prepended from src/model/kernel-params.ts

var<workgroup> laneDistance: array<f32, 64>;
var<workgroup> laneIndex: array<u32, 64>;
var<workgroup> peakDistance: array<f32, 6>;
var<workgroup> pickIndex: u32;
var<workgroup> sums: array<f32, 64 * 30>;

// The readout slot's first value this step.
fn readout_base() -> u32 {
  return p.samplesBase + sample_slot(current_step(), p.everySteps, chunk.baseStep) * p.stride;
}

// Workgroup (k, dy) of the dispatch; k ≥ cells for the padding of a 2-D grid.
fn workgroup_cell_row(wid: vec3<u32>, nwg: vec3<u32>) -> vec2<u32> {
  let g = wid.x + wid.y * nwg.x;
  return vec2<u32>(g / p.ny, g % p.ny);
}

@compute @workgroup_size(64)
fn autocorrelogram(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let kr = workgroup_cell_row(wid, nwg);
  if (current_step() % p.everySteps != 0u || p.enabled == 0u || kr.x >= p.cells) { return; }
  let nx = i32(p.nx);
  let ny = i32(p.ny);
  let w = 2 * nx - 1;
  let map = readout_base() + p.mapsAt + kr.x * p.nx * p.ny;
  let out = p.acorrBase + kr.x * u32(w * (2 * ny - 1));
  let dy = i32(kr.y);
  for (var dx = i32(lid) - (nx - 1); dx < nx; dx += 64) {
    var n = 0u;
    var sa = 0.0;
    var sb = 0.0;
    var saa = 0.0;
    var sbb = 0.0;
    var sab = 0.0;
    for (var y = 0; y + dy < ny; y++) {
      for (var x = max(0, -dx); x < min(nx, nx - dx); x++) {
        let a = samples[map + u32(y * nx + x)];
        let b = samples[map + u32((y + dy) * nx + x + dx)];
        if (a < 0.0 || b < 0.0) { continue; }
        n++;
        sa += a;
        sb += b;
        saa += a * a;
        sbb += b * b;
        sab += a * b;
      }
    }
    var r = NONE;
    let m = f32(n);
    let va = m * saa - sa * sa;
    let vb = m * sbb - sb * sb;
    if (n >= MIN_OVERLAP && va > 0.0 && vb > 0.0) { r = (m * sab - sa * sb) / sqrt(va * vb); }
    state[out + u32((ny - 1 + dy) * w + nx - 1 + dx)] = r;
    state[out + u32((ny - 1 - dy) * w + nx - 1 - dx)] = r;
  }
}

// Autocorrelogram entry (x, y) of the cell at `at`, NONE outside.
fn entry(at: u32, x: i32, y: i32) -> f32 {
  let w = 2 * i32(p.nx) - 1;
  let h = 2 * i32(p.ny) - 1;
  if (x < 0 || y < 0 || x >= w || y >= h) { return NONE; }
  return state[at + u32(y * w + x)];
}

// The parabola's vertex through (−1, l), (0, c), (1, r): 0 when it does not open downwards or a value is missing.
fn vertex(l: f32, c: f32, r: f32) -> f32 {
  let d = l - 2.0 * c + r;
  if (l == NONE || r == NONE || d >= 0.0) { return 0.0; }
  return 0.5 * (l - r) / d;
}

// Distance (bins) from the centre of entry e's peak, refined, or −1 when e is not a local maximum.
fn peak_distance(at: u32, e: u32) -> f32 {
  let w = 2 * i32(p.nx) - 1;
  let x = i32(e) % w;
  let y = i32(e) / w;
  let cx = i32(p.nx) - 1;
  let cy = i32(p.ny) - 1;
  let v = entry(at, x, y);
  if (!(v > 0.0) || (x == cx && y == cy)) { return -1.0; }
  for (var j = -1; j <= 1; j++) {
    for (var i = -1; i <= 1; i++) {
      if (i == 0 && j == 0) { continue; }
      let u = entry(at, x + i, y + j);
      if (u == NONE) { continue; }
      // an earlier neighbour in raster order wins a tie
      if (select(u > v, u >= v, j < 0 || (j == 0 && i < 0))) { return -1.0; }
    }
  }
  let ox = vertex(entry(at, x - 1, y), v, entry(at, x + 1, y));
  let oy = vertex(entry(at, x, y - 1), v, entry(at, x, y + 1));
  return length(vec2<f32>(f32(x - cx) + ox, f32(y - cy) + oy));
}

// Bilinear sample at (x, y) (bins), NONE outside or next to a missing entry.
fn bilinear(at: u32, x: f32, y: f32) -> f32 {
  let x0 = i32(floor(x));
  let y0 = i32(floor(y));
  let v00 = entry(at, x0, y0);
  let v10 = entry(at, x0 + 1, y0);
  let v01 = entry(at, x0, y0 + 1);
  let v11 = entry(at, x0 + 1, y0 + 1);
  if (v00 == NONE || v10 == NONE || v01 == NONE || v11 == NONE) { return NONE; }
  let fx = x - f32(x0);
  let fy = y - f32(y0);
  return (1.0 - fy) * ((1.0 - fx) * v00 + fx * v10) + fy * ((1.0 - fx) * v01 + fx * v11);
}

@compute @workgroup_size(64)
fn score(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let kr = workgroup_cell_row(wid, nwg);
  if (current_step() % p.everySteps != 0u || kr.x >= p.cells || kr.y != 0u) { return; }
  let result = readout_base() + p.gridnessAt + kr.x;
  if (p.enabled == 0u) {
    if (lid == 0u) { samples[result] = GRIDNESS_NONE; }
    return;
  }
  let w = 2u * p.nx - 1u;
  let h = 2u * p.ny - 1u;
  let at = p.acorrBase + kr.x * w * h;
  // the six nearest peaks' distances: round q picks the least (distance, index) above round q − 1's
  var lastDistance = -1.0;
  var lastIndex = 0u;
  var found = 0u;
  for (var q = 0u; q < 6u; q++) {
    var bestDistance = -1.0;
    var bestIndex = 0u;
    for (var e = lid; e < w * h; e += 64u) {
      let d = peak_distance(at, e);
      if (d < 0.0 || d < lastDistance || (d == lastDistance && e <= lastIndex)) { continue; }
      if (bestDistance < 0.0 || d < bestDistance) {
        bestDistance = d;
        bestIndex = e;
      }
    }
    laneDistance[lid] = bestDistance;
    laneIndex[lid] = bestIndex;
    workgroupBarrier();
    if (lid == 0u) {
      var d = -1.0;
      var e = 0u;
      for (var l = 0u; l < 64u; l++) {
        let dl = laneDistance[l];
        if (dl >= 0.0 && (d < 0.0 || dl < d || (dl == d && laneIndex[l] < e))) {
          d = dl;
          e = laneIndex[l];
        }
      }
      peakDistance[q] = d;
      pickIndex = e;
    }
    // uniform loads (each with a barrier): every invocation takes the same branches below
    lastDistance = workgroupUniformLoad(&peakDistance[q]);
    lastIndex = workgroupUniformLoad(&pickIndex);
    if (lastDistance < 0.0) { break; }
    found++;
  }
  if (found < 6u) {
    if (lid == 0u) { samples[result] = GRIDNESS_NONE; }
    return;
  }
  let inner = 0.5 * peakDistance[0];
  let outer = min(inner + peakDistance[5], f32(min(p.nx, p.ny) - 1u));
  let cx = f32(p.nx - 1u);
  let cy = f32(p.ny - 1u);
  let x0 = max(0, i32(floor(cx - outer)));
  let x1 = min(i32(w) - 1, i32(ceil(cx + outer)));
  let y0 = max(0, i32(floor(cy - outer)));
  let y1 = min(i32(h) - 1, i32(ceil(cy + outer)));
  let boxW = u32(x1 - x0 + 1);
  // per angle 30°·(j + 1): n, Σa, Σb, Σa², Σb², Σab
  var s = array<f32, 30>();
  for (var e = lid; e < boxW * u32(y1 - y0 + 1); e += 64u) {
    let x = x0 + i32(e % boxW);
    let y = y0 + i32(e / boxW);
    let dx = f32(x) - cx;
    let dy = f32(y) - cy;
    let r = length(vec2<f32>(dx, dy));
    let a = entry(at, x, y);
    if (r < inner || r > outer || a == NONE) { continue; }
    for (var j = 0u; j < 5u; j++) {
      let angle = radians(30.0 * f32(j + 1u));
      let c = cos(angle);
      let sn = sin(angle);
      let b = bilinear(at, cx + c * dx - sn * dy, cy + sn * dx + c * dy);
      if (b == NONE) { continue; }
      s[6u * j] += 1.0;
      s[6u * j + 1u] += a;
      s[6u * j + 2u] += b;
      s[6u * j + 3u] += a * a;
      s[6u * j + 4u] += b * b;
      s[6u * j + 5u] += a * b;
    }
  }
  for (var v = 0u; v < 30u; v++) { sums[lid * 30u + v] = s[v]; }
  workgroupBarrier();
  if (lid == 0u) {
    var corr = array<f32, 5>();
    var valid = true;
    for (var j = 0u; j < 5u; j++) {
      // zeroed explicitly: declared without an initializer, Dawn on SwiftShader kept t from the previous j
      var t = array<f32, 6>();
      for (var l = 0u; l < 64u; l++) {
        for (var v = 0u; v < 6u; v++) { t[v] += sums[l * 30u + 6u * j + v]; }
      }
      let va = t[0] * t[3] - t[1] * t[1];
      let vb = t[0] * t[4] - t[2] * t[2];
      valid = valid && va > 0.0 && vb > 0.0;
      corr[j] = select(0.0, (t[0] * t[5] - t[1] * t[2]) / sqrt(va * vb), va > 0.0 && vb > 0.0);
    }
    samples[result] = select(GRIDNESS_NONE, min(corr[1], corr[3]) - max(corr[0], max(corr[2], corr[4])), valid);
  }
}
