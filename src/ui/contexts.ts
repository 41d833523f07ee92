/** Contexts the app provides to its elements (@lit/context): the scenario store and the running engine. */
import { createContext } from '@lit/context';
import type { Engine } from '../engine';
import type { ScenarioStore } from './scenario-store';

export const storeContext = createContext<ScenarioStore>(Symbol('engram-store'));
export const engineContext = createContext<Engine | undefined>(Symbol('engram-engine'));
