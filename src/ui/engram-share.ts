/** Sharing and files: copy the link, export probe data (CSV, JSON) and the scenario, import a scenario file. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from './events';

@customElement('engram-share')
export class EngramShare extends LitElement {
  static override styles = css`
    :host { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    button, label.file { font: inherit; font-size: 0.95rem; padding: 6px 12px; border-radius: 6px; border: 1px solid #6b7584; background: #fff; color: #1b1f24; cursor: pointer; }
    :focus-visible, label.file:focus-within { outline: 3px solid #f0a500; outline-offset: 2px; }
    input[type=file] { position: absolute; width: 1px; height: 1px; opacity: 0; }
    .msg { color: #1e6b34; }
  `;

  @property() message = '';

  override render() {
    const command = (c: 'copy-link' | 'export-csv' | 'export-json' | 'export-scenario') => () => emit(this, 'engram-command', { command: c });
    return html`
      <button id="copy-link" @click=${command('copy-link')}>Copy link</button>
      <button id="export-csv" @click=${command('export-csv')}>Export data (CSV)</button>
      <button id="export-json" @click=${command('export-json')}>Export data (JSON)</button>
      <button id="export-scenario" @click=${command('export-scenario')}>Export scenario</button>
      <label class="file">Import scenario…<input id="import" type="file" accept=".json,application/json,.csv,text/csv" @change=${this.pick} /></label>
      <span class="msg" role="status">${this.message}</span>
    `;
  }

  private async pick(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    emit(this, 'engram-import', { text: await file.text(), name: file.name });
    input.value = '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-share': EngramShare;
  }
}
