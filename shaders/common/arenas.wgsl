// The arenas as phase kernels bind them (src/engine/gpu/phase.ts): group 1, binding 1 + the
// arena's index in ARENA_NAMES (src/model/kernel-params.ts); binding 0 holds the phase's
// parameters. A phase's pipeline layout lists only the arenas its kernels use (KERNELS in
// src/engine/gpu/kernels.ts); the others stay declared and unused.
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> acc: array<atomic<i32>>;
@group(1) @binding(3) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(4) var<storage, read_write> record: array<atomic<u32>>;
@group(1) @binding(5) var<storage, read_write> counts: array<atomic<u32>>;
@group(1) @binding(6) var<storage, read_write> samples: array<f32>;
@group(1) @binding(7) var<storage, read> tables: array<f32>;
@group(1) @binding(8) var<storage, read> itables: array<i32>;
@group(1) @binding(9) var<storage, read> conn: array<u32>;
@group(1) @binding(10) var<storage, read_write> syn: array<f32>;
