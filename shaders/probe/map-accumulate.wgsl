// Rate-map probe, every step: occupancy (s) of the agent's bin and each cell's
// events in that bin (1 per spike of this step's list for spiking populations,
// r·dt for rate populations), plus the decoding window's events per cell and
// the window's summed position. Each cell appears once per step, so plain
// adds suffice (no atomics): the sums are bit-identical to the CPU reference.
// A phase kernel (src/engine/gpu/phase.ts). Arenas: state, tables, spikes (common/arenas.wgsl).
// CPU reference: src/model/kernels/rate-map.ts (mapAccumulate).

struct MapAccumulateParams {
  n: u32, spiking: u32, spikeBase: u32, rBase: u32, pathBase: u32, nx: u32, ny: u32,
  occBase: u32, mapBase: u32, windowBase: u32, posBase: u32, width: f32, height: f32, dt: f32,
}


// Bin of (x, y) as src/model/spatial/maps.ts binIndex (far edges in the last bins), −1 outside.
fn bin_of(p: MapAccumulateParams, x: f32, y: f32) -> i32 {
  let fx = x / p.width;
  let fy = y / p.height;
  if (!(fx >= 0.0 && fx <= 1.0 && fy >= 0.0 && fy <= 1.0)) { return -1; }
  let ix = min(p.nx - 1u, u32(floor(fx * f32(p.nx))));
  let iy = min(p.ny - 1u, u32(floor(fy * f32(p.ny))));
  return i32(iy * p.nx + ix);
}

fn map_accumulate(p: MapAccumulateParams, wg: u32, wgs: u32, lid: u32) {
  let s = wg * 64u + lid;
  let step = current_step();
  let k = step - chunk.baseStep;
  let x = tables[p.pathBase + 2u * k];
  let y = tables[p.pathBase + 2u * k + 1u];
  let b = bin_of(p, x, y);
  if (s == 0u) {
    if (b >= 0) { state[p.occBase + u32(b)] += p.dt; }
    state[p.posBase] += x;
    state[p.posBase + 1u] += y;
    state[p.posBase + 2u] += 1.0;
  }
  var i: u32;
  var events: f32;
  if (p.spiking != 0u) {
    let parity = step & 1u;
    if (s >= atomicLoad(&spikes[p.spikeBase + parity])) { return; }
    i = atomicLoad(&spikes[p.spikeBase + SPIKE_HEADER + parity * p.n + s]);
    events = 1.0;
  } else {
    if (s >= p.n) { return; }
    i = s;
    events = state[p.rBase + i] * p.dt;
  }
  state[p.windowBase + i] += events;
  // bin-major maps: a rate population's threads write one contiguous row
  if (b >= 0) { state[p.mapBase + u32(b) * p.n + i] += events; }
}
