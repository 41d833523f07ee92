/**
 * CPU references of the plasticity kernels (shaders/plasticity/*.wgsl).
 *
 * Per step, after the neuron updates: traceUpdate (each side of a plastic
 * projection: every neuron's decay, then the jumps of the neurons in this
 * step's spike list), then plasticityUpdate (every synapse; plasticityEvents, the inputs of the
 * cells that spiked, in its place where the rule allows). Spike delivery through the efficacies
 * (deliverPlastic) runs at the start of the next step, like every delivery.
 *
 * Trace block of a side (TRACE_SECTIONS, n floats each): spk (1 if the neuron
 * spiked this step), t1 and t2 (spike traces, +1
 * per spike, decays exp(−dt/τ1), exp(−dt/τ2)), ca (calcium trace, +1 per
 * spike after the side's delay), rate (Hz, low-passed), theta (BCM threshold),
 * protein (per-neuron protein pool, tagging and capture), pending0…3 (steps
 * until an in-flight delayed calcium transient arrives; 0 = free slot).
 */
import type { Arenas, DeliverPlasticParams, PlasticityParams, TraceUpdateParams } from '../kernel-params';
import { RULE_IDS, SPIKE_HEADER, TRACE_PENDING_SLOTS } from '../kernel-params';
import { rngNormal } from '../rng';

/** Section index of each trace; matches TRACE_SECTIONS. */
export const SPK = 0, T1 = 1, T2 = 2, CA = 3, RATE = 4, THETA = 5, PROTEIN = 6, PENDING = 7;

/**
 * shaders/plasticity/trace-update.wgsl: every neuron's decay, then the spikes
 * this step (list parity step & 1); per neuron the same operations in the
 * same order as the kernel, which does both in one thread.
 */
export function traceUpdate(p: TraceUpdateParams, a: Arenas, step: number): void {
  traceDecay(p, a);
  traceSpikes(p, a, step);
}

/** traceUpdate's first half: every neuron's decay (the CPU backend's WebAssembly form: wasm/traces.ts, without delay or protein). */
export function traceDecay(p: TraceUpdateParams, a: Arenas): void {
  const { n, traceBase: b, decay1, decay2, decayCa, rateKeep, thetaRate, invY0 } = p;
  const { protAccBase, protInvScale, protThreshold, protAlpha, protKeep } = p;
  const protein = p.protein !== 0, delayed = p.delaySteps > 0;
  const { state: st, acc } = a;
  // section offsets and parameters as plain locals: with a closure and p.* in the loop V8 ran it ~3× slower (place map)
  const spkB = b + SPK * n, t1B = b + T1 * n, t2B = b + T2 * n, caB = b + CA * n, rateB = b + RATE * n;
  const thetaB = b + THETA * n, proteinB = b + PROTEIN * n, pendingB = b + PENDING * n;
  for (let i = 0; i < n; i++) {
    st[spkB + i] = 0;
    st[t1B + i] = st[t1B + i]! * decay1;
    st[t2B + i] = st[t2B + i]! * decay2;
    let ca = st[caB + i]! * decayCa;
    // without a delay no arrival is ever pending (the slots stay 0)
    for (let k = 0; delayed && k < TRACE_PENDING_SLOTS; k++) {
      const left = st[pendingB + k * n + i]!;
      if (left > 0) {
        st[pendingB + k * n + i] = left - 1;
        if (left === 1) ca += 1;
      }
    }
    st[caB + i] = ca;
    const rate = st[rateB + i]! * rateKeep;
    st[rateB + i] = rate;
    const theta = st[thetaB + i]!;
    st[thetaB + i] = theta + thetaRate * (rate * rate * invY0 - theta);
    if (protein) {
      // Σ|h − h0| over the neuron's synapses, summed in fixed point by the previous step's plasticityUpdate
      const sum = acc[protAccBase + i]! * protInvScale;
      acc[protAccBase + i] = 0;
      const synth = sum > protThreshold ? protAlpha : 0;
      st[proteinB + i] = synth + (st[proteinB + i]! - synth) * protKeep;
    }
  }
}

