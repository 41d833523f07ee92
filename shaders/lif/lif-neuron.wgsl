// One LIF neuron for one step (conductance- or current-based AMPA, GABA_A,
// NMDA with Mg block; Poisson input; presynaptic NMDA gating; spike-frequency
// adaptation; spike list, spike record and rate counts): shared by the
// lifUpdate kernel (lif-update.wgsl) and the fused step (fused/fused-step.wgsl),
// which declare the arenas it uses (state, acc, spikes, record, counts) and
// `fn poisson_cdf(q, at, k) -> f32`: entry k of the population's Poisson CDF tables (AMPA at
// k < POISSON_TABLE_SIZE, GABA after; `at`: where the user keeps them, for a user that stages them).
// CPU reference: src/model/kernels/lif-update.ts.

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

const POISSON_TABLE_SIZE = 32u;

// The Poisson count whose CDF interval holds u, from table `which` (0 AMPA, 1 GABA).
fn poisson_count(q: LifUpdateParams, at: u32, which: u32, u: f32) -> f32 {
  let base = which * POISSON_TABLE_SIZE;
  var k = 0u;
  while (k < POISSON_TABLE_SIZE - 1u && u >= poisson_cdf(q, at, base + k)) { k = k + 1u; }
  return f32(k);
}

// Empties the spike list of step − 1 (its delivery ran earlier in this step), so step + 1 can fill it.
fn lif_clear_previous(q: LifUpdateParams, step: u32) {
  atomicStore(&spikes[q.spikeBase + 1u - (step & 1u)], 0u);
}

// Neuron i at `step`, its synaptic input taken from (and cleared in) the acc arena.
fn lif_neuron(q: LifUpdateParams, i: u32, step: u32, baseStep: u32) {
  let inAmpa = atomicLoad(&acc[q.accBase + i]);
  let inGaba = atomicLoad(&acc[q.accBase + q.n + i]);
  atomicStore(&acc[q.accBase + i], 0);
  atomicStore(&acc[q.accBase + q.n + i], 0);
  lif_neuron_input(q, i, step, baseStep, inAmpa, inGaba, 0u);
}

// Neuron i at `step` with this step's fixed-point AMPA and GABA input; spikes are recorded at
// step − baseStep (the chunk's first step).
fn lif_neuron_input(q: LifUpdateParams, i: u32, step: u32, baseStep: u32, inAmpa: i32, inGaba: i32, at: u32) {
  let parity = step & 1u;
  let n = q.n;
  let b = q.stateBase;

  // every section read first, unconditionally (each LIF population has all of them), so the
  // reads go out together rather than one memory round trip after another
  let v0 = state[b + i];
  let refr0 = state[b + n + i];
  let sA0 = state[b + 2u * n + i];
  let sG0 = state[b + 3u * n + i];
  let gN0 = state[b + 4u * n + i];
  let iIn0 = state[b + 5u * n + i];
  let iExt0 = state[b + 6u * n + i];
  let x0 = state[b + 7u * n + i];
  let s0 = state[b + 8u * n + i];
  let gA0 = state[b + 9u * n + i];

  var sA = sA0 * q.decayAmpa + f32(inAmpa) * q.invScaleAmpa;
  var sG = sG0 * q.decayGaba + f32(inGaba) * q.invScaleGaba;
  if (q.poissonAmpa != 0u) {
    sA += poisson_count(q, at, 0u, rng_uniform(q.seed, step, i, q.streamBase)) * q.wPoissonAmpa;
  }
  if (q.poissonGaba != 0u) {
    sG += poisson_count(q, at, 1u, rng_uniform(q.seed, step, i, q.streamBase + 1u)) * q.wPoissonGaba;
  }
  let gN = select(0.0, gN0, q.hasNmdaIn != 0u);
  let iIn = select(0.0, iIn0, q.hasRateIn != 0u);
  let iExt = select(0.0, iExt0, q.hasStimulus != 0u);
  let gA = select(0.0, gA0 * q.decayAdapt, q.adaptOn != 0u);

  var v = v0;
  var refr = refr0;
  var spiked = false;
  if (refr > 0.0) {
    v = q.Vreset;
    refr = refr - 1.0;
  } else {
    let mgB = 1.0 / (1.0 + q.mgFactor * exp(-0.062 * v));
    let gNb = gN * mgB;
    var gTot = q.gL + gA;
    var iEq = q.gL * q.EL + gA * q.EK + q.iBias + iExt + iIn;
    if (q.conductance != 0u) {
      gTot += sA + sG + gNb;
      iEq += sA * q.Eampa + sG * q.Egaba + gNb * q.Enmda;
    } else {
      iEq += sA + sG + gNb;
    }
    let vInf = iEq / gTot;
    v = vInf + (v - vInf) * exp(-q.dt * gTot * q.invC);
    if (v >= q.Vth) {
      spiked = true;
      v = q.Vreset;
      refr = f32(q.refSteps);
    }
  }
  state[b + i] = v;
  state[b + n + i] = refr;
  state[b + 2u * n + i] = sA;
  state[b + 3u * n + i] = sG;
  if (q.adaptOn != 0u) { state[b + 9u * n + i] = gA + select(0.0, q.adaptIncrement, spiked); }

  if (q.hasNmdaOut != 0u) {
    let k = q.nmdaDecayRate + q.alphaNmda * x0;
    let sInf = (q.alphaNmda * x0) / k;
    state[b + 8u * n + i] = sInf + (s0 - sInf) * exp(-k * q.dt);
    state[b + 7u * n + i] = x0 * q.decayNmdaRise + select(0.0, 1.0, spiked);
  }

  if (spiked) {
    let slot = atomicAdd(&spikes[q.spikeBase + parity], 1u);
    atomicStore(&spikes[q.spikeBase + SPIKE_HEADER + parity * n + slot], i);
    if (i < q.recordLimit) {
      let r = atomicAdd(&record[q.recordBase], 1u);
      if (r < q.recordCap) {
        atomicStore(&record[q.recordBase + RECORD_HEADER + 2u * r], step - baseStep);
        atomicStore(&record[q.recordBase + RECORD_HEADER + 2u * r + 1u], i);
      }
    }
    if (q.countGroupSize > 0u) {
      let bin = step / q.binSteps - baseStep / q.binSteps;
      atomicAdd(&counts[q.countsBase + bin * q.countGroups + i / q.countGroupSize], 1u);
    }
  }
}
