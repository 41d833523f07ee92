// One step of a projection's plasticity rule over every synapse (one thread
// each): pair/triplet STDP, the Graupner–Brunel calcium rule, BCM, the
// NMDA-gated Hebbian rule, tagging and capture, and behavioural-timescale plasticity (BTSP) (calcium-driven early phase,
// tag, protein capture into the late weight z). Equations and sources:
// src/model/plasticity-params.ts. CPU reference: src/model/kernels/plasticity.ts.
// PlasticityParams, the trace sections and the NMDA-gated rule's arithmetic:
// plasticity-rule.wgsl (shared with the event-driven form, plasticity-events.wgsl).
// A phase kernel (src/engine/gpu/phase.ts): each projection writes its own synapses (and adds
// into protein sums), so the step's sweeps share one dispatch. Arenas: state, conn, syn, acc
// (common/arenas.wgsl).

const STDP = 0u;
const CALCIUM = 1u;
const BCM = 2u;
const NMDA_HEBBIAN = 3u;
const TAG_CAPTURE = 4u;
const BTSP = 5u;

fn pre_trace(p: PlasticityParams, k: u32, j: u32) -> f32 { return state[p.preTraceBase + k * p.preN + j]; }
fn post_trace(p: PlasticityParams, k: u32, i: u32) -> f32 { return state[p.postTraceBase + k * p.postN + i]; }

fn plasticity_sweep(p: PlasticityParams, wg: u32, wgs: u32, lid: u32) {
  let s = wg * 64u + lid;
  if (s >= p.synCount) { return; }
  var j: u32;
  var i: u32;
  if (p.dense != 0u) {
    j = s / p.postN;
    i = s - j * p.postN;
  } else {
    j = conn[p.preConnBase + s];
    i = conn[p.postConnBase + s];
  }
  var w = syn[p.wBase + s];
  var c = 0.0;
  switch p.rule {
    case STDP: {
      // traces read without this step's own spikes: simultaneous spikes do not pair
      let preSpk = pre_trace(p, SPK, j);
      let postSpk = post_trace(p, SPK, i);
      let pot = postSpk * (pre_trace(p, T1, j) - preSpk) * (p.aPlus + p.a3Plus * (post_trace(p, T2, i) - postSpk));
      let dep = preSpk * (post_trace(p, T1, i) - postSpk) * (p.aMinus + p.a3Minus * (pre_trace(p, T2, j) - preSpk));
      var dw = pot - dep;
      if (p.softBounds != 0u) { dw = pot * (p.wMax - w) - dep * (w - p.wMin); }
      w = clamp(w + p.gain * dw, p.wMin, p.wMax);
    }
    case CALCIUM, TAG_CAPTURE: {
      c = p.cPre * pre_trace(p, CA, j) + p.cPost * post_trace(p, CA, i);
      let hp = select(0.0, 1.0, c > p.thetaP);
      let hd = select(0.0, 1.0, c > p.thetaD);
      var noise = 0.0;
      if (hp + hd > 0.0) { noise = p.noiseAmp * sqrt(hp + hd) * rng_normal(p.seed, current_step(), s, p.stream); }
      if (p.rule == CALCIUM) {
        let drift = -w * (1.0 - w) * (p.rhoStar - w) + p.gammaP * (1.0 - w) * hp - p.gammaD * w * hd;
        w += p.gain * (p.dtOverTau * drift + noise);
      } else {
        let drift = 0.1 * (1.0 - w) + p.gammaP * (p.hMax - w) * hp - p.gammaD * w * hd;
        w += p.gain * (p.dtOverTau * drift + noise);
        let dev = w - 1.0;
        var protein = 0.0;
        if (p.trkbBlock == 0u) { protein = state[p.proteinBase + i] + p.bdnf; }
        let z = syn[p.zBase + s];
        var dz = 0.0;
        if (dev > p.tagThreshold) { dz = protein * (1.0 - z); } else if (-dev > p.tagThreshold) { dz = -protein * (z + 0.5); }
        syn[p.zBase + s] = z + p.dtOverTauZ * dz;
        atomicAdd(&acc[p.protAccBase + i], i32(floor(p.protScale * abs(dev) + 0.5)));
      }
    }
    case BCM: {
      let x = pre_trace(p, RATE, j);
      let y = post_trace(p, RATE, i);
      w = clamp(w + p.gain * p.etaDt * x * y * (y - post_trace(p, THETA, i)), p.wMin, p.wMax);
    }
    case NMDA_HEBBIAN: {
      let r = nmda_hebbian(p, w, j, i);
      w = r.x;
      c = r.y;
    }
    case BTSP: {
      // hasV: vBase is the postsynaptic external current (pA); a plateau while it exceeds thetaP
      var plateau = 0.0;
      if (p.hasV != 0u && state[p.vBase + i] > p.thetaP) { plateau = 1.0; }
      c = pre_trace(p, T1, j) * plateau;
      w = clamp(w + p.gain * c * (p.gammaP * (p.wMax - w) - p.gammaD * (w - p.wMin)), p.wMin, p.wMax);
    }
    default: {}
  }
  syn[p.wBase + s] = w;
  if (p.storeC != 0u) { syn[p.cBase + s] = c; }
}
