/**
 * WebAssembly SIMD form of the CPU backend's LIF step (AssemblyScript, built by
 * scripts/build-wasm.mjs into src/model/kernels/lif-update-wasm.ts).
 *
 * The reference is src/model/kernels/lif-update.ts (itself the CPU mirror of
 * shaders/lif/lif-update.wgsl): this file performs the same f64 operations in
 * the same order, two neurons per f64x2 vector, so every stored f32 has the
 * same bits (tests/model/lif-wasm.test.ts). Branches become lane masks
 * (refractory, spike, idle NMDA gating); spikes are appended in index order by
 * scalar code. Poisson counts use the same counter-based hash (src/model/rng.ts)
 * on four i32 lanes. Pointers are byte offsets into the backend's arena memory.
 */

import { appendSpike, hash4, loadF32, storeF32, storeZero } from './common';

/** Math.exp of the host, for arguments outside expPoly's table (|x| > ~708 or NaN), as in src/model/exp.ts */
@external('env', 'exp')
declare function hostExp(x: f64): f64;

// Section index of each LIF variable (× n from the population's state base); LIF_SECTIONS.
const V: usize = 0, REF: usize = 1, S_AMPA: usize = 2, S_GABA: usize = 3, G_NMDA: usize = 4;
const I_IN: usize = 5, I_EXT: usize = 6, X_NMDA: usize = 7, S_NMDA: usize = 8, G_ADAPT: usize = 9;

// src/model/exp.ts
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const LOG2E: f64 = 1.4426950408889634;
const MIN_EXPONENT: f64 = -1022;
const MAX_EXPONENT: f64 = 1023;

@inline function splat(x: f64): v128 {
  return f64x2.splat(x);
}

/** expPoly (src/model/exp.ts) of both lanes: k = floor(x log2e + 1/2), degree-7 Taylor of e^r, times 2^k. */
function expPoly2(x: v128): v128 {
  const k = f64x2.floor(f64x2.add(f64x2.mul(x, splat(LOG2E)), splat(0.5)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, splat(LN2_HI))), f64x2.mul(k, splat(LN2_LO)));
  // Estrin's scheme: (1 + r) + r²(1/2 + r/6) + r⁴((1/24 + r/120) + r²(1/720 + r/5040))
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const p01 = f64x2.add(splat(1), r);
  const p23 = f64x2.add(splat(1.0 / 2), f64x2.mul(r, splat(1.0 / 6)));
  const p45 = f64x2.add(splat(1.0 / 24), f64x2.mul(r, splat(1.0 / 120)));
  const p67 = f64x2.add(splat(1.0 / 720), f64x2.mul(r, splat(1.0 / 5040)));
  const p = f64x2.add(f64x2.add(p01, f64x2.mul(r2, p23)), f64x2.mul(r4, f64x2.add(p45, f64x2.mul(r2, p67))));
  // 2^k from its bits: biased exponent k + 1023 (a normal number inside the range checked below)
  const pow2 = i64x2.shl(i64x2.add(i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k)), i64x2.splat(1023)), 52);
  let y = f64x2.mul(p, pow2);
  const inRange = v128.and(f64x2.gt(k, splat(MIN_EXPONENT)), f64x2.lt(k, splat(MAX_EXPONENT)));
  if (!i64x2.all_true(inRange)) {
    if (i64x2.extract_lane(inRange, 0) == 0) y = f64x2.replace_lane(y, 0, hostExp(f64x2.extract_lane(x, 0)));
    if (i64x2.extract_lane(inRange, 1) == 0) y = f64x2.replace_lane(y, 1, hostExp(f64x2.extract_lane(x, 1)));
  }
  return y;
}

/** i32 values at ptr (two, or one) as f64 lanes */
@inline function loadI32(ptr: usize, pair: bool): v128 {
  return f64x2.convert_low_i32x4_s(pair ? v128.load64_zero(ptr) : v128.load32_zero(ptr));
}

/**
 * poissonCounts (src/model/rng.ts) as i32: out[i] = number of k < 31 with u_i ≥ cdf[k], which is the
 * reference's search count because the table is non-decreasing. Writes ceil(n/4)·4 entries.
 */
