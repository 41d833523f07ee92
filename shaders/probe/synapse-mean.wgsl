// Samples the mean of a per-synapse variable over groups of consecutive
// synapses (presynaptic order) into the sample arena every everySteps-th step:
// one workgroup per group, a tree reduction in workgroup memory.
// CPU reference: src/model/kernels/synapses.ts (synapseMean).
// Bindings (group 1): 0 params, 1 syn, 2 samples.

struct SynapseMeanParams { groups: u32, groupSize: u32, synCount: u32, srcBase: u32, samplesBase: u32, everySteps: u32 }

@group(1) @binding(0) var<uniform> p: SynapseMeanParams;
@group(1) @binding(1) var<storage, read_write> syn: array<f32>;
@group(1) @binding(2) var<storage, read_write> samples: array<f32>;

var<workgroup> partial: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  let g = wid.x + wid.y * nwg.x;
  let step = current_step();
  // uniform across the workgroup, so every thread reaches the barriers or none does
  if (g >= p.groups || step % p.everySteps != 0u) { return; }
  let start = g * p.groupSize;
  let end = min(start + p.groupSize, p.synCount);
  var sum = 0.0;
  for (var s = start + lid; s < end; s += 64u) { sum += syn[p.srcBase + s]; }
  partial[lid] = sum;
  workgroupBarrier();
  for (var half = 32u; half > 0u; half = half / 2u) {
    if (lid < half) { partial[lid] += partial[lid + half]; }
    workgroupBarrier();
  }
  if (lid == 0u) {
    let slot = sample_slot(step, p.everySteps, chunk.baseStep);
    samples[p.samplesBase + slot * p.groups + g] = partial[0] / f32(end - start);
  }
}