/** traceUpdate's second half: the jumps of the neurons in this step's spike list. */
export function traceSpikes(p: TraceUpdateParams, a: Arenas, step: number): void {
  const { n, traceBase: b } = p;
  const st = a.state;
  const parity = step & 1;
  const count = a.spikes[p.spikeBase + parity]!;
  const list = p.spikeBase + SPIKE_HEADER + parity * n;
  for (let s = 0; s < count; s++) {
    const i = a.spikes[list + s]!;
    st[b + SPK * n + i] = 1;
    st[b + T1 * n + i] = st[b + T1 * n + i]! + 1;
    st[b + T2 * n + i] = st[b + T2 * n + i]! + 1;
    st[b + RATE * n + i] = st[b + RATE * n + i]! + p.rateJump;
    if (p.delaySteps === 0) {
      st[b + CA * n + i] = st[b + CA * n + i]! + 1;
      continue;
    }
    for (let k = 0; k < TRACE_PENDING_SLOTS; k++) {
      if (st[b + (PENDING + k) * n + i] === 0) {
        st[b + (PENDING + k) * n + i] = p.delaySteps;
        break;
      }
    }
  }
}

/** f32 rounding of the GPU's i32(floor(x + 0.5)) for a product computed in f32. */
function fixedPoint(scale: number, value: number): number {
  return Math.floor(Math.fround(Math.fround(scale * value) + 0.5)) | 0;
}

/** The NMDA receptors' unblocked fraction B(V) at postsynaptic cell i (1 without a voltage), as the rule's shader computes it. */
function nmdaUnblocked(p: PlasticityParams, st: Float32Array, i: number): number {
  return p.hasV ? 1 / (1 + p.mgFactor * Math.exp(-0.062 * st[p.vBase + i]!)) : 1;
}

/**
 * shaders/plasticity/plasticity-update.wgsl: one step of the projection's rule
 * for every synapse. STDP changes only synapses with an end that spiked this
 * step, so the CPU visits only those (the same result, far fewer visits).
 */
export function plasticityUpdate(p: PlasticityParams, a: Arenas, step: number): void {
  if (p.rule === RULE_IDS.stdp) return stdpEventDriven(p, a, step);
  if (p.rule === RULE_IDS.calcium) return calciumUpdate(p, a, step);
  if (p.rule === RULE_IDS.nmdaHebbian && p.dense && !p.storeC) return nmdaHebbianDense(p, a);
  // BTSP changes nothing while no postsynaptic cell is in a plateau (efficacies stay within their bounds)
  if (p.rule === RULE_IDS.btsp && !p.storeC && !inPlateau(p, a)) return;
  if (p.dense) {
    for (let j = 0, s = 0; j < p.preN; j++) for (let i = 0; i < p.postN; i++, s++) updateSynapse(p, a, step, s, j, i);
  } else {
    for (let s = 0; s < p.synCount; s++) updateSynapse(p, a, step, s, a.conn[p.preConnBase + s]!, a.conn[p.postConnBase + s]!);
  }
}

function stdpEventDriven(p: PlasticityParams, a: Arenas, step: number): void {
  const preSpk = a.state.subarray(p.preTraceBase + SPK * p.preN, p.preTraceBase + (SPK + 1) * p.preN);
  const postSpk = a.state.subarray(p.postTraceBase + SPK * p.postN, p.postTraceBase + (SPK + 1) * p.postN);
  const spiking = (spk: Float32Array) => spk.reduce<number[]>((list, x, k) => (x !== 0 ? (list.push(k), list) : list), []);
  const pres = spiking(preSpk);
  const posts = spiking(postSpk);
  if (pres.length === 0 && posts.length === 0) return;
  if (p.dense) {
    for (const j of pres) for (let i = 0; i < p.postN; i++) updateSynapse(p, a, step, j * p.postN + i, j, i);
    for (const i of posts) for (let j = 0; j < p.preN; j++) if (preSpk[j] === 0) updateSynapse(p, a, step, j * p.postN + i, j, i);
    return;
  }
  for (let s = 0; s < p.synCount; s++) {
    const j = a.conn[p.preConnBase + s]!;
    const i = a.conn[p.postConnBase + s]!;
    if (preSpk[j] !== 0 || postSpk[i] !== 0) updateSynapse(p, a, step, s, j, i);
  }
}

/**
 * Graupner & Brunel (2012) for every synapse: c = C_pre ca_pre + C_post ca_post,
 * ρ += dt/τ [−ρ(1−ρ)(ρ*−ρ) + γp(1−ρ)Θ(c−θp) − γd ρ Θ(c−θd)] + σ√(dt/τ)√(Θp+Θd) η.
 * The traces and efficacies are views hoisted out of the loop: the CPU's hottest path.
 */
