// Population-vector decoding, first half (map-decode.wgsl picks the best bin): every
// everySteps-th step, one workgroup per bin b scores it against the window's events per
// cell w: the cells' rates there t_c = events_cb / occ_b, centred and normalised,
// score_b = Σ_c (t_c − t̄) w_c / ‖t − t̄‖ (Wilson & McNaughton 1993). Lane l sums the cells
// c ≡ l (mod 64), then lane 0 adds the 64 partial sums in lane order, so the sums have
// the CPU reference's bits. Writes score_b at scoreBase + b and 1 at scoreBase + bins + b
// when the bin is visited and its rates vary, else 0 there.
// CPU reference: src/model/kernels/rate-map.ts (mapScore).
// Bindings (group 1): 0 params, 1 state.

@group(1) @binding(0) var<uniform> p: MapDecodeParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;

var<workgroup> sumPart: array<f32, 64>;
var<workgroup> normPart: array<f32, 64>;
var<workgroup> dotPart: array<f32, 64>;
var<workgroup> total: f32;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let bins = p.nx * p.ny;
  let b = wid.x + wid.y * nwg.x;
  // uniform across the workgroup, so every thread reaches the barriers or none does
  if (current_step() % p.everySteps != 0u || b >= bins) { return; }
  // an unvisited bin (occ 0) is computed alike and marked without a score
  let occ = state[p.occBase + b];
  var sum = 0.0;
  let row = p.mapBase + b * p.n; // the bin's row of the bin-major maps, read coalesced
  for (var c = lid; c < p.n; c += 64u) { sum += state[row + c] / occ; }
  sumPart[lid] = sum;
  workgroupBarrier();
  if (lid == 0u) {
    var s = 0.0;
    for (var l = 0u; l < 64u; l++) { s += sumPart[l]; }
    total = s;
  }
  workgroupBarrier();
  let mean = total / f32(p.n);
  var norm = 0.0;
  var dot = 0.0;
  for (var c = lid; c < p.n; c += 64u) {
    let t = state[row + c] / occ - mean;
    norm += t * t;
    dot += t * state[p.windowBase + c];
  }
  normPart[lid] = norm;
  dotPart[lid] = dot;
  workgroupBarrier();
  if (lid == 0u) {
    var nn = 0.0;
    var dd = 0.0;
    for (var l = 0u; l < 64u; l++) {
      nn += normPart[l];
      dd += dotPart[l];
    }
    let scored = occ > 0.0 && nn > 0.0;
    state[p.scoreBase + b] = select(0.0, dd / sqrt(nn), scored);
    state[p.scoreBase + bins + b] = select(0.0, 1.0, scored);
  }
}
