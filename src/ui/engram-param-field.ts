/**
 * One parameter: label with unit, slider and number field over the
 * parameter's range, a marker when it differs from the scenario's value, and
 * a reset button. Sends engram-set / engram-unset; shows the validation error
 * the app hands back.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FieldSpec } from '../scenario/fields';
import { emit } from './events';

/** The slider covers a useful span around the scenario's value; the number field takes the whole range. */
export function sliderRange(spec: FieldSpec, base: number, value: number): [number, number] {
  let [lo, hi] = base > 0 ? [Math.max(spec.min, 0), Math.min(spec.max, 4 * base)]
    : base < 0 ? [Math.max(spec.min, 4 * base), Math.min(spec.max, 0)]
    : [Math.max(spec.min, -100), Math.min(spec.max, 100)];
  lo = Math.min(lo, value);
  hi = Math.max(hi, value);
  return [lo, hi];
}

@customElement('engram-param-field')
export class EngramParamField extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; padding: 6px 0; border-bottom: 1px solid #e3e6ea; }
    label { font-weight: 600; }
    .unit { color: #4a5462; font-weight: 400; }
    .changed { color: #b35c00; font-weight: 700; }
    .inputs { grid-column: 1 / -1; display: flex; gap: 8px; align-items: center; }
    input[type=range] { flex: 1; min-width: 80px; accent-color: #1f5fbf; }
    input[type=number] { width: 7.5em; font: inherit; padding: 3px 6px; border: 1px solid #7a8594; border-radius: 4px; }
    input[aria-invalid=true] { border-color: #c0392b; background: #fde8e6; }
    button { font: inherit; font-size: 0.85rem; padding: 2px 8px; border: 1px solid #7a8594; border-radius: 4px; background: #fff; cursor: pointer; }
    button:disabled { opacity: 0.45; cursor: default; }
    :focus-visible { outline: 3px solid #f0a500; outline-offset: 1px; }
    .doc { grid-column: 1 / -1; color: #4a5462; font-size: 0.85rem; }
    .error { grid-column: 1 / -1; color: #a93226; font-size: 0.9rem; }
  `;

  @property({ attribute: false }) field!: FieldSpec;
  @property({ type: Number }) value = 0;
  @property({ type: Number }) base = 0;
  @property({ type: Boolean }) changed = false;
  @property() error = '';

  override render() {
    const f = this.field;
    const [lo, hi] = sliderRange(f, this.base, this.value);
    const step = f.integer ? 1 : (hi - lo) / 200 || 'any';
    const id = `p-${f.path.replace(/\W/g, '-')}`;
    return html`
      <label for=${id}>${f.name} <span class="unit">(${f.unit})</span>${this.changed ? html` <span class="changed" title="changed from the scenario's value">●</span>` : nothing}</label>
      <button ?disabled=${!this.changed} @click=${() => emit(this, 'engram-unset', { path: f.path })}
        aria-label=${`reset ${f.name} to ${this.base}`} title=${`reset to ${this.base}`}>reset</button>
      <div class="inputs">
        <input type="range" min=${lo} max=${hi} step=${step} .value=${String(this.value)} aria-label=${`${f.name} (${f.unit}) slider`}
          @input=${(e: Event) => this.send((e.target as HTMLInputElement).valueAsNumber)} />
        <input id=${id} type="number" min=${f.min} max=${f.max} step="any" .value=${String(this.value)} aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${`${id}-doc`} @change=${(e: Event) => this.send((e.target as HTMLInputElement).valueAsNumber)} />
      </div>
      <div class="doc" id=${`${id}-doc`}>${f.doc}${f.cite ? ` (${f.cite})` : ''}</div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
    `;
  }

  private send(value: number): void {
    emit(this, 'engram-set', { path: this.field.path, value });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-param-field': EngramParamField;
  }
}
