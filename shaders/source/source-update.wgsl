// One step of a spike-source population: scheduled trains of pulses (bursts)
// starting at onsetSteps + round(i · offsetSteps) for neuron i, and/or Poisson
// spikes; spike list, record and rate counts as in lif-update.wgsl.
// A phase kernel (src/engine/gpu/phase.ts): it shares a dispatch with the step's other
// population updates. Arenas: spikes, record, counts (common/arenas.wgsl).
// CPU reference: src/model/kernels/source-update.ts.

struct SourceUpdateParams {
  n: u32, spikeBase: u32, recordBase: u32, recordLimit: u32, recordCap: u32, countsBase: u32,
  countGroupSize: u32, countGroups: u32, binSteps: u32, seed: u32, streamBase: u32,
  onsetSteps: i32, intervalSteps: u32, count: u32, burst: u32, burstSteps: u32, trains: u32, trainSteps: u32,
  poissonOn: u32, offsetSteps: f32, pSpike: f32, freq0Dt: f32, freqStepDt: f32,
}

fn scheduled_spike(p: SourceUpdateParams, i: u32, step: u32) -> bool {
  if (p.count == 0u) { return false; }
  let start = p.onsetSteps + i32(floor(f32(i) * p.offsetSteps + 0.5));
  let t = i32(step) - start;
  if (t < 0) { return false; }
  var train = 0u; // one train: no wrap at trainInterval
  if (p.trains > 1u) { train = u32(t) / p.trainSteps; }
  if (train >= p.trains) { return false; }
  let inTrain = u32(t) - train * p.trainSteps;
  var interval = p.intervalSteps;
  if (p.freqStepDt != 0.0) { interval = max(1u, u32(floor(1.0 / (p.freq0Dt + f32(i) * p.freqStepDt) + 0.5))); }
  let pulse = inTrain / interval;
  if (pulse >= p.count) { return false; }
  let inPulse = inTrain - pulse * interval;
  return inPulse % p.burstSteps == 0u && inPulse / p.burstSteps < p.burst;
}

fn source_update(p: SourceUpdateParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
  let step = current_step();
  let parity = step & 1u;
  if (i == 0u) { atomicStore(&spikes[p.spikeBase + 1u - parity], 0u); }
  if (i >= p.n) { return; }
  let poisson = p.poissonOn != 0u && rng_uniform(p.seed, step, i, p.streamBase) < p.pSpike;
  if (!poisson && !scheduled_spike(p, i, step)) { return; }
  let slot = atomicAdd(&spikes[p.spikeBase + parity], 1u);
  atomicStore(&spikes[p.spikeBase + SPIKE_HEADER + parity * p.n + slot], i);
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
