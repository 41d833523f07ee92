/**
 * The Engram app shell: scenario library, parameter panel, run controls and
 * live plots around one engine. The scenario store (base scenario + patch) is
 * the single source of truth; it is mirrored into the URL hash, so a copied
 * link restores exactly this state. ?embed=1 shows only the plots and a
 * minimal control bar; ?backend=cpu|gpu forces a backend; ?plots=0 runs without
 * plots (the benchmark's baseline for the cost of the UI).
 * ?worker=0 runs the engine on the page instead of in a Web Worker.
 * ?fuse=always|never|measure overrides where a small network's GPU step runs fused (src/engine/fused-plan.ts;
 * 'auto' by default: timed against the unfused step on hardware adapters); the status line says when it does.
 * Test hooks: data-state (loading|running|paused|error), data-backend, data-time (simulated s).
 */
import { provide } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { createEngine, DeviceLostError, type Engine, FuseUnavailableError, StructuralChangeError } from '../engine';
import { WorkerEngine } from '../engine/worker/worker-engine';
import { toCsv } from '../engine/probe-results';
import { ScenarioError } from '../scenario/errors';
import { getPath } from '../scenario/patch';
import { encodeUrlState } from '../scenario/url';
import { parseScenarioJson } from '../scenario/validate';
import { environmentOf } from '../model/spatial/arena';
import { parseTrajectoryCsv, TrajectoryError } from '../model/spatial/trajectory';
import { engineContext, storeContext } from './contexts';
import type { EngramArena } from './engram-arena';
import './engram-arena';
import { download } from './download';
import './engram-controls';
import type { EngramHelp } from './engram-help';
import './engram-help';
import './engram-library';
import './engram-params';
import type { EngramPlot } from './engram-plot';
import './engram-plot';
import './engram-share';
import type { EngramEvents } from './events';
import { ProbeRecorder } from './probe-recorder';
import { ScenarioStore, type StoreChange } from './scenario-store';
import { SimLoop } from './sim-loop';

/** Delay before the URL follows a change (ms): sliders send many events. */
const URL_DEBOUNCE_MS = 250;

@customElement('engram-app')
export class EngramApp extends LitElement {
  static override styles = css`
    :host { display: block; max-width: 1600px; margin: 0 auto; padding: 14px 20px 28px; --engram-plot-height: 260px; }
    :host([presenter]) { font-size: 1.3rem; --engram-plot-height: 380px; }
    header h1 { font-size: 1.7em; margin: 0 0 4px; }
    header p { margin: 0 0 10px; max-width: 80ch; color: #3a4350; }
    .layout { display: grid; grid-template-columns: minmax(300px, 360px) 1fr; gap: 18px; align-items: start; }
    aside { display: grid; gap: 14px; max-height: calc(100vh - 40px); overflow: auto; position: sticky; top: 10px; padding-right: 4px; }
    main { display: grid; gap: 12px; min-width: 0; }
    engram-controls { margin: 4px 0 12px; }
    .plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 14px; }
    .notice { background: #fff4d6; border: 1px solid #b58900; padding: 10px 14px; border-radius: 6px; }
    .error { background: #fde8e6; border: 1px solid #c0392b; padding: 10px 14px; border-radius: 6px; }
    .error button, .open { font: inherit; padding: 4px 12px; margin-left: 8px; }
    .loading { padding: 12px; color: #3a4350; }
    .drop { outline: 3px dashed #1f5fbf; outline-offset: 4px; }
    @media (max-width: 1000px) { .layout { grid-template-columns: 1fr; } aside { position: static; max-height: none; } }
    :host([embed]) { padding: 6px; }
    :host([embed]) .layout { grid-template-columns: 1fr; }
  `;

  @provide({ context: storeContext }) store = new ScenarioStore();
  @provide({ context: engineContext }) @state() engine?: Engine;
  @state() private status: 'loading' | 'running' | 'paused' | 'error' = 'loading';
  @state() private notice = '';
  @state() private error = '';
  @state() private shareMessage = '';
  @state() private fieldErrors: Record<string, string> = {};
  @state() private epoch = 0;
  @state() private presenter = false;
  @state() private dragging = false;
  @query('engram-help') private help!: EngramHelp;

