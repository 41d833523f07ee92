/** Typed custom events the app's elements send up (ARCHITECTURE.md: events `engram-<verb>`). */
import type { PatchValue } from '../scenario/patch';

export interface EngramEvents {
  'engram-set': { path: string; value: PatchValue };
  'engram-unset': { path: string };
  'engram-load': { id: string };
  'engram-import': { text: string; name: string };
  'engram-command': { command: 'run' | 'step' | 'reset' | 'presenter' | 'help' | 'copy-link' | 'export-json' | 'export-csv' | 'export-scenario' };
  'engram-speed': { speed: number };
  'engram-place': { stimulus: string; angle: number };
  /** an arena click: the place-gated stimulus moves to (x, y) m and onto cell `cell` */
  'engram-place-at': { stimulus: string; x: number; y: number; cell: number };
}

export function emit<K extends keyof EngramEvents>(from: EventTarget, type: K, detail: EngramEvents[K]): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'engram-set': CustomEvent<EngramEvents['engram-set']>;
    'engram-unset': CustomEvent<EngramEvents['engram-unset']>;
    'engram-load': CustomEvent<EngramEvents['engram-load']>;
    'engram-import': CustomEvent<EngramEvents['engram-import']>;
    'engram-command': CustomEvent<EngramEvents['engram-command']>;
    'engram-speed': CustomEvent<EngramEvents['engram-speed']>;
    'engram-place': CustomEvent<EngramEvents['engram-place']>;
    'engram-place-at': CustomEvent<EngramEvents['engram-place-at']>;
  }
}
