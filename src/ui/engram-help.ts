/** The keyboard-shortcut help dialog (opened with ?). */
import { LitElement, css, html } from 'lit';
import { customElement, query } from 'lit/decorators.js';

export const SHORTCUTS: readonly [string, string][] = [
  ['Space', 'run / pause'], ['r', 'reset to t = 0'], ['→', 'step 10 ms'], ['f', 'full-screen plot (the focused one, else the first)'],
  ['p', 'presenter mode (large type)'], ['?', 'this help'], ['Esc', 'close'],
];

@customElement('engram-help')
export class EngramHelp extends LitElement {
  static override styles = css`
    dialog { font-size: 1.1rem; border: 1px solid #6b7584; border-radius: 8px; padding: 16px 22px; }
    table { border-collapse: collapse; }
    th { text-align: left; padding: 4px 16px 4px 0; }
    kbd { border: 1px solid #6b7584; border-radius: 4px; padding: 0 6px; background: #f6f7f9; }
    button { font: inherit; padding: 6px 14px; margin-top: 10px; }
    :focus-visible { outline: 3px solid #f0a500; }
  `;

  @query('dialog') private dialog!: HTMLDialogElement;

  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  show(): void {
    this.dialog.showModal();
  }

  override render() {
    return html`<dialog aria-labelledby="help-title">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>${SHORTCUTS.map(([k, what]) => html`<tr><th scope="row"><kbd>${k}</kbd></th><td>${what}</td></tr>`)}</table>
      <form method="dialog"><button>Close</button></form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-help': EngramHelp;
  }
}
