/**
 * Scenario state in a URL hash: `#s=<format>.<base64url(deflate(json))>`.
 * The payload is either a whole scenario or a shipped scenario id plus a patch.
 * Links are untrusted input: sizes are bounded before and during inflation,
 * and the result goes through the same validation as any scenario.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { ScenarioError } from './errors';
import type { ScenarioPatch } from './patch';

export const URL_FORMAT = 1;
/** Longest encoded payload accepted (characters). */
export const MAX_ENCODED = 65536;
/** Largest inflated JSON accepted (bytes): guards against decompression bombs. */
export const MAX_INFLATED = 262144;

export type UrlState =
  | { readonly base: string; readonly patch?: ScenarioPatch; readonly scenario?: undefined }
  | { readonly scenario: unknown; readonly base?: undefined; readonly patch?: undefined };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ScenarioError('link', 'the link is damaged (not base64url)');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(padded);
  } catch {
    throw new ScenarioError('link', 'the link is damaged (not base64url)');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function inflateBounded(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > MAX_INFLATED) throw new ScenarioError('link', `the link expands beyond ${MAX_INFLATED} bytes`);
    chunks.push(chunk);
  });
  try {
    inflater.push(data, true);
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    throw new ScenarioError('link', 'the link is damaged (compressed data is invalid)');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function encodeUrlState(state: UrlState): string {
  const json = JSON.stringify(state);
  return `${URL_FORMAT}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

/** Decodes the value of the `s` hash parameter; throws ScenarioError('link', …) naming the problem. */
export function decodeUrlState(encoded: string): UrlState {
  if (encoded.length > MAX_ENCODED) throw new ScenarioError('link', `the link is longer than ${MAX_ENCODED} characters`);
  const dot = encoded.indexOf('.');
  const version = Number(encoded.slice(0, dot));
  if (dot < 1 || !Number.isInteger(version)) throw new ScenarioError('link', 'the link has no format version');
  if (version !== URL_FORMAT) throw new ScenarioError('link', `link format ${version} is not supported (expected ${URL_FORMAT})`);
  const bytes = inflateBounded(fromBase64Url(encoded.slice(dot + 1)));
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(bytes));
  } catch {
    throw new ScenarioError('link', 'the link does not hold valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ScenarioError('link', 'the link does not hold a scenario');
  const obj = parsed as Record<string, unknown>;
  if (typeof obj.base === 'string') {
    const patch = obj.patch ?? {};
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new ScenarioError('link.patch', 'must be an object');
    for (const [k, val] of Object.entries(patch)) {
      if (!['number', 'string', 'boolean'].includes(typeof val)) throw new ScenarioError(`link.patch.${k}`, 'must be a number, string or boolean');
    }
    return { base: obj.base, patch: patch as ScenarioPatch };
  }
  if ('scenario' in obj) return { scenario: obj.scenario };
  throw new ScenarioError('link', 'the link holds neither a scenario nor a base scenario id');
}