function calciumUpdate(p: PlasticityParams, a: Arenas, step: number): void {
  const caPre = a.state.subarray(p.preTraceBase + CA * p.preN, p.preTraceBase + (CA + 1) * p.preN);
  const caPost = a.state.subarray(p.postTraceBase + CA * p.postN, p.postTraceBase + (CA + 1) * p.postN);
  const w = a.syn.subarray(p.wBase, p.wBase + p.synCount);
  const { cPre, cPost, thetaP, thetaD, gammaP, gammaD, rhoStar, dtOverTau, noiseAmp, gain } = p;
  const synapse = (s: number, cj: number, i: number) => {
    const c = cj + cPost * caPost[i]!;
    const hp = c > thetaP ? 1 : 0;
    const hd = c > thetaD ? 1 : 0;
    const rho = w[s]!;
    const drift = -rho * (1 - rho) * (rhoStar - rho) + gammaP * (1 - rho) * hp - gammaD * rho * hd;
    const noise = hp + hd > 0 ? noiseAmp * Math.sqrt(hp + hd) * rngNormal(p.seed, step, s, p.stream) : 0;
    w[s] = rho + gain * (dtOverTau * drift + noise);
    if (p.storeC) a.syn[p.cBase + s] = c;
  };
  if (p.dense) {
    for (let j = 0, s = 0; j < p.preN; j++) {
      const cj = cPre * caPre[j]!;
      for (let i = 0; i < p.postN; i++, s++) synapse(s, cj, i);
    }
  } else {
    for (let s = 0; s < p.synCount; s++) synapse(s, cPre * caPre[a.conn[p.preConnBase + s]!]!, a.conn[p.postConnBase + s]!);
  }
}

/**
 * The NMDA-gated rule over an all-to-all projection, the same arithmetic as
 * updateSynapse: B(V) once per postsynaptic cell, and a presynaptic row is
 * skipped when even the most unblocked cell keeps its calcium at or below θd
 * (then no synapse of the row changes but those of cells that spiked, through
 * the spike-triggered term; w stays within its bounds). With the
 * gain at 0 nothing changes at all. Grid inputs are silent over most of the
 * arena, so this is what makes place-map learning affordable on the CPU.
 */
function nmdaHebbianDense(p: PlasticityParams, a: Arenas): void {
  if (p.gain === 0) return;
  const st = a.state;
  const x = st.subarray(p.preTraceBase + T1 * p.preN, p.preTraceBase + (T1 + 1) * p.preN);
  const w = a.syn.subarray(p.wBase, p.wBase + p.synCount);
  const { postN, thetaP, thetaD, gammaP, gammaD, gammaH, wMin, wMax, gain, nmdaOpen } = p;
  const spk = st.subarray(p.postTraceBase + SPK * postN, p.postTraceBase + (SPK + 1) * postN);
  // cells that spiked this step (heterosynaptic depression reaches every input of theirs, rows skipped below too)
  const spiking: number[] = [];
  if (gammaH > 0) for (let i = 0; i < postN; i++) if (spk[i]! > 0) spiking.push(i);
  const unblocked = new Float64Array(postN);
  let maxUnblocked = 0;
  for (let i = 0; i < postN; i++) {
    const b = nmdaUnblocked(p, st, i);
    unblocked[i] = b;
    if (b > maxUnblocked) maxUnblocked = b;
  }
  // with ηp = ηd = 0 (the spike-triggered form alone) only the cells that spiked change
  const hebbian = gammaP !== 0 || gammaD !== 0;
  for (let j = 0; j < p.preN; j++) {
    const open = nmdaOpen * x[j]!;
    if (!hebbian || !(open * maxUnblocked > thetaD)) {
      // no Hebbian change in this row: the same arithmetic as updateSynapse with hebb = 0, for spiking cells only
      for (const i of spiking) {
        const s = j * postN + i, wi = w[s]!, c = open * unblocked[i]!;
        w[s] = Math.min(wMax, Math.max(wMin, wi + gain * (0 + gammaH * spk[i]! * ((wMax - wMin) * Math.min(1, c / thetaP) - (wi - wMin)))));
      }
      continue;
    }
    for (let i = 0, s = j * postN; i < postN; i++, s++) {
      const c = open * unblocked[i]!;
      const wi = w[s]!;
      const hebb = c > thetaP ? gammaP * (wMax - wi) : c > thetaD ? -gammaD * (wi - wMin) : 0;
      w[s] = Math.min(wMax, Math.max(wMin, wi + gain * (hebb + gammaH * spk[i]! * ((wMax - wMin) * Math.min(1, c / thetaP) - (wi - wMin)))));
    }
  }
}

