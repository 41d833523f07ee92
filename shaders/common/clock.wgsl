// Step clock shared by all step kernels (group 0). Prepended by src/engine/gpu/shaders.ts.
// clock is bound with a dynamic offset: one 256-byte slot per step of a chunk,
// so many steps are encoded in one command buffer without a per-step upload.
struct Clock { stepInChunk: u32 }
struct Chunk { baseStep: u32, steps: u32 }
@group(0) @binding(0) var<uniform> clock: Clock;
@group(0) @binding(1) var<uniform> chunk: Chunk;

fn current_step() -> u32 { return chunk.baseStep + clock.stepInChunk; }

// Sample slot of `step` (a multiple of everySteps) in a chunk from baseStep: probes' sampling steps
// counted from the chunk's first (CPU: sampleSlot in src/model/kernels/synapses.ts).
fn sample_slot(step: u32, everySteps: u32, baseStep: u32) -> u32 { return step / everySteps - (baseStep + everySteps - 1u) / everySteps; }

// Linear invocation index for 1-D work dispatched as a 2-D grid of 64-wide workgroups.
fn linear_index(gid: vec3<u32>, nwg: vec3<u32>) -> u32 { return gid.x + gid.y * nwg.x * 64u; }
