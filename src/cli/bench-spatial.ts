/**
 * The hippocampal-map benchmarks (issue 4; docs/benchmarks.md "Hippocampal map"):
 * the feed-forward jobs RatInABox was timed on (an agent exploring a 1 m box at
 * dt 10 ms, Gaussian place cells and grid cells, every cell's output every step
 * delivered to the host: RatInABox keeps every rate in its history, here each
 * cell's spike count per step comes back), and the learning scenario
 * place-map-formation at its default size and at 10^5 place cells.
 */
import type { ScenarioInput } from '../scenario/schema';

export interface FeedForwardJob {
  readonly label: string;
  readonly place: number;
  readonly grid: number;
  /** simulated seconds */
  readonly seconds: number;
  /** RatInABox's wall time for the same job on a 2-core machine of this kind (s; issue 4) */
  readonly ratInABoxSeconds: number;
}

export const RATINABOX_JOBS: readonly FeedForwardJob[] = [
  { label: '100 place cells, 60 s', place: 100, grid: 0, seconds: 60, ratInABoxSeconds: 3.1 },
  { label: '1000 place + 1000 grid cells, 60 s', place: 1000, grid: 1000, seconds: 60, ratInABoxSeconds: 10.7 },
  { label: '10,000 place + 1000 grid cells, 10 s', place: 10000, grid: 1000, seconds: 10, ratInABoxSeconds: 4.2 },
];

/** Time step of the RatInABox jobs (s). */
export const FEED_FORWARD_DT = 0.01;

/** A RatInABox job as a scenario: the agent (RatInABox's default motion), place cells (σ 0.2 m), 4 grid modules; per-step counts of every cell. */
export function feedForwardScenario(job: FeedForwardJob): ScenarioInput {
  const populations: ScenarioInput['populations'] = [{ id: 'place', kind: 'place', n: job.place, width: 0.2, rMax: 20 }];
  if (job.grid > 0) populations.push({ id: 'grid', kind: 'grid', modules: 4, cellsPerModule: job.grid / 4, baseSpacing: 0.3, spacingRatio: 1.4, rMax: 20 });
  return {
    schemaVersion: 1, id: 'bench-feed-forward', title: job.label, seed: 1, dt: FEED_FORWARD_DT, duration: job.seconds,
    agent: { arena: { kind: 'box', width: 1, height: 1 } },
    populations,
    probes: [
      { id: 'position', kind: 'agent', everySteps: 1 },
      ...populations.map((p) => ({ id: `${p.id}Counts`, kind: 'rate' as const, population: p.id, binSeconds: FEED_FORWARD_DT, groupSize: 1 })),
    ],
  };
}

/** place-map-formation sizes: the default (10^4 place cells × 10^3 grid inputs) and the benchmark size 10^5 × 10^3. */
export const PLACE_MAP_SIZES = [10_000, 100_000] as const;
