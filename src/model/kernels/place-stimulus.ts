/**
 * CPU reference of shaders/spatial/place-stimulus.wgsl: a place-gated
 * stimulus (a behavioural-timescale plateau trigger, Bittner et al. 2017).
 * Per neuron, per step, before the population's update: while the window
 * [onStep, offStep) is open, the agent's entry into the disc (radius² around
 * (x, y), m) starts a plateau of plateauSteps steps on cells [first, last),
 * once per entry: the gate disarms when it fires and re-arms when the agent
 * is outside the disc. iExt = the host-written current + amplitude during a
 * plateau. Every neuron keeps its own copy of the gate (the same values in
 * each), so no thread waits on another.
 */
import type { Arenas, PlaceStimulusParams } from '../kernel-params';

const f = Math.fround;

export function placeStimulus(p: PlaceStimulusParams, a: Arenas, step: number, baseStep: number): void {
  const st = a.state;
  const k = step - baseStep;
  const dx = f(a.tables[p.pathBase + 2 * k]! - p.x);
  const dy = f(a.tables[p.pathBase + 2 * k + 1]! - p.y);
  const inside = f(f(dx * dx) + f(dy * dy)) <= p.radius2;
  const open = step >= p.onStep && step < p.offStep;
  const left = p.blockBase + p.n, armed = p.blockBase + 2 * p.n;
  for (let i = 0; i < p.n; i++) {
    let remaining = st[left + i]!;
    if (open && inside && st[armed + i]! > 0.5) {
      remaining = p.plateauSteps;
      st[armed + i] = 0;
    }
    if (!inside) st[armed + i] = 1;
    const on = remaining > 0 && i >= p.first && i < p.last;
    st[left + i] = Math.max(0, remaining - 1);
    st[p.iExtBase + i] = f(st[p.blockBase + i]! + (on ? p.amplitude : 0));
  }
}
