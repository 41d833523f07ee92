// One step of a continuous-attractor grid sheet (Burak & Fiete 2009):
// τ ds/dt + s = f(I + B), f = G max(0, ·), B = A (1 + α ê·v) for the neuron's
// preferred direction ê ((x mod 2) + 2 (y mod 2): +x, −x, +y, −y), v the
// agent's velocity of this step (uploaded per chunk into tables at velBase,
// two floats per step) plus the constant (vx, vy); exact for constant input
// over the step: s ← f + (s − f) e^(−dt/τ), and 0 below ACTIVITY_FLOOR (a silent
// neuron's decay would otherwise pass through f32's subnormals, slow on Intel
// CPUs: the CPU backend keeps the same rule, SHEET_ACTIVITY_FLOOR in
// src/model/kernels/grid-sheet.ts). I (section iIn) from sheet-input.wgsl.
// CPU reference: src/model/kernels/grid-sheet.ts (gridSheetUpdate).
// Bindings (group 1): 0 params, 1 state, 2 tables.

struct GridSheetUpdateParams {
  n: u32, side: u32, stateBase: u32, velBase: u32, hasAgent: u32, noiseOn: u32, seed: u32, streamBase: u32,
  decay: f32, gain: f32, A: f32, alphaA: f32, vx: f32, vy: f32, noise: f32,
}

// 2^-64
const ACTIVITY_FLOOR: f32 = 5.421010862427522e-20;

@group(1) @binding(0) var<uniform> p: GridSheetUpdateParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> tables: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  if (i >= p.n) { return; }
  let step = current_step();
  var vx = p.vx;
  var vy = p.vy;
  if (p.hasAgent != 0u) {
    let k = step - chunk.baseStep;
    vx = vx + tables[p.velBase + 2u * k];
    vy = vy + tables[p.velBase + 2u * k + 1u];
  }
  let d = ((i % p.side) & 1u) + 2u * ((i / p.side) & 1u);
  var drive: f32;
  switch d {
    case 0u: { drive = p.A + p.alphaA * vx; }
    case 1u: { drive = p.A - p.alphaA * vx; }
    case 2u: { drive = p.A + p.alphaA * vy; }
    default: { drive = p.A - p.alphaA * vy; }
  }
  let b = p.stateBase;
  var input = state[b + p.n + i] + drive;
  if (p.noiseOn != 0u) { input = input + p.noise * rng_normal(p.seed, step, i, p.streamBase + 2u); }
  let f = p.gain * max(0.0, input);
  let next = f + (state[b + i] - f) * p.decay;
  state[b + i] = select(next, 0.0, next < ACTIVITY_FLOOR);
}
