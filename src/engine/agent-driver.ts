/**
 * The scenario's agent on the host: a RatInABox-style Agent
 * (src/model/spatial/agent.ts) stepped once per engine step, in order, so its
 * path is a function of the seed and the step index alone (the agent's RNG is
 * keyed by its step count), however the run is chunked. Each chunk's positions
 * go to the backend in one upload (x, y per step, f32); grid populations read
 * them there.
 */
import { AGENT_PARAMS, Agent, type AgentParams, type Drive } from '../model/spatial/agent';
import { environmentOf, trajectoryOf } from '../model/spatial/arena';
import type { AgentSpec } from '../scenario/schema';
import type { AgentDrive } from './types';

/** The motion parameters of an agent section. */
export function agentParamsOf(spec: AgentSpec): AgentParams {
  const out: Record<string, number> = {};
  for (const name of Object.keys(AGENT_PARAMS)) out[name] = spec[name as keyof AgentParams];
  return out as AgentParams;
}

/** Throws a RangeError for a drive with a number that is not finite (or a negative maxSpeed). */
export function checkDrive(drive: AgentDrive | null): void {
  if (!drive) return;
  const numbers = drive.kind === 'velocity' ? [drive.vx, drive.vy] : [drive.x, drive.y, drive.maxSpeed];
  if (!numbers.every(Number.isFinite) || (drive.kind === 'target' && drive.maxSpeed < 0)) {
    throw new RangeError(`agent drive: ${JSON.stringify(drive)} needs finite numbers (and maxSpeed ≥ 0)`);
  }
}

export class AgentDriver {
  /** the agent's own motion: random, or the scenario's recorded path */
  private readonly ownDrive: Drive;
  private agent: Agent;
  /** the agent's velocity (m/s) in each step of the last advance, x and y interleaved: its displacement over the step / dt (grid sheets integrate it) */
  lastVelocities = new Float32Array(0);

  constructor(spec: AgentSpec, seed: number, private readonly dt: number) {
    const env = environmentOf(spec.arena);
    this.agent = new Agent(env, { seed, params: agentParamsOf(spec), ...(spec.start ? { start: spec.start } : {}) });
    this.ownDrive = spec.trajectory ? { kind: 'path', path: trajectoryOf(spec.trajectory, env) } : { kind: 'random' };
    if (spec.trajectory) this.agent.setDrive(this.ownDrive);
  }

  /** A drive from the page (velocity or target), or null for the agent's own motion again. */
  drive(drive: AgentDrive | null): void {
    checkDrive(drive);
    this.agent.setDrive(drive ?? this.ownDrive);
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
    const velocity = new Float32Array(2 * steps);
    for (let k = 0; k < steps; k++) {
      const x0 = this.agent.x, y0 = this.agent.y;
      this.agent.step(this.dt);
      path[2 * k] = this.agent.x;
      path[2 * k + 1] = this.agent.y;
      velocity[2 * k] = (this.agent.x - x0) / this.dt;
      velocity[2 * k + 1] = (this.agent.y - y0) / this.dt;
    }
    this.lastVelocities = velocity;
    return path;
  }

  /** New motion parameters, from the current state on (a live patch). */
  setParams(spec: AgentSpec): void {
    const next = Object.assign(Object.create(Agent.prototype) as Agent, this.agent);
    (next as { params: AgentParams }).params = agentParamsOf(spec);
    this.agent = next;
  }
}