/**
 * shaders/plasticity/plasticity-events.wgsl: the NMDA-gated rule of an
 * all-to-all projection for the inputs of this step's spiking postsynaptic
 * cells only (the post population's spike list; column i of the [pre][post]
 * layout), with updateSynapse's arithmetic. The engine runs it in place of
 * plasticityUpdate while the rule is in its spike-triggered form alone
 * (plasticityEventDriven in src/engine/plan.ts), which changes nothing else.
 */
export function plasticityEvents(p: PlasticityParams, a: Arenas, step: number): void {
  const parity = step & 1;
  const count = a.spikes[p.postSpikeBase + parity]!;
  const list = p.postSpikeBase + SPIKE_HEADER + parity * p.postN;
  const nmda = p.rule === RULE_IDS.nmdaHebbian && !p.storeC;
  const st = a.state, w = a.syn;
  const { preN, postN, thetaP, thetaD, gammaP, gammaD, gammaH, wMin, wMax, gain, nmdaOpen, wBase } = p;
  const x = p.preTraceBase + T1 * preN, spk = p.postTraceBase + SPK * postN;
  for (let k = 0; k < count; k++) {
    const i = a.spikes[list + k]!;
    if (!nmda) {
      for (let j = 0; j < preN; j++) updateSynapse(p, a, step, j * postN + i, j, i);
      continue;
    }
    // updateSynapse's nmdaHebbian arithmetic, as nmdaHebbianDense's, with B(V) of cell i computed once for its
    // column; the parameters stay locals (a shared helper reading p.* made this loop and the sweep 1.2–1.4× slower)
    const unblocked = nmdaUnblocked(p, st, i), spiked = st[spk + i]!;
    for (let j = 0, s = wBase + i; j < preN; j++, s += postN) {
      const c = nmdaOpen * st[x + j]! * unblocked;
      const wi = w[s]!;
      const hebb = c > thetaP ? gammaP * (wMax - wi) : c > thetaD ? -gammaD * (wi - wMin) : 0;
      w[s] = Math.min(wMax, Math.max(wMin, wi + gain * (hebb + gammaH * spiked * ((wMax - wMin) * Math.min(1, c / thetaP) - (wi - wMin)))));
    }
  }
}

/** BTSP: whether any postsynaptic cell's external current is above the plateau threshold (learning on). */
function inPlateau(p: PlasticityParams, a: Arenas): boolean {
  if (!p.hasV || p.gain === 0) return false;
  for (let i = 0; i < p.postN; i++) if (a.state[p.vBase + i]! > p.thetaP) return true;
  return false;
}

