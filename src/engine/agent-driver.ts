/**
 * The scenario's agent on the host: a RatInABox-style Agent
 * (src/model/spatial/agent.ts) stepped once per engine step, in order, so its
 * path is a function of the seed and the step index alone (the agent's RNG is
 * keyed by its step count), however the run is chunked. Each chunk's positions
 * go to the backend in one upload (x, y per step, f32); grid populations read
 * them there.
 */
import { AGENT_PARAMS, Agent, type AgentParams } from '../model/spatial/agent';
import { environmentOf, trajectoryOf } from '../model/spatial/arena';
import type { AgentSpec } from '../scenario/schema';

/** The motion parameters of an agent section. */
export function agentParamsOf(spec: AgentSpec): AgentParams {
  const out: Record<string, number> = {};
  for (const name of Object.keys(AGENT_PARAMS)) out[name] = spec[name as keyof AgentParams];
  return out as AgentParams;
}

export class AgentDriver {
  private agent: Agent;

  constructor(spec: AgentSpec, seed: number, private readonly dt: number) {
    const env = environmentOf(spec.arena);
    this.agent = new Agent(env, { seed, params: agentParamsOf(spec), ...(spec.start ? { start: spec.start } : {}) });
    if (spec.trajectory) this.agent.setDrive({ kind: 'path', path: trajectoryOf(spec.trajectory, env) });
  }

  /** Steps taken (the engine's step index). */
  get steps(): number {
    return this.agent.steps;
  }

  /** The agent's position now (m). */
  get position(): { x: number; y: number } {
    return { x: this.agent.x, y: this.agent.y };
  }

  /**
   * Advances the agent through steps [from, from + steps) and returns its
   * position after each, x and y interleaved (f32): the positions the grid
   * cells see in those steps.
   */
  advance(from: number, steps: number): Float32Array {
    if (from !== this.agent.steps) throw new Error(`agent: asked for step ${from}, but it has taken ${this.agent.steps}`);
    const path = new Float32Array(2 * steps);
    for (let k = 0; k < steps; k++) {
      this.agent.step(this.dt);
      path[2 * k] = this.agent.x;
      path[2 * k + 1] = this.agent.y;
    }
    return path;
  }

  /** New motion parameters, from the current state on (a live patch). */
  setParams(spec: AgentSpec): void {
    const next = Object.assign(Object.create(Agent.prototype) as Agent, this.agent);
    (next as { params: AgentParams }).params = agentParamsOf(spec);
    this.agent = next;
  }
}
