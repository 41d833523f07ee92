// Histogram of a plastic projection's per-synapse variable (efficacy w or late
// weight z) every everySteps-th step: a fixed grid of workgroups strides over
// the synapses, each thread adding 1 to a synapse's bin of [lo, hi) (values
// outside go to the first or last bin) in its workgroup's histogram, which is
// then added into the sample's slot in counts: integer atomics, so the counts
// do not depend on thread order, and ≤ bins global atomics per workgroup
// instead of one per synapse (10^7 of them into 40 addresses in the place map).
// CPU reference: src/model/kernels/rate-map.ts (weightHistogram).
// Bindings (group 1): 0 params, 1 syn, 2 counts.

struct WeightHistogramParams { synCount: u32, srcBase: u32, countsBase: u32, bins: u32, everySteps: u32, lo: f32, binsPerUnit: f32 }

@group(1) @binding(0) var<uniform> p: WeightHistogramParams;
@group(1) @binding(1) var<storage, read_write> syn: array<f32>;
@group(1) @binding(2) var<storage, read_write> counts: array<atomic<u32>>;

// the workgroup's histogram (bins ≤ 256, src/scenario/schema.ts)
var<workgroup> local: array<atomic<u32>, 256>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let step = current_step();
  // uniform across the workgroup, so every thread reaches the barrier or none does
  if (step % p.everySteps != 0u) { return; }
  let threads = nwg.x * nwg.y * 64u;
  for (var s = linear_index(gid, nwg); s < p.synCount; s += threads) {
    atomicAdd(&local[u32(clamp(floor((syn[p.srcBase + s] - p.lo) * p.binsPerUnit), 0.0, f32(p.bins - 1u)))], 1u);
  }
  workgroupBarrier();
  let out = p.countsBase + sample_slot(step, p.everySteps, chunk.baseStep) * p.bins;
  for (var b = lid; b < p.bins; b += 64u) {
    let c = atomicLoad(&local[b]);
    if (c > 0u) { atomicAdd(&counts[out + b], c); }
  }
}
