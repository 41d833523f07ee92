// Many steps of a small network in one dispatch of one workgroup (src/engine/fused-plan.ts
// says which networks qualify): WebGPU has no grid-wide barrier, so the whole
// network lives in one workgroup of WG invocations, each owning every WG-th
// neuron, and barriers separate the phases of a step. A step is the unfused
// dispatch list in its order, through the same functions:
//   1. all-to-all uniform AMPA/GABA input from the previous step's spike counts
//      (count × fixed-point weight, as deliver-dense.wgsl without a ring profile, summed
//      in registers rather than in acc: the same integers, so the same results),
//   2. Fourier-mode gathers (synapse/fourier-modes.wgsl, fourier-expand.wgsl): every (gather, mode) pair
//      reduced by a MODE_LANES segment as gatherModes does, then expanded,
//   3. LIF updates (lif-neuron.wgsl), 4. state probes (state-sample.wgsl).
// So the results equal the unfused path's. Steps [clock.stepInChunk,
// clock.stepInChunk + stepsPerDispatch) of the chunk, cut at its end.
// Pipeline: src/engine/gpu/fused-step.ts. CPU reference: the unfused plan (src/engine/cpu/cpu-backend.ts).
// Bindings (group 1): 0 params, 1 state, 2 acc, 3 spikes, 4 tables, 5 record, 6 counts, 7 samples, 8 conn, 9 slots.

struct FusedStepParams { stepsPerDispatch: u32, populations: u32, deliveries: u32, gathers: u32, modePairs: u32, probes: u32 }

// Each kernel's own parameters, one slot per dispatch it replaces (uniform arrays need 16-byte strides).
struct LifSlot { @size(192) q: LifUpdateParams }
struct DenseSlot { @size(32) q: DeliverDenseParams, @size(16) weight: i32 }
// sourceAt: the presynaptic vector's place in `source`, staged by this gather when `stage` (the
// first gather of that vector); modesAt: its modes' place in `terms`.
struct ModesSlot { @size(32) q: GatherModesParams, sourceAt: u32, stage: u32, @size(8) modesAt: u32 }
struct ExpandSlot { @size(32) q: GatherExpandParams, @size(16) modesAt: u32 }
struct ProbeSlot { @size(32) q: StateProbeParams }
struct FusedSlots {
  lif: array<LifSlot, MAX_FUSED_POPULATIONS>,
  dense: array<DenseSlot, MAX_FUSED_DELIVERIES>,
  modes: array<ModesSlot, MAX_FUSED_GATHERS>,
  expand: array<ExpandSlot, MAX_FUSED_GATHERS>,
  probes: array<ProbeSlot, MAX_FUSED_PROBES>,
}

@group(1) @binding(0) var<uniform> p: FusedStepParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> acc: array<atomic<i32>>;
@group(1) @binding(3) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(4) var<storage, read> tables: array<f32>;
@group(1) @binding(5) var<storage, read_write> record: array<atomic<u32>>;
@group(1) @binding(6) var<storage, read_write> counts: array<atomic<u32>>;
@group(1) @binding(7) var<storage, read_write> samples: array<f32>;
@group(1) @binding(8) var<storage, read> conn: array<u32>;
@group(1) @binding(9) var<uniform> slotsUniform: FusedSlots;
// the slots copied to workgroup memory once a dispatch: read where used, at every step, they cost the
// H100 ~1 µs a step more from the uniform buffer (dynamically indexed), docs/benchmarks.md

override WG: u32 = 256u;
// room for every distinct presynaptic vector (gathers sharing one stage it once) and every
// gather's modes (Σ modeCount): fusedWorkgroupMemory in src/engine/gpu/fused-step.ts
override SOURCE_CAP: u32 = 1u;
override TERM_CAP: u32 = 1u;
var<workgroup> partialA: array<f32, WG>;
var<workgroup> partialB: array<f32, WG>;
// A step's presynaptic vectors and every gather's (c_k, a_k, b_k), read many times a step from
// workgroup memory rather than from the state arena.
var<workgroup> source: array<f32, SOURCE_CAP>;
var<workgroup> terms: array<vec3<f32>, TERM_CAP>;
// every population's Poisson CDF tables (2 × POISSON_TABLE_SIZE each), fixed for the dispatch
var<workgroup> poissonCdfs: array<f32, 2u * POISSON_TABLE_SIZE * MAX_FUSED_POPULATIONS>;
var<workgroup> slots: FusedSlots;

fn mode_source(q: GatherModesParams, at: u32, j: u32) -> f32 { return source[at + j]; }
fn expand_term(q: GatherExpandParams, at: u32, k: u32) -> vec3<f32> { return terms[at + k]; }
fn poisson_cdf(q: LifUpdateParams, at: u32, k: u32) -> f32 { return poissonCdfs[at + k]; }

