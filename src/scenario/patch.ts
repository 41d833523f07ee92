/**
 * Dotted-path edits of a scenario document, shared by the CLI's --set, UI
 * patches and URL state. Array elements are addressed by their id
 * ("populations.E.tauNmdaDecay") or, failing that, by index.
 */
import { ScenarioError } from './errors';

export type PatchValue = number | string | boolean;
export type ScenarioPatch = Readonly<Record<string, PatchValue>>;

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Returns a deep copy of doc with the field at path set to value; missing object sections on the way are created. */
export function setPath<T>(doc: T, path: string, value: PatchValue): T {
  const parts = path.split('.');
  if (!path || parts.some((p) => p === '' || FORBIDDEN.has(p))) throw new ScenarioError(path, 'not a valid field path');
  const copy = structuredClone(doc) as unknown;
  let node: unknown = copy;
  for (let k = 0; k < parts.length - 1; k++) {
    // an optional section the document leaves out (e.g. modulators) is created; validation still names unknown fields
    const isObject = typeof node === 'object' && node !== null && !Array.isArray(node);
    if (isObject && !Object.hasOwn(node as object, parts[k]!) && !/^\d+$/.test(parts[k + 1]!)) (node as Record<string, unknown>)[parts[k]!] = {};
    node = child(node, parts[k]!, parts.slice(0, k + 1).join('.'));
  }
  const last = parts[parts.length - 1]!;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new ScenarioError(path, 'no such field');
  (node as Record<string, unknown>)[last] = value;
  return copy as T;
}

export function getPath(doc: unknown, path: string): unknown {
  let node = doc;
  const parts = path.split('.');
  for (let k = 0; k < parts.length; k++) node = child(node, parts[k]!, parts.slice(0, k + 1).join('.'));
  return node;
}

function child(node: unknown, key: string, pathSoFar: string): unknown {
  if (Array.isArray(node)) {
    const byId = node.find((el) => typeof el === 'object' && el !== null && (el as { id?: unknown }).id === key);
    if (byId !== undefined) return byId;
    if (/^\d+$/.test(key) && Number(key) < node.length) return node[Number(key)];
    throw new ScenarioError(pathSoFar, 'no element with this id');
  }
  if (typeof node === 'object' && node !== null && Object.hasOwn(node, key)) return (node as Record<string, unknown>)[key];
  throw new ScenarioError(pathSoFar, 'no such field');
}

export function applyPatch<T>(doc: T, patch: ScenarioPatch): T {
  let out = doc;
  for (const [path, value] of Object.entries(patch)) out = setPath(out, path, value);
  return out;
}

/** CLI and URL values: JSON numbers, booleans and quoted strings are parsed, anything else is a string. */
export function parsePatchValue(text: string): PatchValue {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'number' || typeof parsed === 'boolean' || typeof parsed === 'string') return parsed;
  } catch {
    // not JSON: a bare string such as a receptor name
  }
  return text;
}
