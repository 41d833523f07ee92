// Counter-based RNG, bit-identical to src/model/rng.ts (lowbias32 hash, chained
// over seed, step, index, stream). Prepended to kernels by src/engine/gpu/shaders.ts.

fn hash32(v: u32) -> u32 {
  var x = v;
  x = x ^ (x >> 16u);
  x = x * 0x7feb352du;
  x = x ^ (x >> 15u);
  x = x * 0x846ca68bu;
  x = x ^ (x >> 16u);
  return x;
}

fn rng_u32(seed: u32, step: u32, index: u32, stream: u32) -> u32 {
  var h = hash32(seed ^ 0x9e3779b9u);
  h = hash32(h ^ step);
  h = hash32(h ^ index);
  return hash32(h ^ stream);
}

// Uniform in [0, 1) from the top 24 bits: exact in f32.
fn rng_uniform(seed: u32, step: u32, index: u32, stream: u32) -> f32 {
  return f32(rng_u32(seed, step, index, stream) >> 8u) * (1.0 / 16777216.0);
}

// Standard normal by Box–Muller from streams (stream, stream + 1).
fn rng_normal(seed: u32, step: u32, index: u32, stream: u32) -> f32 {
  let u1 = 1.0 - rng_uniform(seed, step, index, stream);
  let u2 = rng_uniform(seed, step, index, stream + 1u);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
