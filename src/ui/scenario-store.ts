/**
 * The app's scenario state: a base document (a shipped scenario, or one a
 * user imported or linked) plus a patch of changed fields (parameters, seed).
 * The current Scenario is always parse(base + patch), so the URL, the panel
 * and the engine agree on one source of truth. Emits 'change' events.
 */
import { ScenarioError } from '../scenario/errors';
import { applyPatch, getPath, type PatchValue, type ScenarioPatch } from '../scenario/patch';
import { DEFAULT_SCENARIO_ID, shippedDocument } from '../scenario/registry';
import type { Scenario } from '../scenario/schema';
import { decodeUrlState, type UrlState } from '../scenario/url';
import { parseScenario } from '../scenario/validate';

export interface StoreChange {
  /** fields changed; empty when a whole new scenario was loaded */
  readonly paths: readonly string[];
}

export class ScenarioStore extends EventTarget {
  private baseDoc: unknown;
  private baseScenario: Scenario;
  private patchValues: Record<string, PatchValue> = {};
  private current: Scenario;
  baseId: string | undefined;

  constructor(baseId = DEFAULT_SCENARIO_ID) {
    super();
    this.baseId = baseId;
    this.baseDoc = shippedDocument(baseId);
    this.baseScenario = parseScenario(this.baseDoc);
    this.current = this.baseScenario;
  }

  get scenario(): Scenario {
    return this.current;
  }

  get patch(): ScenarioPatch {
    return this.patchValues;
  }

  /** The value of a field in the base document (what "reset to default" restores). */
  baseValue(path: string): unknown {
    try {
      return getPath(this.baseScenario, path);
    } catch {
      return undefined;
    }
  }

  isChanged(path: string): boolean {
    return Object.hasOwn(this.patchValues, path);
  }

  /** Sets fields; throws ScenarioError (naming the field) and changes nothing if the result is invalid. */
  set(values: ScenarioPatch): void {
    const patch = { ...this.patchValues, ...values };
    for (const [path, value] of Object.entries(values)) if (this.baseValue(path) === value) delete patch[path];
    const next = parseScenario(applyPatch(this.baseDoc, patch));
    this.patchValues = patch;
    this.current = next;
    this.emit(Object.keys(values));
  }

  /** Back to the base document's value. */
  reset(path: string): void {
    const patch = { ...this.patchValues };
    delete patch[path];
    this.current = parseScenario(applyPatch(this.baseDoc, patch));
    this.patchValues = patch;
    this.emit([path]);
  }

  loadShipped(id: string): void {
    const doc = shippedDocument(id);
    this.current = parseScenario(doc);
    this.baseScenario = this.current;
    this.baseDoc = doc;
    this.baseId = id;
    this.patchValues = {};
    this.emit([]);
  }

  /** A whole scenario document (file import or link): validated first; nothing changes if it is invalid. */
  loadDocument(doc: unknown): void {
    const scenario = parseScenario(doc);
    this.baseDoc = doc;
    this.baseScenario = scenario;
    this.baseId = undefined;
    this.patchValues = {};
    this.current = scenario;
    this.emit([]);
  }

  /** Restores the state a link carries; throws ScenarioError naming the problem. */
  loadUrlState(state: UrlState): void {
    if (state.base !== undefined) {
      const doc = shippedDocument(state.base);
      const patch = { ...(state.patch ?? {}) };
      const scenario = parseScenario(applyPatch(doc, patch));
      this.baseDoc = doc;
      this.baseScenario = parseScenario(doc);
      this.baseId = state.base;
      this.patchValues = patch;
      this.current = scenario;
      this.emit([]);
    } else {
      this.loadDocument(state.scenario);
    }
  }

  /** Reads `#s=…`; returns an error message when the link is bad (the store then keeps its state). */
  loadFromHash(hash: string): string | undefined {
    const encoded = new URLSearchParams(hash.replace(/^#/, '')).get('s');
    if (!encoded) return undefined;
    try {
      this.loadUrlState(decodeUrlState(encoded));
      return undefined;
    } catch (err) {
      return err instanceof ScenarioError ? err.message : String(err);
    }
  }

  urlState(): UrlState {
    if (this.baseId !== undefined) return { base: this.baseId, patch: { ...this.patchValues } };
    return { scenario: applyPatch(this.baseDoc, this.patchValues) };
  }

  /** The current scenario as a standalone document (export). */
  document(): unknown {
    return applyPatch(this.baseDoc, this.patchValues);
  }

  private emit(paths: readonly string[]): void {
    this.dispatchEvent(new CustomEvent<StoreChange>('change', { detail: { paths } }));
  }
}