// Everything written before is visible to the whole workgroup after.
fn phase_barrier() {
  storageBarrier();
  workgroupBarrier();
}

// This step's uniform all-to-all input to population k's AMPA (x) and GABA (y) channels:
// Σ count × weight over the deliveries into it, the previous step's spike counts. The
// unfused path adds the same integers into acc and the neuron reads them back; here they
// stay in registers (every post cell of a uniform delivery gets the same sum).
fn uniform_input(k: u32, step: u32) -> vec2<i32> {
  let q = slots.lif[k].q;
  var sum = vec2<i32>(0, 0);
  for (var d = 0u; d < p.deliveries; d++) {
    let dq = slots.dense[d].q;
    if (dq.postAccBase != q.accBase && dq.postAccBase != q.accBase + q.n) { continue; }
    let input = i32(atomicLoad(&spikes[dq.preSpikeBase + ((step - 1u) & 1u)])) * slots.dense[d].weight;
    if (dq.postAccBase == q.accBase) { sum.x += input; } else { sum.y += input; }
  }
  return sum;
}

fn gather(t: u32) {
  for (var g = 0u; g < p.gathers; g++) {
    let m = slots.modes[g];
    if (m.stage != 0u) {
      for (var j = t; j < m.q.preN; j += WG) { source[m.sourceAt + j] = state[m.q.srcBase + j]; }
    }
  }
  workgroupBarrier();
  let segments = WG / MODE_LANES;
  let seg = t / MODE_LANES;
  let lane = t % MODE_LANES;
  for (var first = 0u; first < p.modePairs; first += segments) {
    // pair → (gather g, mode k), gathers in plan order
    var k = first + seg;
    var g = 0u;
    while (g < p.gathers && k >= slots.modes[g].q.modeCount) {
      k -= slots.modes[g].q.modeCount;
      g++;
    }
    var ab = vec2<f32>(0.0, 0.0);
    if (g < p.gathers) { ab = mode_partial(slots.modes[g].q, slots.modes[g].sourceAt, k, lane); }
    partialA[t] = ab.x;
    partialB[t] = ab.y;
    workgroupBarrier();
    if (lane == 0u && g < p.gathers) {
      let sum = sum_mode_partials(t);
      state[slots.modes[g].q.modesBase + 2u * k] = sum.x;
      state[slots.modes[g].q.modesBase + 2u * k + 1u] = sum.y;
      terms[slots.modes[g].modesAt + k].y = sum.x;
      terms[slots.modes[g].modesAt + k].z = sum.y;
    }
    workgroupBarrier();
  }
  for (var g = 0u; g < p.gathers; g++) {
    let q = slots.expand[g].q;
    for (var i = t; i < expand_count(q); i += WG) { expand_modes(q, slots.expand[g].modesAt, i); }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) t: u32) {
  if (t == 0u) { slots = slotsUniform; }
  workgroupBarrier();
  // the profiles' coefficients c_k and the Poisson tables, fixed for the dispatch
  for (var k = 0u; k < p.populations; k++) {
    let q = slots.lif[k].q;
    for (var e = t; e < 2u * POISSON_TABLE_SIZE; e += WG) { poissonCdfs[2u * POISSON_TABLE_SIZE * k + e] = tables[q.poissonBase + e]; }
  }
  for (var g = 0u; g < p.gathers; g++) {
    let q = slots.expand[g].q;
    for (var k = t; k < q.modeCount; k += WG) { terms[slots.expand[g].modesAt + k].x = tables[q.coefBase + k]; }
  }
  let first = chunk.baseStep + clock.stepInChunk;
  let last = chunk.baseStep + min(chunk.steps, clock.stepInChunk + p.stepsPerDispatch);
  for (var step = first; step < last; step++) {
    // read before the spike lists of step − 1 are cleared, past the barriers below
    var input: array<vec2<i32>, MAX_FUSED_POPULATIONS>;
    for (var k = 0u; k < p.populations; k++) { input[k] = uniform_input(k, step); }
    gather(t);
    phase_barrier();
    for (var k = 0u; k < p.populations; k++) {
      let q = slots.lif[k].q;
      if (t == 0u) { lif_clear_previous(q, step); }
      for (var i = t; i < q.n; i += WG) { lif_neuron_input(q, i, step, chunk.baseStep, input[k].x, input[k].y, 2u * POISSON_TABLE_SIZE * k); }
    }
    phase_barrier();
    for (var k = 0u; k < p.probes; k++) {
      let q = slots.probes[k].q;
      for (var i = t; i < q.count; i += WG) { sample_state(q, i, step, chunk.baseStep); }
    }
  }
}
