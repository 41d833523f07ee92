// Population-vector decoding of the agent's position every everySteps-th step
// (one workgroup), second half: of the bins map-score.wgsl scored (the window's
// events per cell against each visited bin's template, i.e. bins ranked by
// Pearson correlation, Wilson & McNaughton 1993), the best (lowest on ties) is
// the estimate, its centre's distance to the window's mean position the error
// (m). As src/model/spatial/maps.ts decodePosition: nothing is decoded when
// every events count is equal. Then the selected cells' maps (Hz, −1
// unvisited), and the window is cleared for the next readout.
// CPU reference: src/model/kernels/rate-map.ts (mapDecode).
// Bindings (group 1): 0 params, 1 state, 2 conn, 3 samples.

struct MapDecodeParams {
  n: u32, nx: u32, ny: u32, occBase: u32, mapBase: u32, windowBase: u32, posBase: u32, scoreBase: u32,
  samplesBase: u32, stride: u32, everySteps: u32, selBase: u32, selCount: u32, width: f32, height: f32,
}

@group(1) @binding(0) var<uniform> p: MapDecodeParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> conn: array<u32>;
@group(1) @binding(3) var<storage, read_write> samples: array<f32>;

var<workgroup> bestScore: array<f32, 64>;
var<workgroup> bestBin: array<i32, 64>;
var<workgroup> varies: atomic<u32>;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) lid: u32) {
  let step = current_step();
  // uniform across the workgroup, so every thread reaches the barriers or none does
  if (step % p.everySteps != 0u) { return; }
  let bins = p.nx * p.ny;
  let n = p.n;
  let w0 = state[p.windowBase];
  for (var c = lid; c < n; c += 64u) {
    if (state[p.windowBase + c] != w0) { atomicStore(&varies, 1u); }
  }
  workgroupBarrier();
  var score = 0.0;
  var best = -1;
  if (atomicLoad(&varies) != 0u) {
    for (var b = lid; b < bins; b += 64u) {
      if (state[p.scoreBase + bins + b] == 0.0) { continue; }
      let s = state[p.scoreBase + b];
      if (best < 0 || s > score) { score = s; best = i32(b); }
    }
  }
  bestScore[lid] = score;
  bestBin[lid] = best;
  workgroupBarrier();
  for (var half = 32u; half > 0u; half = half / 2u) {
    if (lid < half) {
      let ob = bestBin[lid + half];
      let os = bestScore[lid + half];
      let mb = bestBin[lid];
      if (ob >= 0 && (mb < 0 || os > bestScore[lid] || (os == bestScore[lid] && ob < mb))) {
        bestScore[lid] = os;
        bestBin[lid] = ob;
      }
    }
    workgroupBarrier();
  }
  let slot = sample_slot(step, p.everySteps, chunk.baseStep);
  let out = p.samplesBase + slot * p.stride + 5u * n;
  if (lid == 0u) {
    let bin = bestBin[0];
    if (bin < 0) {
      samples[out] = -1.0;
      samples[out + 1u] = -1.0;
      samples[out + 2u] = -1.0;
      samples[out + 3u] = -1.0;
    } else {
      let ub = u32(bin);
      let x = (f32(ub % p.nx) + 0.5) * p.width / f32(p.nx);
      let y = (f32(ub / p.nx) + 0.5) * p.height / f32(p.ny);
      let steps = state[p.posBase + 2u];
      samples[out] = f32(ub);
      samples[out + 1u] = x;
      samples[out + 2u] = y;
      samples[out + 3u] = length(vec2<f32>(x - state[p.posBase] / steps, y - state[p.posBase + 1u] / steps));
    }
  }
  for (var k = lid; k < p.selCount * bins; k += 64u) {
    let b = k % bins;
    let occ = state[p.occBase + b];
    let cell = conn[p.selBase + k / bins];
    samples[out + 4u + k] = select(-1.0, state[p.mapBase + b * p.n + cell] / occ, occ > 0.0);
  }
  // every thread has read the window above (the barriers order it); now clear it
  workgroupBarrier();
  for (var c = lid; c < n; c += 64u) { state[p.windowBase + c] = 0.0; }
  if (lid == 0u) {
    state[p.posBase] = 0.0;
    state[p.posBase + 1u] = 0.0;
    state[p.posBase + 2u] = 0.0;
  }
}
