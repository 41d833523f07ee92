/** The shipped scenarios (scenarios/*.json) and the resolution of URL state into a Scenario. */
import eiNetwork from '../../scenarios/ei-network.json';
import gridAttractor from '../../scenarios/grid-attractor.json';
import gridCells from '../../scenarios/grid-cells.json';
import ltpLtdBalance from '../../scenarios/ltp-ltd-balance.json';
import placeMapFormation from '../../scenarios/place-map-formation.json';
import placeMapPlateau from '../../scenarios/place-map-plateau.json';
import stdpLab from '../../scenarios/stdp-lab.json';
import taggingAndCapture from '../../scenarios/tagging-and-capture.json';
import workingMemoryRingHalf from '../../scenarios/working-memory-ring-half.json';
import workingMemoryRing from '../../scenarios/working-memory-ring.json';
import { ScenarioError } from './errors';
import { applyPatch } from './patch';
import type { Scenario } from './schema';
import type { UrlState } from './url';
import { parseScenario } from './validate';

const SHIPPED: Readonly<Record<string, unknown>> = {
  'ei-network': eiNetwork,
  'stdp-lab': stdpLab,
  'ltp-ltd-balance': ltpLtdBalance,
  'tagging-and-capture': taggingAndCapture,
  'working-memory-ring': workingMemoryRing,
  'working-memory-ring-half': workingMemoryRingHalf,
  'grid-cells': gridCells,
  'grid-attractor': gridAttractor,
  'place-map-formation': placeMapFormation,
  'place-map-plateau': placeMapPlateau,
};

export const DEFAULT_SCENARIO_ID = 'ei-network';

export function shippedIds(): string[] {
  return Object.keys(SHIPPED);
}

/** The raw JSON document of a shipped scenario (for patching before validation). */
export function shippedDocument(id: string): unknown {
  if (!Object.hasOwn(SHIPPED, id)) throw new ScenarioError('id', `no shipped scenario "${id}" (have: ${shippedIds().join(', ')})`);
  return structuredClone(SHIPPED[id]);
}

export function loadShipped(id: string): Scenario {
  return parseScenario(shippedDocument(id));
}

export function scenarioFromUrlState(state: UrlState): Scenario {
  if (state.base !== undefined) return parseScenario(applyPatch(shippedDocument(state.base), state.patch ?? {}));
  return parseScenario(state.scenario);
}
