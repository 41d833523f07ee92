/**
 * The parameter panel, generated from the parameter tables (src/scenario/fields.ts):
 * the scenario's one-click switches, then one collapsible group per population,
 * projection, input and stimulus.
 */
import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getPath } from '../scenario/patch';
import { editableFields } from '../scenario/fields';
import { storeContext } from './contexts';
import { emit } from './events';
import './engram-param-field';
import type { ScenarioStore } from './scenario-store';

@customElement('engram-params')
export class EngramParams extends LitElement {
  static override styles = css`
    :host { display: block; }
    h2 { font-size: 1.15rem; margin: 0 0 6px; }
    details { background: #fff; border: 1px solid #d0d5dc; border-radius: 6px; margin: 6px 0; padding: 4px 10px; }
    summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
    summary:focus-visible { outline: 3px solid #f0a500; }
    .hint { color: #4a5462; font-size: 0.9rem; margin: 0 0 6px; }
    .switches { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 8px; }
    .switches button { font: inherit; font-size: 1rem; padding: 6px 12px; border: 2px solid #6b7584; border-radius: 6px; background: #fff; color: #1b1f24; cursor: pointer; }
    .switches button[aria-pressed='true'] { background: #1f5fbf; border-color: #1f5fbf; color: #fff; }
    .switches button:focus-visible { outline: 3px solid #f0a500; outline-offset: 1px; }
  `;

  @consume({ context: storeContext }) store!: ScenarioStore;
  /** Validation errors by field path, set by the app. */
  @property({ attribute: false }) errors: Readonly<Record<string, string>> = {};
  @state() private version = 0;
  private readonly onChange = () => this.version++;

  override connectedCallback(): void {
    super.connectedCallback();
    this.store.addEventListener('change', this.onChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.store.removeEventListener('change', this.onChange);
  }

  override render() {
    const s = this.store.scenario;
    return html`
      <h2>Parameters</h2>
      <p class="hint">Changes apply on the next step; ● marks values that differ from the scenario.</p>
      ${s.switches.length > 0 ? html`<div class="switches" role="group" aria-label="Switches">
        ${s.switches.map((sw) => {
          const on = getPath(s, sw.path) === sw.on;
          return html`<button aria-pressed=${on ? 'true' : 'false'} title=${`${sw.path} = ${on ? sw.off : sw.on}`}
            @click=${() => emit(this, 'engram-set', { path: sw.path, value: on ? sw.off : sw.on })}>${sw.label}</button>`;
        })}
      </div>` : nothing}
      ${editableFields(s).map((group, k) => html`
        <details ?open=${k === 0}>
          <summary>${group.title}</summary>
          ${group.fields.map((f) => html`<engram-param-field .field=${f} .value=${getPath(s, f.path) as number}
            .base=${(this.store.baseValue(f.path) as number | undefined) ?? f.default} .changed=${this.store.isChanged(f.path)}
            .error=${this.errors[f.path] ?? ''}></engram-param-field>`)}
        </details>`)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-params': EngramParams;
  }
}