/** The rule for synapse s from presynaptic j to postsynaptic i (the WGSL kernel's body; calcium: calciumUpdate). */
function updateSynapse(p: PlasticityParams, a: Arenas, step: number, s: number, j: number, i: number): void {
  const st = a.state;
  const syn = a.syn;
  // trace k of the presynaptic neuron is st[pre + k · preN] (no closures: this is the CPU's innermost loop)
  const pre = p.preTraceBase + j, preN = p.preN;
  const post = p.postTraceBase + i, postN = p.postN;
  let w = syn[p.wBase + s]!;
  let c = 0;
  switch (p.rule) {
    case RULE_IDS.stdp: {
      // traces read without this step's own spikes: simultaneous spikes do not pair
      const preSpk = st[pre + SPK * preN]!, postSpk = st[post + SPK * postN]!;
      const pot = postSpk * (st[pre + T1 * preN]! - preSpk) * (p.aPlus + p.a3Plus * (st[post + T2 * postN]! - postSpk));
      const dep = preSpk * (st[post + T1 * postN]! - postSpk) * (p.aMinus + p.a3Minus * (st[pre + T2 * preN]! - preSpk));
      const dw = p.softBounds ? pot * (p.wMax - w) - dep * (w - p.wMin) : pot - dep;
      w = Math.min(p.wMax, Math.max(p.wMin, w + p.gain * dw));
      break;
    }
    case RULE_IDS.tagCapture: {
      c = p.cPre * st[pre + CA * preN]! + p.cPost * st[post + CA * postN]!;
      const hp = c > p.thetaP ? 1 : 0;
      const hd = c > p.thetaD ? 1 : 0;
      const noise = hp + hd > 0 ? p.noiseAmp * Math.sqrt(hp + hd) * rngNormal(p.seed, step, s, p.stream) : 0;
      const drift = 0.1 * (1 - w) + p.gammaP * (p.hMax - w) * hp - p.gammaD * w * hd;
      w += p.gain * (p.dtOverTau * drift + noise);
      const dev = w - 1;
      const protein = p.trkbBlock ? 0 : st[p.proteinBase + i]! + p.bdnf;
      const z = syn[p.zBase + s]!;
      const dz = dev > p.tagThreshold ? protein * (1 - z) : -dev > p.tagThreshold ? -protein * (z + 0.5) : 0;
      syn[p.zBase + s] = z + p.dtOverTauZ * dz;
      a.acc[p.protAccBase + i] = (a.acc[p.protAccBase + i]! + fixedPoint(p.protScale, Math.abs(dev))) | 0;
      break;
    }
    case RULE_IDS.bcm: {
      const y = st[post + RATE * postN]!;
      w = Math.min(p.wMax, Math.max(p.wMin, w + p.gain * p.etaDt * st[pre + RATE * preN]! * y * (y - st[post + THETA * postN]!)));
      break;
    }
    case RULE_IDS.nmdaHebbian: {
      c = p.nmdaOpen * st[pre + T1 * preN]! * nmdaUnblocked(p, st, i);
      const hebb = c > p.thetaP ? p.gammaP * (p.wMax - w) : c > p.thetaD ? -p.gammaD * (w - p.wMin) : 0;
      // at a postsynaptic spike every input moves by the fraction gammaH toward its calcium's level (instar)
      const dw = hebb + p.gammaH * st[post + SPK * postN]! * ((p.wMax - p.wMin) * Math.min(1, c / p.thetaP) - (w - p.wMin));
      w = Math.min(p.wMax, Math.max(p.wMin, w + p.gain * dw));
      break;
    }
    case RULE_IDS.btsp: {
      // hasV: vBase is the postsynaptic external current (pA); a plateau while it exceeds thetaP
      const plateau = p.hasV && st[p.vBase + i]! > p.thetaP ? 1 : 0;
      c = st[pre + T1 * preN]! * plateau;
      w = Math.min(p.wMax, Math.max(p.wMin, w + p.gain * c * (p.gammaP * (p.wMax - w) - p.gammaD * (w - p.wMin))));
      break;
    }
  }
  syn[p.wBase + s] = w;
  if (p.storeC) syn[p.cBase + s] = c;
}

/**
 * One spike's dense row: acc[post + k] += fixedPoint(scale, syn[w + k]) for k < count (i32, wrapping).
 * The CPU backend's WebAssembly form: wasm/deliver.ts.
 */
export type DenseRowDelivery = (acc: Int32Array, post: number, syn: Float32Array, w: number, count: number, scale: number) => void;

export const deliverDenseRow: DenseRowDelivery = (acc, post, syn, w, count, scale) => {
  for (let k = 0; k < count; k++) acc[post + k] = (acc[post + k]! + fixedPoint(scale, syn[w + k]!)) | 0;
};

/** shaders/plasticity/deliver-plastic.wgsl, run at `step` for the spikes of step − 1. */
export function deliverPlastic(p: DeliverPlasticParams, a: Arenas, step: number, denseRow: DenseRowDelivery = deliverDenseRow): void {
  const parity = (step - 1) & 1;
  const count = a.spikes[p.preSpikeBase + parity]!;
  const list = p.preSpikeBase + SPIKE_HEADER + parity * p.preN;
  const scale = Math.fround(p.weightScale);
  const { acc, syn, conn } = a;
  const { postAccBase, wBase, zBase } = p;
  for (let k = 0; k < count; k++) {
    const pre = a.spikes[list + k]!;
    const start = p.dense ? pre * p.postN : conn[p.rowBase + pre]!;
    const end = p.dense ? start + p.postN : conn[p.rowBase + pre + 1]!;
    if (p.dense && !p.late) {
      // the common case (the place map): a contiguous row of efficacies into consecutive accumulators
      denseRow(acc, postAccBase, syn, wBase + start, end - start, scale);
      continue;
    }
    for (let s = start; s < end; s++) {
      const post = postAccBase + (p.dense ? s - start : conn[p.postConnBase + s]!);
      const eff = p.late ? Math.fround(syn[wBase + s]! + syn[zBase + s]!) : syn[wBase + s]!;
      acc[post] = (acc[post]! + fixedPoint(scale, eff)) | 0;
    }
  }
}
