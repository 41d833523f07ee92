/**
 * Parameter tables: every model parameter carries its default, unit, range and
 * meaning. Schema validation, default filling, UI sliders and the scenario
 * reference are all generated from these tables (ARCHITECTURE.md, "Units").
 *
 * Unit convention (so the equations need no conversion factors):
 * time s, voltage mV, conductance nS, capacitance nF, current nA, rate Hz.
 * nS·mV = pA and nF·mV/s = pA, so C dV/dt = Σ g (E − V) holds as written.
 */
export interface ParamSpec {
  readonly default: number;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly doc: string;
  readonly cite?: string;
  /** true when the value must be a whole number */
  readonly integer?: boolean;
}

export type ParamTable = Readonly<Record<string, ParamSpec>>;

/** Largest population the scenario format accepts; the device may allow less (checked at build). */
export const MAX_NEURONS = 1 << 24;
