// One step of one LIF population (conductance- or current-based AMPA, GABA_A,
// NMDA with Mg block; Poisson input; presynaptic NMDA gating; spike-frequency
// adaptation; spike list,
// spike record and rate counts).
// Pipeline: src/engine/gpu/kernels/lif-update.ts. CPU reference: src/model/kernels/lif-update.ts.
// Bindings (group 1): 0 params, 1 state, 2 acc, 3 spikes, 4 tables, 5 record, 6 counts.

struct LifUpdateParams {
  n: u32, stateBase: u32, accBase: u32, spikeBase: u32,
  recordBase: u32, recordLimit: u32, recordCap: u32, countsBase: u32,
  countGroupSize: u32, countGroups: u32, binSteps: u32, poissonBase: u32,
  poissonAmpa: u32, poissonGaba: u32, hasNmdaIn: u32, hasRateIn: u32,
  hasStimulus: u32, hasNmdaOut: u32, adaptOn: u32, conductance: u32, refSteps: u32,
  seed: u32, streamBase: u32,
  decayAmpa: f32, decayGaba: f32, decayNmdaRise: f32, nmdaDecayRate: f32, alphaNmda: f32,
  dt: f32, invC: f32, gL: f32, EL: f32, Vth: f32, Vreset: f32,
  Eampa: f32, Egaba: f32, Enmda: f32, mgFactor: f32,
  invScaleAmpa: f32, invScaleGaba: f32, wPoissonAmpa: f32, wPoissonGaba: f32, iBias: f32,
  decayAdapt: f32, adaptIncrement: f32, EK: f32,
}

@group(1) @binding(0) var<uniform> p: LifUpdateParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> acc: array<atomic<i32>>;
@group(1) @binding(3) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(4) var<storage, read> tables: array<f32>;
@group(1) @binding(5) var<storage, read_write> record: array<atomic<u32>>;
@group(1) @binding(6) var<storage, read_write> counts: array<atomic<u32>>;

const POISSON_TABLE_SIZE = 32u;
const SPIKE_HEADER = 4u;
const RECORD_HEADER = 4u;

fn poisson_count(base: u32, u: f32) -> f32 {
  var k = 0u;
  while (k < POISSON_TABLE_SIZE - 1u && u >= tables[base + k]) { k = k + 1u; }
  return f32(k);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  let step = current_step();
  let parity = step & 1u;
  // The other list is free: its delivery ran earlier in this step.
  if (i == 0u) { atomicStore(&spikes[p.spikeBase + 1u - parity], 0u); }
  if (i >= p.n) { return; }
  let n = p.n;
  let b = p.stateBase;

  var sA = state[b + 2u * n + i] * p.decayAmpa + f32(atomicLoad(&acc[p.accBase + i])) * p.invScaleAmpa;
  var sG = state[b + 3u * n + i] * p.decayGaba + f32(atomicLoad(&acc[p.accBase + n + i])) * p.invScaleGaba;
  atomicStore(&acc[p.accBase + i], 0);
  atomicStore(&acc[p.accBase + n + i], 0);
  if (p.poissonAmpa != 0u) {
    sA += poisson_count(p.poissonBase, rng_uniform(p.seed, step, i, p.streamBase)) * p.wPoissonAmpa;
  }
  if (p.poissonGaba != 0u) {
    sG += poisson_count(p.poissonBase + POISSON_TABLE_SIZE, rng_uniform(p.seed, step, i, p.streamBase + 1u)) * p.wPoissonGaba;
  }
  var gN = 0.0;
  if (p.hasNmdaIn != 0u) { gN = state[b + 4u * n + i]; }
  var iIn = 0.0;
  if (p.hasRateIn != 0u) { iIn = state[b + 5u * n + i]; }
  var iExt = 0.0;
  if (p.hasStimulus != 0u) { iExt = state[b + 6u * n + i]; }
  var gA = 0.0;
  if (p.adaptOn != 0u) { gA = state[b + 9u * n + i] * p.decayAdapt; }

  var v = state[b + i];
  var refr = state[b + n + i];
  var spiked = false;
  if (refr > 0.0) {
    v = p.Vreset;
    refr = refr - 1.0;
  } else {
    let mgB = 1.0 / (1.0 + p.mgFactor * exp(-0.062 * v));
    let gNb = gN * mgB;
    var gTot = p.gL + gA;
    var iEq = p.gL * p.EL + gA * p.EK + p.iBias + iExt + iIn;
    if (p.conductance != 0u) {
      gTot += sA + sG + gNb;
      iEq += sA * p.Eampa + sG * p.Egaba + gNb * p.Enmda;
    } else {
      iEq += sA + sG + gNb;
    }
    let vInf = iEq / gTot;
    v = vInf + (v - vInf) * exp(-p.dt * gTot * p.invC);
    if (v >= p.Vth) {
      spiked = true;
      v = p.Vreset;
      refr = f32(p.refSteps);
    }
  }
  state[b + i] = v;
  state[b + n + i] = refr;
  state[b + 2u * n + i] = sA;
  state[b + 3u * n + i] = sG;
  if (p.adaptOn != 0u) { state[b + 9u * n + i] = gA + select(0.0, p.adaptIncrement, spiked); }

  if (p.hasNmdaOut != 0u) {
    let x = state[b + 7u * n + i];
    let s = state[b + 8u * n + i];
    let k = p.nmdaDecayRate + p.alphaNmda * x;
    let sInf = (p.alphaNmda * x) / k;
    state[b + 8u * n + i] = sInf + (s - sInf) * exp(-k * p.dt);
    state[b + 7u * n + i] = x * p.decayNmdaRise + select(0.0, 1.0, spiked);
  }

  if (spiked) {
    let slot = atomicAdd(&spikes[p.spikeBase + parity], 1u);
    atomicStore(&spikes[p.spikeBase + SPIKE_HEADER + parity * n + slot], i);
    if (i < p.recordLimit) {
      let r = atomicAdd(&record[p.recordBase], 1u);
      if (r < p.recordCap) {
        atomicStore(&record[p.recordBase + RECORD_HEADER + 2u * r], step - chunk.baseStep);
        atomicStore(&record[p.recordBase + RECORD_HEADER + 2u * r + 1u], i);
      }
    }
    if (p.countGroupSize > 0u) {
      let bin = step / p.binSteps - chunk.baseStep / p.binSteps;
      atomicAdd(&counts[p.countsBase + bin * p.countGroups + i / p.countGroupSize], 1u);
    }
  }
}
