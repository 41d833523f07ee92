/**
 * Run controls: play/pause, single step, reset, speed (0.1× real time to as
 * fast as possible), seed, simulated time and the measured real-time factor.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from './events';

export const SPEEDS: readonly (readonly [string, number])[] = [
  ['0.1×', 0.1], ['0.25×', 0.25], ['0.5×', 0.5], ['1× real time', 1], ['2×', 2], ['5×', 5], ['10×', 10], ['as fast as possible', Infinity],
];

@customElement('engram-controls')
export class EngramControls extends LitElement {
  static override styles = css`
    :host { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
    button, select, input { font: inherit; font-size: 1rem; padding: 7px 14px; border-radius: 6px; border: 1px solid #6b7584; background: #fff; color: #1b1f24; }
    button { cursor: pointer; }
    button.primary { background: #1f5fbf; border-color: #1f5fbf; color: #fff; min-width: 6.5em; }
    input { width: 7em; padding: 7px 8px; }
    :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
    button:disabled { opacity: 0.5; cursor: default; }
    .status { font-variant-numeric: tabular-nums; margin-left: auto; }
    label { display: inline-flex; gap: 6px; align-items: center; }
  `;

  @property({ type: Boolean }) running = false;
  @property({ type: Boolean }) disabled = false;
  @property({ type: Boolean }) compact = false;
  @property({ type: Number }) time = 0;
  @property({ type: Number }) rtf = 0;
  @property({ type: Number }) speed = 1;
  @property({ type: Number }) seed = 1;
  @property() backend = '';

  override render() {
    return html`
      <button class="primary" id="run" ?disabled=${this.disabled} aria-pressed=${this.running} aria-keyshortcuts="Space"
        @click=${() => emit(this, 'engram-command', { command: 'run' })}>${this.running ? 'Pause' : 'Run'}</button>
      <button id="step" ?disabled=${this.disabled || this.running} aria-keyshortcuts="ArrowRight" title="Advance 10 ms (→)"
        @click=${() => emit(this, 'engram-command', { command: 'step' })}>Step 10 ms</button>
      <button id="reset" ?disabled=${this.disabled} aria-keyshortcuts="r" title="Back to t = 0 (r)"
        @click=${() => emit(this, 'engram-command', { command: 'reset' })}>Reset</button>
      ${this.compact ? '' : html`
        <label>Speed
          <select id="speed" @change=${(e: Event) => emit(this, 'engram-speed', { speed: SPEEDS[Number((e.target as HTMLSelectElement).value)]![1] })}>
            ${SPEEDS.map(([label, v], k) => html`<option value=${k} ?selected=${v === this.speed}>${label}</option>`)}
          </select>
        </label>
        <label>Seed
          <input id="seed" type="number" min="0" max="4294967295" step="1" .value=${String(this.seed)}
            @change=${(e: Event) => emit(this, 'engram-set', { path: 'seed', value: (e.target as HTMLInputElement).valueAsNumber })} />
        </label>`}
      <span class="status" role="status" aria-live="off">t = ${this.time.toFixed(2)} s · ${this.rtf.toFixed(2)}× real time${this.backend ? ` · ${this.backend}` : ''}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-controls': EngramControls;
  }
}
