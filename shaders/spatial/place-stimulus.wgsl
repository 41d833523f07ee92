// A place-gated stimulus (behavioural-timescale plateau trigger, Bittner et al. 2017):
// per neuron, before the population's update, while the window [onStep, offStep) is
// open the agent's entry into the disc (radius2 around (x, y), m; its position of this
// step from the chunk's path in tables at pathBase) starts a plateau of plateauSteps
// steps on cells [first, last), once per entry: the gate disarms when it fires and
// re-arms outside the disc. iExt = host-written current (block section 0) + amplitude
// during a plateau. Each neuron keeps its own copy of the gate (sections 1: steps left,
// 2: armed), so threads never share a write.
// A phase kernel (src/engine/gpu/phase.ts): it writes its population's stimulus, which no
// delivery reads, so it shares a dispatch with the step's deliveries. Arenas: state, tables
// (common/arenas.wgsl). CPU reference: src/model/kernels/place-stimulus.ts.

struct PlaceStimulusParams {
  n: u32, blockBase: u32, iExtBase: u32, pathBase: u32, first: u32, last: u32, onStep: u32, offStep: u32,
  plateauSteps: f32, x: f32, y: f32, radius2: f32, amplitude: f32,
}

fn place_stimulus(p: PlaceStimulusParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
  if (i >= p.n) { return; }
  let step = current_step();
  let k = step - chunk.baseStep;
  let dx = tables[p.pathBase + 2u * k] - p.x;
  let dy = tables[p.pathBase + 2u * k + 1u] - p.y;
  let inside = dx * dx + dy * dy <= p.radius2;
  let windowOpen = step >= p.onStep && step < p.offStep;
  let left = p.blockBase + p.n + i;
  let armed = p.blockBase + 2u * p.n + i;
  var remaining = state[left];
  if (windowOpen && inside && state[armed] > 0.5) {
    remaining = p.plateauSteps;
    state[armed] = 0.0;
  }
  if (!inside) { state[armed] = 1.0; }
  let on = remaining > 0.0 && i >= p.first && i < p.last;
  state[left] = max(0.0, remaining - 1.0);
  state[p.iExtBase + i] = state[p.blockBase + i] + select(0.0, p.amplitude, on);
}
