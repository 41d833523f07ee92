/** The scenario library: a card per shipped scenario (title, one-line description, thumbnail, tags). */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { loadShipped, shippedIds } from '../scenario/registry';
import { emit } from './events';

/** The first sentence of a description (a period followed by a capital ends it, so "et al. (2000)" does not). */
const oneLine = (text: string) => /^.*?[.!?](?=\s+[A-Z]|$)/.exec(text)?.[0] ?? text;

@customElement('engram-library')
export class EngramLibrary extends LitElement {
  static override styles = css`
    :host { display: block; }
    h2 { font-size: 1.15rem; margin: 0 0 6px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    button { all: unset; box-sizing: border-box; display: grid; grid-template-columns: 96px 1fr; gap: 10px; width: 100%; padding: 8px; background: #fff;
      border: 1px solid #d0d5dc; border-radius: 6px; cursor: pointer; }
    button[aria-current=true] { border: 2px solid #1f5fbf; }
    button:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
    img { width: 96px; height: 64px; object-fit: cover; object-position: left top; border-radius: 4px; background: #eef1f4; }
    strong { display: block; }
    .desc { font-size: 0.9rem; color: #3a4350; }
    .tag { display: inline-block; font-size: 0.75rem; background: #e8eef8; color: #1d3f72; border-radius: 10px; padding: 0 8px; margin: 2px 4px 0 0; }
  `;

  @property() current = '';

  override render() {
    return html`
      <h2>Scenarios</h2>
      <ul>
        ${shippedIds().map((id) => {
          const s = loadShipped(id);
          return html`<li><button aria-current=${id === this.current} @click=${() => emit(this, 'engram-load', { id })}>
            <img src=${`thumbnails/${id}.png`} alt="" loading="lazy" />
            <span><strong>${s.title}</strong><span class="desc">${oneLine(s.description)}</span><br />
              ${s.tags.map((t) => html`<span class="tag">${t}</span>`)}</span>
          </button></li>`;
        })}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-library': EngramLibrary;
  }
}
