// Rate-map statistics, one thread per cell, every everySteps-th step, from the
// accumulated occupancy (s) and events: the occupancy-normalised map r_b =
// events_b / occ_b over visited bins (occ_b > 0), its peak and mean rate
// (Σ events / Σ occ, Hz), Skaggs information I = Σ p_b (r_b/λ̄) log₂(r_b/λ̄)
// (bits/spike; Skaggs et al. 1993), and the field mask: visited bins with
// r_b > threshold × peak. Field area = mask bins × bin area (m²); field count =
// the mask's Euler number under 4-connectivity, V − E + F (bins, 4-adjacent
// pairs, 2×2 blocks), i.e. connected regions minus holes: the host's
// placeFields count (src/model/spatial/maps.ts) when no region has a hole and
// no size criterion applies. A silent or unvisited map gives zeros.
// CPU reference: src/model/kernels/rate-map.ts (mapStats).
// Bindings (group 1): 0 params, 1 state, 2 samples.

struct MapStatsParams {
  n: u32, nx: u32, ny: u32, occBase: u32, mapBase: u32, samplesBase: u32, stride: u32, everySteps: u32,
  threshold: f32, binArea: f32,
}

@group(1) @binding(0) var<uniform> p: MapStatsParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> samples: array<f32>;

// cell i's events in bin b: the maps are bin-major, so a bin's row is read coalesced across threads
fn above(i: u32, b: u32, level: f32) -> u32 {
  let occ = state[p.occBase + b];
  return select(0u, 1u, occ > 0.0 && state[p.mapBase + b * p.n + i] / occ > level);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  let step = current_step();
  if (i >= p.n || step % p.everySteps != 0u) { return; }
  let bins = p.nx * p.ny;
  var time = 0.0;
  var events = 0.0;
  var peak = 0.0;
  for (var b = 0u; b < bins; b++) {
    let occ = state[p.occBase + b];
    if (occ > 0.0) {
      time += occ;
      let m = state[p.mapBase + b * p.n + i];
      events += m;
      peak = max(peak, m / occ);
    }
  }
  var mean = 0.0;
  var info = 0.0;
  var count = 0.0;
  var area = 0.0;
  if (time > 0.0 && events > 0.0) {
    mean = events / time;
    for (var b = 0u; b < bins; b++) {
      let occ = state[p.occBase + b];
      if (occ > 0.0) {
        let r = state[p.mapBase + b * p.n + i] / occ / mean;
        if (r > 0.0) { info += occ / time * r * log2(r); }
      }
    }
    let level = p.threshold * peak;
    var v = 0u;
    var e = 0u;
    var f = 0u;
    for (var iy = 0u; iy < p.ny; iy++) {
      for (var ix = 0u; ix < p.nx; ix++) {
        let b = iy * p.nx + ix;
        let a = above(i, b, level);
        if (a == 0u) { continue; }
        v += 1u;
        let right = ix + 1u < p.nx && above(i, b + 1u, level) == 1u;
        let up = iy + 1u < p.ny && above(i, b + p.nx, level) == 1u;
        if (right) { e += 1u; }
        if (up) { e += 1u; }
        if (right && up && above(i, b + p.nx + 1u, level) == 1u) { f += 1u; }
      }
    }
    count = f32(i32(v) - i32(e) + i32(f));
    area = f32(v) * p.binArea;
  }
  let slot = sample_slot(step, p.everySteps, chunk.baseStep);
  let out = p.samplesBase + slot * p.stride + i;
  samples[out] = peak;
  samples[out + p.n] = mean;
  samples[out + 2u * p.n] = info;
  samples[out + 3u * p.n] = count;
  samples[out + 4u * p.n] = area;
}