export function poissonCounts(out: usize, n: i32, cdf: usize, stepKey: u32, stream: u32): void {
  const key = i32x4.splat(stepKey);
  const str = i32x4.splat(stream);
  for (let i = 0; i < n; i += 4) {
    const index = i32x4.add(i32x4.splat(i), i32x4(0, 1, 2, 3));
    const bits = hash4(v128.xor(hash4(v128.xor(key, index)), str));
    // 24-bit uniform, exact in f32 as in f64 (u32ToUniform)
    const u = f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(bits, 8)), f32x4.splat(1.0 / 16777216));
    // entries 0–3 without a branch (rarely all below at the rates used), then while any lane is above
    let count = i32x4.splat(0);
    let k = 0;
    for (; k < 4; k++) count = i32x4.sub(count, f32x4.ge(u, f32x4.splat(load<f32>(cdf + (<usize>k << 2))))); // a true lane is −1
    for (; k < 31; k++) {
      const above = f32x4.ge(u, f32x4.splat(load<f32>(cdf + (<usize>k << 2))));
      if (!v128.any_true(above)) break;
      count = i32x4.sub(count, above);
    }
    v128.store(out + (<usize>i << 2), count);
  }
}

/**
 * One step of n neurons whose sections start at st; see lifUpdate in src/model/kernels/lif-update.ts
 * for the model. countsAmpa/countsGaba: the step's Poisson counts (i32, from poissonCounts).
 * listCount/list: this step's spike list; recordCount/recordEntries: the raster record (pairs of
 * step − baseStep and index); countsBin: the rate probe's bin row.
 */