  private readonly loop = new SimLoop(this);
  private readonly recorder = new ProbeRecorder();
  private readonly params = new URLSearchParams(location.search);
  private readonly embed = this.params.get('embed') === '1';
  private urlTimer = 0;
  private building = Promise.resolve();
  /** whether the engine runs its steps through the fused kernel (the status line says so) */
  private fused = false;
  /** the last build failed because ?fuse=always named a network that cannot fuse (the error offers to drop it) */
  private fuseRefused = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.toggleAttribute('embed', this.embed);
    this.loop.onError = (err) => this.fail(err);
    const linkError = this.store.loadFromHash(location.hash);
    if (linkError) this.notice = `This link could not be opened (${linkError}); showing the default scenario instead.`;
    this.store.addEventListener('change', this.onStoreChange);
    window.addEventListener('keydown', this.onKey);
    void this.rebuild();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.store.removeEventListener('change', this.onStoreChange);
    window.removeEventListener('keydown', this.onKey);
    this.recorder.detach();
    this.engine?.dispose();
  }

  /** (Re)builds the engine for the store's scenario; keeps running if it was. */
  private rebuild(): Promise<void> {
    this.building = this.building.then(async () => {
      const wasRunning = this.loop.running;
      this.loop.running = false;
      this.status = 'loading';
      this.error = '';
      try {
        const wanted = this.params.get('backend');
        const backend = wanted === 'cpu' || wanted === 'gpu' ? wanted : 'auto';
        const fuseParam = this.params.get('fuse');
        const fuse = fuseParam === 'always' || fuseParam === 'never' || fuseParam === 'measure' ? fuseParam : 'auto';
        this.loop.setEngine(undefined, false);
        this.recorder.detach();
        this.engine?.dispose();
        this.engine = undefined;
        // In a Web Worker the simulation never competes with drawing; ?worker=0 keeps it on the page.
        const inWorker = typeof Worker !== 'undefined' && this.params.get('worker') !== '0';
        const engine = inWorker
          ? await WorkerEngine.create(this.store.scenario, { backend, fuse })
          : await createEngine(this.store.scenario, { backend, fuse, gpu: navigator.gpu });
        if (engine.backend === 'cpu' && backend === 'auto' && !this.notice.includes('WebGPU')) {
          this.notice = `${this.notice ? `${this.notice} ` : ''}WebGPU is not available in this browser, so Engram runs on the CPU (slower). Chrome, Edge or another WebGPU browser runs it on the GPU.`;
        }
        this.engine = engine;
        this.fused = engine.describePlan().some((line) => line.startsWith('fused'));
        this.loop.setEngine(engine, inWorker);
        this.loop.resetMeasurement();
        this.recorder.attach(engine);
        this.epoch++;
        this.loop.running = wasRunning;
        this.status = wasRunning ? 'running' : 'paused';
        await this.updateComplete;
        this.applyPresenter();
      } catch (err) {
        this.fail(err);
      }
    });
    return this.building;
  }

  private fail(err: unknown): void {
    this.loop.running = false;
    this.status = 'error';
    this.fuseRefused = err instanceof FuseUnavailableError;
    this.error = err instanceof DeviceLostError
      ? `The GPU device was lost (${err.reason}). The simulation stopped.`
      : err instanceof ScenarioError ? `This scenario cannot run here: ${err.message}`
      : err instanceof FuseUnavailableError ? `This network cannot run as one fused GPU step, which the address asks for (fuse=always): ${err.reason}.`
      : `Something went wrong: ${err instanceof Error ? err.message : String(err)}`;
    console.warn(err);
  }

  /** Drops ?fuse=always from the page and its address (the scenario in the hash stays) and rebuilds. */
  private runUnfused(): void {
    this.params.delete('fuse');
    const url = new URL(location.href);
    url.searchParams.delete('fuse');
    history.replaceState(history.state, '', url);
    void this.rebuild();
  }

  private readonly onStoreChange = (e: Event) => {
    const { paths } = (e as CustomEvent<StoreChange>).detail;
    this.scheduleUrl();
    this.syncArenaGates();
    const engine = this.engine;
    if (paths.length === 0 || !engine) {
      void this.rebuild();
      return;
    }
    if (paths.includes('seed')) {
      engine.reset(this.store.scenario.seed);
      this.recorder.clear(engine);
      this.loop.resetMeasurement();
      this.epoch++;
    }
    const live = paths.filter((p) => p !== 'seed');
    if (live.length === 0) return;
    try {
      engine.apply(Object.fromEntries(live.map((p) => [p, getPath(this.store.scenario, p) as number])));
    } catch (err) {
      if (err instanceof StructuralChangeError) void this.rebuild();
      else this.fail(err);
    }
  };

  /** Live patches do not re-render the app (the plots keep their data): arenas get their plateau stimulus directly. */
  private syncArenaGates(): void {
    const stimuli = this.store.scenario.stimuli;
    for (const a of this.renderRoot.querySelectorAll<EngramArena>('engram-arena')) a.gate = stimuli.find((st) => st.id === a.plot?.place);
  }

  private scheduleUrl(): void {
    clearTimeout(this.urlTimer);
    this.urlTimer = window.setTimeout(() => {
      history.replaceState(null, '', `${location.pathname}${location.search}#s=${encodeUrlState(this.store.urlState())}`);
    }, URL_DEBOUNCE_MS);
  }

  private shareUrl(): string {
    return `${location.origin}${location.pathname}#s=${encodeUrlState(this.store.urlState())}`;
  }

  private onSet(e: CustomEvent<EngramEvents['engram-set']>): void {
    const { path, value } = e.detail;
    const { [path]: _, ...rest } = this.fieldErrors;
    try {
      this.store.set({ [path]: value });
      this.fieldErrors = rest;
    } catch (err) {
      this.fieldErrors = { ...rest, [path]: err instanceof ScenarioError ? err.message : String(err) };
    }
  }

  /** A click on a ring plot: the plot's stimulus moves to that angle and starts 20 ms from now. */
  private readonly onPlace = (e: CustomEvent<EngramEvents['engram-place']>) => {
    const { stimulus, angle } = e.detail;
    const onset = Math.round(((this.engine?.time ?? 0) + 0.02) * 1e4) / 1e4;
    this.store.set({ [`stimuli.${stimulus}.profile.center`]: angle, [`stimuli.${stimulus}.onset`]: onset });
  };

  /** A click in an arena's place mode: the plot's place-gated stimulus moves there (cm precision), onto the selected cell. */
  private readonly onPlaceAt = (e: CustomEvent<EngramEvents['engram-place-at']>) => {
    const { stimulus, x, y, cell } = e.detail;
    const at = `stimuli.${stimulus}`;
    const cm = (m: number) => Math.round(m * 100) / 100;
    this.store.set({ [`${at}.place.x`]: cm(x), [`${at}.place.y`]: cm(y), [`${at}.profile.from`]: cell, [`${at}.profile.to`]: cell + 1 });
  };

  private async onImport(text: string, name: string): Promise<void> {
    if (/\.(csv|txt)$/i.test(name)) {
      this.importTrajectory(text, name);
      return;
    }
    try {
      const scenario = parseScenarioJson(text);
      this.store.loadDocument(JSON.parse(text));
      this.notice = '';
      this.shareMessage = `Imported ${scenario.title} from ${name}.`;
    } catch (err) {
      this.notice = `${name} was not imported: ${err instanceof ScenarioError ? err.message : String(err)}`;
    }
  }

  /** A CSV of t, x, y (s, m, m): the current scenario's agent follows it from now on (the scenario is rebuilt with it as agent.trajectory). */
  private importTrajectory(text: string, name: string): void {
    try {
      const arena = this.store.scenario.agent?.arena;
      if (!arena) throw new TrajectoryError('a trajectory needs a scenario with an agent (e.g. grid-cells)');
      const tr = parseTrajectoryCsv(text, environmentOf(arena));
      const doc = structuredClone(this.store.document()) as { agent: { trajectory?: number[][] } };
      const t0 = tr.t[0]!;
      doc.agent.trajectory = Array.from(tr.t, (t, k) => [t - t0, tr.x[k]!, tr.y[k]!]);
      this.store.loadDocument(doc);
      this.notice = '';
      this.shareMessage = `Imported a trajectory of ${tr.t.length} samples (${(tr.t[tr.t.length - 1]! - t0).toFixed(1)} s) from ${name}: the agent follows it.`;
    } catch (err) {
      this.notice = `${name} was not imported: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private command(command: EngramEvents['engram-command']['command']): void {
    const engine = this.engine;
    switch (command) {
      case 'run':
        if (!engine || this.status === 'error' || this.status === 'loading') return;
        this.loop.running = !this.loop.running;
        this.status = this.loop.running ? 'running' : 'paused';
        return;
      case 'step':
        if (engine && this.status === 'paused') void this.loop.stepOnce(Math.max(1, Math.round(0.01 / this.store.scenario.dt)));
        return;
      case 'reset':
        if (!engine) return;
        engine.reset();
        this.recorder.clear(engine);
        this.loop.resetMeasurement();
        this.epoch++;
        return;
      case 'presenter':
        this.presenter = !this.presenter;
        this.toggleAttribute('presenter', this.presenter);
        void this.updateComplete.then(() => this.applyPresenter());
        return;
      case 'help':
        this.help.show();
        return;
      case 'copy-link': {
        const url = this.shareUrl();
        navigator.clipboard.writeText(url).then(
          () => (this.shareMessage = 'Link copied.'),
          () => (this.shareMessage = `Copy this link: ${url}`),
        );
        return;
      }
      case 'export-csv':
        for (const [id, r] of Object.entries(this.recorder.probes)) download(`${this.store.scenario.id}-${id}.csv`, toCsv(r), 'text/csv');
        return;
      case 'export-json': {
        const s = this.store.scenario;
        const doc = { scenario: s.id, seed: s.seed, dt: s.dt, time: engine?.time ?? 0, backend: engine?.backend, adapter: engine?.adapter, probes: this.recorder.probes };
        download(`${s.id}-data.json`, JSON.stringify(doc), 'application/json');
        return;
      }
      case 'export-scenario':
        download(`${this.store.scenario.id}.json`, `${JSON.stringify(this.store.document(), null, 2)}\n`, 'application/json');
        return;
    }
  }

  private plots(): EngramPlot[] {
    return [...this.renderRoot.querySelectorAll('engram-plot')];
  }

  private applyPresenter(): void {
    for (const p of this.plots()) p.setPresenter(this.presenter);
    for (const a of this.renderRoot.querySelectorAll<EngramArena>('engram-arena')) a.setPresenter(this.presenter);
  }

  private readonly onKey = (e: KeyboardEvent) => {
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (e.ctrlKey || e.metaKey || e.altKey || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    if (this.help?.open) return;
    const map: Record<string, () => void> = {
      ' ': () => this.command('run'),
      r: () => this.command('reset'),
      ArrowRight: () => this.command('step'),
      p: () => this.command('presenter'),
      '?': () => this.command('help'),
      f: () => {
        const focused = this.plots().find((p) => p.matches(':focus-within'));
        (focused ?? this.plots()[0])?.toggleFullscreen();
      },
    };
    const action = map[e.key];
    if (!action) return;
    if (e.key === ' ' && target?.tagName === 'BUTTON') return; // a focused button handles Space itself
    e.preventDefault();
    action();
  };

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    const file = e.dataTransfer?.files[0];
    if (file) void file.text().then((text) => this.onImport(text, file.name));
  }

  override render() {
    this.setAttribute('data-state', this.status);
    if (this.engine) this.setAttribute('data-backend', this.engine.backend);
    this.setAttribute('data-time', String(this.engine?.time ?? 0));
    const s = this.store.scenario;
    const e = this.engine;
    const probes = new Map(s.probes.map((p) => [p.id, p]));
    const controls = html`<engram-controls .running=${this.status === 'running'} .disabled=${!e || this.status === 'error' || this.status === 'loading'}
      .compact=${this.embed} .time=${e?.time ?? 0} .rtf=${this.loop.realTimeFactor} .speed=${this.loop.speed} .seed=${s.seed}
      .backend=${e ? `${e.backend === 'gpu' ? 'GPU' : 'CPU'}: ${e.adapter}${this.fused ? ', fused step' : ''}` : ''}
      @engram-speed=${(ev: CustomEvent<EngramEvents['engram-speed']>) => {
        this.loop.speed = ev.detail.speed;
        this.loop.resetMeasurement();
      }}></engram-controls>`;
    const plots = this.params.get('plots') === '0' ? nothing : html`<div class="plots">
      ${s.plots.map((plot) => plot.kind === 'arena'
        ? html`<engram-arena .engine=${e} .plot=${plot} .probe=${probes.get(plot.probe)} .gate=${s.stimuli.find((st) => st.id === plot.place)} .epoch=${this.epoch}></engram-arena>`
        : html`<engram-plot .engine=${e} .plot=${plot} .probe=${probes.get(plot.probe)} .epoch=${this.epoch}></engram-plot>`)}
    </div>`;
    const messages = html`
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
      ${this.error ? html`<div class="error" role="alert">${this.error}${this.fuseRefused
        ? html`<button @click=${() => this.runUnfused()}>Run it unfused</button>`
        : html`<button @click=${() => this.rebuild()}>Restart with the current parameters</button>`}</div>` : nothing}
      ${this.status === 'loading' ? html`<div class="loading" role="status">Building the network and compiling GPU pipelines…</div>` : nothing}`;

    if (this.embed) {
      return html`${messages}${controls}${plots}
        <a class="open" href=${this.shareUrl()} target="_blank" rel="noopener">Open in Engram ↗</a>`;
    }
    return html`
      <div class=${this.dragging ? 'drop' : ''} @engram-command=${(ev: CustomEvent<EngramEvents['engram-command']>) => this.command(ev.detail.command)}
        @engram-set=${this.onSet} @engram-unset=${(ev: CustomEvent<EngramEvents['engram-unset']>) => this.store.reset(ev.detail.path)}
        @engram-load=${(ev: CustomEvent<EngramEvents['engram-load']>) => { this.notice = ''; this.store.loadShipped(ev.detail.id); }}
        @engram-import=${(ev: CustomEvent<EngramEvents['engram-import']>) => this.onImport(ev.detail.text, ev.detail.name)}
        @engram-place=${this.onPlace}
        @engram-place-at=${this.onPlaceAt}
        @dragover=${(ev: DragEvent) => { ev.preventDefault(); this.dragging = true; }} @dragleave=${() => (this.dragging = false)} @drop=${this.onDrop}>
        <header>
          <h1>${s.title}</h1>
          <p>${s.description}</p>
          <engram-share .message=${this.shareMessage}></engram-share>
        </header>
        ${messages}
        ${controls}
        <div class="layout">
          <aside aria-label="Scenario and parameters">
            <engram-library .current=${this.store.baseId ?? ''}></engram-library>
            <engram-params .errors=${this.fieldErrors}></engram-params>
          </aside>
          <main>
            ${plots}
            <p class="hint">Keys: Space run/pause · r reset · → step · f full screen · p presenter · ? help. Drop a scenario file (or a CSV trajectory of t, x, y) anywhere to import it.</p>
          </main>
        </div>
        <engram-help></engram-help>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-app': EngramApp;
  }
}
