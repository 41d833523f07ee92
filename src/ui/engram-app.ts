/**
 * The Engram app: loads a scenario (from the link's #s=… or the default),
 * builds an engine on WebGPU (or the CPU where WebGPU is missing, with a
 * notice), runs it live, and shows the scenario's plots.
 * Test hooks: data-state (loading|running|paused|error) and data-backend.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { createEngine, DeviceLostError, type Engine } from '../engine';
import { ScenarioError } from '../scenario/errors';
import { DEFAULT_SCENARIO_ID, loadShipped, scenarioFromUrlState } from '../scenario/registry';
import type { Scenario } from '../scenario/schema';
import { decodeUrlState } from '../scenario/url';
import './engram-plot';
import { SimLoop } from './sim-loop';

const SPEEDS: [string, number][] = [['0.1×', 0.1], ['0.25×', 0.25], ['0.5×', 0.5], ['1× real time', 1], ['2×', 2], ['5×', 5], ['as fast as possible', Infinity]];

@customElement('engram-app')
export class EngramApp extends LitElement {
  static override styles = css`
    :host { display: block; max-width: 1400px; margin: 0 auto; padding: 16px 20px 32px; }
    header h1 { font-size: 1.7rem; margin: 0 0 4px; }
    header p { margin: 0 0 12px; max-width: 75ch; color: #3a4350; }
    .bar { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 12px 0; }
    button, select { font: inherit; font-size: 1rem; padding: 8px 16px; border-radius: 6px; border: 1px solid #7a8594; background: #fff; color: #1b1f24; cursor: pointer; }
    button.primary { background: #1f5fbf; border-color: #1f5fbf; color: #fff; min-width: 7em; }
    button:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
    button:disabled { opacity: 0.5; cursor: default; }
    .status { font-variant-numeric: tabular-nums; color: #1b1f24; margin-left: auto; }
    .notice { background: #fff4d6; border: 1px solid #d9a400; padding: 10px 14px; border-radius: 6px; margin: 8px 0; }
    .error { background: #fde8e6; border: 1px solid #c0392b; padding: 10px 14px; border-radius: 6px; margin: 8px 0; }
    .plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 14px; }
    .loading { padding: 40px; text-align: center; color: #3a4350; }
  `;

  @state() private scenario?: Scenario;
  @state() private engine?: Engine;
  @state() private status: 'loading' | 'running' | 'paused' | 'error' = 'loading';
  @state() private notice = '';
  @state() private error = '';
  @state() private epoch = 0;
  private readonly loop = new SimLoop(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.loop.onError = (err) => this.fail(err);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.engine?.dispose();
  }

  private loadScenario(): Scenario {
    const encoded = new URLSearchParams(location.hash.slice(1)).get('s');
    if (!encoded) return loadShipped(DEFAULT_SCENARIO_ID);
    try {
      return scenarioFromUrlState(decodeUrlState(encoded));
    } catch (err) {
      this.notice = `This link could not be opened (${err instanceof ScenarioError ? err.message : String(err)}); showing the default scenario.`;
      return loadShipped(DEFAULT_SCENARIO_ID);
    }
  }

  private async start(): Promise<void> {
    this.status = 'loading';
    this.error = '';
    try {
      const scenario = this.scenario ?? this.loadScenario();
      const wanted = new URLSearchParams(location.search).get('backend');
      const backend = wanted === 'cpu' || wanted === 'gpu' ? wanted : 'auto';
      this.engine?.dispose();
      const engine = await createEngine(scenario, { backend, gpu: navigator.gpu });
      if (engine.backend === 'cpu' && backend !== 'cpu') {
        this.notice = `${this.notice ? `${this.notice} ` : ''}WebGPU is not available in this browser, so Engram runs on the CPU (slower). Chrome, Edge or another WebGPU browser runs it on the GPU.`;
      }
      this.scenario = scenario;
      this.engine = engine;
      this.loop.engine = engine;
      this.loop.resetMeasurement();
      this.status = 'paused';
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    this.loop.running = false;
    this.status = 'error';
    this.error = err instanceof DeviceLostError
      ? `The GPU device was lost (${err.reason}). The simulation stopped; restart it to continue.`
      : `Something went wrong: ${err instanceof Error ? err.message : String(err)}`;
    console.error(err);
  }

  private toggleRun(): void {
    if (!this.engine || this.status === 'error') return;
    this.loop.running = !this.loop.running;
    this.status = this.loop.running ? 'running' : 'paused';
  }

  private reset(): void {
    if (!this.engine) return;
    this.engine.reset();
    this.loop.resetMeasurement();
    this.epoch++;
  }

  private setSpeed(e: Event): void {
    this.loop.speed = SPEEDS[Number((e.target as HTMLSelectElement).value)]![1];
    this.loop.resetMeasurement();
  }

  override render() {
    this.setAttribute('data-state', this.status);
    if (this.engine) this.setAttribute('data-backend', this.engine.backend);
    const s = this.scenario;
    const e = this.engine;
    return html`
      <header>
        <h1>${s?.title ?? 'Engram'}</h1>
        ${s ? html`<p>${s.description}</p>` : nothing}
      </header>
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
      ${this.error
        ? html`<div class="error" role="alert">${this.error} <button @click=${() => this.start()}>Restart</button></div>`
        : nothing}
      <div class="bar" role="toolbar" aria-label="Simulation controls">
        <button class="primary" id="run" ?disabled=${!e || this.status === 'error'} @click=${this.toggleRun}
          aria-pressed=${this.status === 'running'}>${this.status === 'running' ? 'Pause' : 'Run'}</button>
        <button id="step" ?disabled=${!e || this.status === 'running'} @click=${() => this.loop.stepOnce(Math.round(0.01 / (s?.dt ?? 1e-4)))}
          title="Advance 10 ms">Step 10 ms</button>
        <button id="reset" ?disabled=${!e} @click=${this.reset}>Reset</button>
        <label>Speed
          <select id="speed" @change=${this.setSpeed} aria-label="Simulation speed">
            ${SPEEDS.map(([label], k) => html`<option value=${k} ?selected=${k === 3}>${label}</option>`)}
          </select>
        </label>
        <span class="status" aria-live="off">
          ${e ? html`t = ${e.time.toFixed(2)} s · ${this.loop.realTimeFactor.toFixed(2)}× real time · ${e.backend === 'gpu' ? 'GPU' : 'CPU'}: ${e.adapter}` : 'loading…'}
        </span>
      </div>
      ${this.status === 'loading' ? html`<div class="loading" role="status">Building the network and compiling GPU pipelines…</div>` : nothing}
      <div class="plots">
        ${s?.plots.map((plot) => html`<engram-plot .engine=${e} .plot=${plot} .probe=${s.probes.find((p) => p.id === plot.probe)} .epoch=${this.epoch}></engram-plot>`)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-app': EngramApp;
  }
}
