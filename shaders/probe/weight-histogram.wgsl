// Histogram of a plastic projection's per-synapse variable (efficacy w or late
// weight z) every everySteps-th step: one thread per synapse adds 1 to its bin
// of [lo, hi) (values outside go to the first or last bin) with atomicAdd into
// the sample's slot in counts, so the counts do not depend on thread order.
// CPU reference: src/model/kernels/rate-map.ts (weightHistogram).
// Bindings (group 1): 0 params, 1 syn, 2 counts.

struct WeightHistogramParams { synCount: u32, srcBase: u32, countsBase: u32, bins: u32, everySteps: u32, lo: f32, binsPerUnit: f32 }

@group(1) @binding(0) var<uniform> p: WeightHistogramParams;
@group(1) @binding(1) var<storage, read_write> syn: array<f32>;
@group(1) @binding(2) var<storage, read_write> counts: array<atomic<u32>>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let s = linear_index(gid, nwg);
  let step = current_step();
  if (s >= p.synCount || step % p.everySteps != 0u) { return; }
  let slot = sample_slot(step, p.everySteps, chunk.baseStep);
  let b = u32(clamp(floor((syn[p.srcBase + s] - p.lo) * p.binsPerUnit), 0.0, f32(p.bins - 1u)));
  atomicAdd(&counts[p.countsBase + slot * p.bins + b], 1u);
}