export function lifUpdate(
  n: i32, st: usize, acc: usize, countsAmpa: usize, countsGaba: usize,
  listCount: usize, list: usize, recordCount: usize, recordEntries: usize, recordLimit: u32, recordCap: u32,
  countsBin: usize, countGroupSize: u32, stepInChunk: u32,
  poissonAmpa: bool, poissonGaba: bool, hasNmdaIn: bool, hasRateIn: bool, hasStimulus: bool, hasNmdaOut: bool, adaptOn: bool, conductance: bool,
  decayAmpa: f64, decayGaba: f64, invScaleAmpa: f64, invScaleGaba: f64, wPoissonAmpa: f64, wPoissonGaba: f64,
  gL: f64, EL: f64, Vth: f64, Vreset: f64, Eampa: f64, Egaba: f64, Enmda: f64, mgFactor: f64, iBias: f64,
  dt: f64, invC: f64, refSteps: f64, nmdaDecayRate: f64, alphaNmda: f64, decayNmdaRise: f64, decayNmdaIdle: f64,
  decayAdapt: f64, adaptIncrement: f64, EK: f64,
): void {
  const bytes = <usize>n << 2;
  const vB = st + V * bytes, refB = st + REF * bytes, sAB = st + S_AMPA * bytes, sGB = st + S_GABA * bytes, gNB = st + G_NMDA * bytes;
  const iInB = st + I_IN * bytes, iExtB = st + I_EXT * bytes, xB = st + X_NMDA * bytes, sNB = st + S_NMDA * bytes, gAB = st + G_ADAPT * bytes;
  const zero = splat(0), one = splat(1);
  for (let i = 0; i < n; i += 2) {
    const pair = i + 1 < n;
    const o = <usize>i << 2;
    let sA = f64x2.add(f64x2.mul(loadF32(sAB + o, pair), splat(decayAmpa)), f64x2.mul(loadI32(acc + o, pair), splat(invScaleAmpa)));
    let sG = f64x2.add(f64x2.mul(loadF32(sGB + o, pair), splat(decayGaba)), f64x2.mul(loadI32(acc + bytes + o, pair), splat(invScaleGaba)));
    storeZero(acc + o, pair);
    storeZero(acc + bytes + o, pair);
    if (poissonAmpa) sA = f64x2.add(sA, f64x2.mul(loadI32(countsAmpa + o, pair), splat(wPoissonAmpa)));
    if (poissonGaba) sG = f64x2.add(sG, f64x2.mul(loadI32(countsGaba + o, pair), splat(wPoissonGaba)));
    const gN = hasNmdaIn ? loadF32(gNB + o, pair) : zero;
    const iIn = hasRateIn ? loadF32(iInB + o, pair) : zero;
    const iExt = hasStimulus ? loadF32(iExtB + o, pair) : zero;
    const gA = adaptOn ? f64x2.mul(loadF32(gAB + o, pair), splat(decayAdapt)) : zero;

    const v0 = loadF32(vB + o, pair);
    const ref0 = loadF32(refB + o, pair);
    const refractory = f64x2.gt(ref0, zero);
    // the integration, used in the lanes that are not refractory
    // NMDA through the Mg block (Jahr & Stevens 1990); without NMDA input gN·B(V) is +0 whatever B
    const mgBlock = hasNmdaIn ? f64x2.div(one, f64x2.add(one, f64x2.mul(splat(mgFactor), expPoly2(f64x2.mul(splat(-0.062), v0))))) : zero;
    const gNb = f64x2.mul(gN, mgBlock);
    let gTot = f64x2.add(splat(gL), gA);
    let iEq = f64x2.add(f64x2.add(f64x2.add(f64x2.add(splat(gL * EL), f64x2.mul(gA, splat(EK))), splat(iBias)), iExt), iIn);
    if (conductance) {
      gTot = f64x2.add(gTot, f64x2.add(f64x2.add(sA, sG), gNb));
      iEq = f64x2.add(iEq, f64x2.add(f64x2.add(f64x2.mul(sA, splat(Eampa)), f64x2.mul(sG, splat(Egaba))), f64x2.mul(gNb, splat(Enmda))));
    } else {
      iEq = f64x2.add(iEq, f64x2.add(f64x2.add(sA, sG), gNb));
    }
    const vInf = f64x2.div(iEq, gTot);
    const vNext = f64x2.add(vInf, f64x2.mul(f64x2.sub(v0, vInf), expPoly2(f64x2.mul(f64x2.mul(splat(-dt), gTot), splat(invC)))));
    let spiked = v128.andnot(f64x2.ge(vNext, splat(Vth)), refractory);
    if (!pair) spiked = i64x2.replace_lane(spiked, 1, 0); // the empty upper lane never spikes
    const v = v128.bitselect(splat(Vreset), vNext, v128.or(refractory, spiked));
    const ref = v128.bitselect(f64x2.sub(ref0, one), v128.bitselect(splat(refSteps), ref0, spiked), refractory);
    storeF32(vB + o, v, pair);
    storeF32(refB + o, ref, pair);
    storeF32(sAB + o, sA, pair);
    storeF32(sGB + o, sG, pair);
    if (adaptOn) storeF32(gAB + o, f64x2.add(gA, v128.and(spiked, splat(adaptIncrement))), pair);

    if (hasNmdaOut) {
      // Saturating NMDA gating, exponential Euler with x held over the step (Wang 1999).
      const x = loadF32(xB + o, pair);
      const s = loadF32(sNB + o, pair);
      const ax = f64x2.mul(splat(alphaNmda), x);
      const k = f64x2.add(splat(nmdaDecayRate), ax);
      const sInf = f64x2.div(ax, k);
      const idle = f64x2.eq(k, splat(nmdaDecayRate));
      const decay = i64x2.all_true(idle) ? splat(decayNmdaIdle) : v128.bitselect(splat(decayNmdaIdle), expPoly2(f64x2.mul(f64x2.neg(k), splat(dt))), idle);
      storeF32(sNB + o, f64x2.add(sInf, f64x2.mul(f64x2.sub(s, sInf), decay)), pair);
      storeF32(xB + o, f64x2.add(f64x2.mul(x, splat(decayNmdaRise)), v128.and(spiked, one)), pair);
    }

    const fired = i64x2.bitmask(spiked);
    if (fired & 1) appendSpike(<u32>i, listCount, list, recordCount, recordEntries, recordLimit, recordCap, countsBin, countGroupSize, stepInChunk);
    if (fired & 2) appendSpike(<u32>i + 1, listCount, list, recordCount, recordEntries, recordLimit, recordCap, countsBin, countGroupSize, stepInChunk);
  }
}
