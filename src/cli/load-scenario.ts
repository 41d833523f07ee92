/** Resolves a CLI scenario argument (shipped id or JSON file path) and applies --set patches before validation. */
import { readFileSync } from 'node:fs';
import { ScenarioError } from '../scenario/errors';
import { type PatchValue, setPath } from '../scenario/patch';
import { shippedDocument, shippedIds } from '../scenario/registry';
import type { Scenario } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { UsageError } from './args';

export function loadScenarioArg(arg: string, sets: readonly (readonly [string, PatchValue])[]): Scenario {
  let doc: unknown;
  if (shippedIds().includes(arg)) {
    doc = shippedDocument(arg);
  } else if (arg.endsWith('.json') || arg.includes('/')) {
    let text: string;
    try {
      text = readFileSync(arg, 'utf8');
    } catch {
      throw new UsageError(`cannot read scenario file ${arg}`);
    }
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`${arg} is not valid JSON (${(err as Error).message})`);
    }
  } else {
    throw new UsageError(`unknown scenario "${arg}" (shipped: ${shippedIds().join(', ')}; or give a path to a .json file)`);
  }
  for (const [path, value] of sets) doc = setPath(doc, path, value);
  return parseScenario(doc);
}

/** One line for a CLI error: scenario errors name their field. */
export function describeError(err: unknown): string {
  if (err instanceof ScenarioError) return `invalid scenario: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
