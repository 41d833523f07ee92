/**
 * The arena view of a spatial scenario (an `arena` plot): the box with its
 * walls and barriers, or the linear track, drawn on a canvas with the agent
 * and its fading trail (from the agent probe) over a heat map of one cell's
 * occupancy-normalised rate map, built live from the agent probe and a spike
 * probe (src/ui/arena-maps.ts over src/model/spatial/maps.ts). Beside it: a
 * gallery of the first cells' maps (click one to show it in the arena), and
 * learning curves (mean spatial information, % cells with a place field,
 * population-vector decoding error; for grid cells the mean gridness of the
 * rateMap probe's cells in place of the fields), refreshed about three times a second;
 * when the scenario has a rateMap probe of the mapped population, the curves
 * come from its GPU readouts over every cell (src/engine/rate-map-frame.ts),
 * and the cells it selected are drawn from its maps (unsmoothed). A
 * population without spikes (a grid sheet's rate units) is mapped by such a
 * probe alone (plot field `maps`): the gallery holds the probe's cells.
 * Drag in the arena or use the arrow keys on it to move the agent
 * (engine.drive); release to give it back its own motion. With a `place`
 * stimulus (place-gated plateau), the arena draws its disc, and a click in
 * place mode (the "Place plateau" toggle, or Shift+click) moves it there and
 * onto the selected cell (engram-place-at).
 *
 * Test hooks: data-points (agent samples), data-spikes (spikes binned),
 * data-cell (the selected cell), data-overlay ("cell:peak Hz" of the drawn
 * heat map), data-gallery (gallery maps with spikes), data-x and data-y (the
 * agent's latest position, m), data-summaries (readout refreshes), data-gate
 * ("x,y,cell" of the drawn plateau disc), data-map-readouts (rateMap probe
 * readouts received), data-overlay-source (probe: the heat map is the rateMap
 * probe's map of that cell; host: built here), data-gridness (the latest mean gridness, grid cells).
 */
import { RedrawThrottle } from './redraw-throttle';
import { canvasPng, download } from './download';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Engine, ProbeFrame } from '../engine';
import type { PlotSpec, ProbeSpec, StimulusSpec } from '../scenario/schema';
import { emit } from './events';
import { type PopulationMeasures, populationMeasures, rateMapReadout, type RateMapReadout } from '../engine/rate-map-frame';
import type { RateMapFrame } from '../engine/types';
import { ArenaMaps, arenaBinGrid, type ArenaShape, type ArenaSummary, type CellMap, mapPixels, probeCellMap, viridis } from './arena-maps';

/** Shortest time between redraws of the arena (ms) and between readout refreshes. */
const MIN_REDRAW_MS = 50;
const SUMMARY_MS = 330;
/** Seconds of the agent's path drawn as its trail. */
const TRAIL_SECONDS = 8;
/** Cells mapped when the plot does not say (the measures cost nCells × bins). */
const DEFAULT_CELLS = 256;
const DEFAULT_GALLERY = 16;
/** Speeds of the user's drives (m/s): mouse drag (at most) and arrow keys. */
const DRAG_SPEED = 0.5;
const KEY_SPEED = 0.25;
/** Learning-curve samples kept (one per refresh). */
const HISTORY = 600;

const AGENT_COLOUR = '#e8322a';
const GATE_COLOUR = '#f0a500';
const INK = '#1b1f24';

interface Curves {
  t: number[];
  info: number[];
  fields: number[];
  error: number[];
  /** mean gridness of the rateMap probe's cells (grid cells) */
  grid: number[];
}

const CURVES = ['t', 'info', 'fields', 'error', 'grid'] as const;

@customElement('engram-arena')
export class EngramArena extends LitElement {
  static override styles = css`
    :host { display: block; grid-column: 1 / -1; background: #fff; border: 1px solid #d0d5dc; border-radius: 8px; padding: 8px; --arena-scale: 1; }
    :host([presenter]) { --arena-scale: 1.4; }
    :host(:fullscreen) { padding: 24px; overflow: auto; }
    .tools { display: flex; gap: 8px; justify-content: flex-end; align-items: center; flex-wrap: wrap; }
    .tools label { font-size: calc(0.9rem * var(--arena-scale)); }
    input { font: inherit; width: 5em; padding: 2px 4px; }
    button { font: inherit; font-size: calc(0.85rem * var(--arena-scale)); padding: 2px 10px; border: 1px solid #6b7584; border-radius: 4px; background: #fff; cursor: pointer; color: #1b1f24; }
    button:focus-visible, canvas:focus-visible, input:focus-visible { outline: 3px solid #f0a500; outline-offset: 1px; }
    .body { display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(260px, 1fr); gap: 14px; align-items: start; }
    @media (max-width: 900px) { .body { grid-template-columns: 1fr; } }
    .frame { position: relative; height: calc(var(--engram-plot-height, 260px) * 1.7); }
    :host(:fullscreen) .frame { height: calc(100vh - 120px); }
    .frame canvas { width: 100%; height: 100%; display: block; touch-action: none; cursor: crosshair; }
    h3 { font-size: calc(1rem * var(--arena-scale)); margin: 4px 0 6px; }
    dl { display: grid; grid-template-columns: auto auto minmax(80px, 1fr); gap: 4px 10px; margin: 0 0 10px; align-items: center; font-size: calc(0.95rem * var(--arena-scale)); }
    dt { color: #3a4350; }
    .row { display: contents; }
    dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
    dd.wide { grid-column: 2 / -1; white-space: normal; }
    .spark { width: 100%; height: calc(26px * var(--arena-scale)); }
    .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(calc(68px * var(--arena-scale)), 1fr)); gap: 6px; }
    .gallery button { padding: 3px; display: grid; gap: 2px; justify-items: center; font-size: calc(0.75rem * var(--arena-scale)); line-height: 1.1; }
    .gallery button[aria-pressed='true'] { border: 3px solid #e8322a; padding: 1px; }
    .gallery canvas { width: 100%; aspect-ratio: var(--map-aspect, 1); image-rendering: pixelated; background: #e8eaee; }
    .hint { font-size: calc(0.85rem * var(--arena-scale)); color: #3a4350; margin: 6px 0 0; }
  `;

  @property({ attribute: false }) engine?: Engine;
  /** the arena plot (probe: the agent probe; spikes: the spike probe) */
  @property({ attribute: false }) plot?: PlotSpec;
  @property({ attribute: false }) probe?: ProbeSpec;
  /** the plot's place-gated stimulus (plot.place), drawn as a disc; clicks in place mode move it */
  @property({ attribute: false }) gate?: StimulusSpec;
  /** Changes whenever the run restarts; the maps then clear. */
  @property({ type: Number }) epoch = 0;

  @state() private selected = 0;
  @state() private summary?: ArenaSummary;
  @state() private cell?: CellMap;
  @state() private galleryPeaks: number[] = [];
  /** clicks place the plateau instead of dragging the agent */
  @state() private placing = false;

  private maps?: ArenaMaps;
  private arena?: ArenaShape;
  private spikesId?: string;
  /** a rateMap probe (plot.maps, or one of the spike probe's population): the learning curves then come from its GPU readouts, over every cell */
  private mapsId?: string;
  /** the cells in the gallery and the cell input: the spike probe's first cells, or the rateMap probe's cells without a spike probe */
  private cellIds: readonly number[] = [];
  /** the maps come from the rateMap probe only (no spike probe) */
  private probeOnly = false;
  /** the mapped population's units: spikes (maps in Hz) or rate units (maps of mean activity, no unit) */
  private spiking = true;
  /** the mapped population is grid cells (feed-forward or a sheet) with a rateMap probe: a gridness curve instead of the fields' */
  private gridCells = false;
  /** cells the latest mean gridness is over (those whose maps have one) */
  private gridScored = 0;
  private measured?: PopulationMeasures;
  /** the probe's latest readout: the maps of its selected cells, drawn instead of the host's */
  private latest?: { frame: RateMapFrame; readout: RateMapReadout };
  private readouts = 0;
  private unsubscribe?: () => void;
  private trail = { t: [] as number[], x: [] as number[], y: [] as number[] };
  private curves: Curves = { t: [], info: [], fields: [], error: [], grid: [] };
  private errors: number[] = [];
  private overlay?: HTMLCanvasElement;
  private scale = 1;
  private readonly redraw = new RedrawThrottle(() => this.draw(), MIN_REDRAW_MS);
  private summaryTimer = 0;
  private lastSummary = 0;
  private summaries = 0;
  private dragging = false;
  private readonly held = new Set<string>();
  private resize?: ResizeObserver;

  private get heading(): string {
    return this.plot?.title ?? 'Arena';
  }

  private get galleryCount(): number {
    return Math.min(this.plot?.gallery ?? DEFAULT_GALLERY, this.cellIds.length);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize = new ResizeObserver(() => this.redraw.schedule());
  }

  override firstUpdated(): void {
    const canvas = this.arenaCanvas();
    if (canvas) this.resize?.observe(canvas);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.resize?.disconnect();
    clearTimeout(this.summaryTimer);
    if (this.dragging || this.held.size > 0) this.engine?.drive(null);
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('engine')) {
      this.unsubscribe?.();
      this.unsubscribe = this.engine?.subscribe((f) => this.onFrame(f));
    }
    if (changed.has('engine') || changed.has('plot') || changed.has('probe') || changed.has('epoch')) this.clear();
    this.setAttribute('data-cell', String(this.selected));
    if (changed.has('gate')) this.redraw.schedule();
    const g = this.gate;
    if (g?.place && g.profile.kind === 'range') this.setAttribute('data-gate', `${g.place.x},${g.place.y},${g.profile.from}`);
    else this.removeAttribute('data-gate');
  }

  /** New maps for the engine's scenario (its arena, the spike probe's population); the trail and the curves start again. */
  private clear(): void {
    const s = this.engine?.scenario;
    const plot = this.plot;
    this.maps = undefined;
    this.arena = s?.agent?.arena;
    this.spikesId = plot?.spikes;
    this.trail = { t: [], x: [], y: [] };
    this.curves = { t: [], info: [], fields: [], error: [], grid: [] };
    this.errors = [];
    this.summary = undefined;
    this.cell = undefined;
    this.galleryPeaks = [];
    this.overlay = undefined;
    const spikes = s?.probes.find((p) => p.id === plot?.spikes);
    const rateMap = s?.probes.find((p) => p.kind === 'rateMap' && (p.id === plot?.maps || (spikes?.kind === 'spikes' && p.population === spikes.population)));
    this.mapsId = rateMap?.id;
    this.probeOnly = spikes === undefined && rateMap !== undefined;
    const mapped = s?.populations.find((p) => p.id === (rateMap?.kind === 'rateMap' ? rateMap.population : undefined));
    this.spiking = !this.probeOnly || (mapped !== undefined && mapped.kind !== 'rate' && mapped.kind !== 'gridSheet');
    this.gridCells = mapped?.kind === 'grid' || mapped?.kind === 'gridSheet';
    this.cellIds = [];
    this.measured = undefined;
    this.latest = undefined;
    this.readouts = 0;
    const probe = this.probe;
    if (s && this.arena && plot && probe?.kind === 'agent') {
      const pop = spikes?.kind === 'spikes' ? s.populations.find((p) => p.id === spikes.population) : undefined;
      const n = spikes?.kind === 'spikes' && pop ? Math.min(spikes.maxNeurons ?? pop.n, pop.n) : 0;
      const nCells = Math.min(n, plot.cells ?? DEFAULT_CELLS);
      this.maps = new ArenaMaps(arenaBinGrid(this.arena, plot.binSize), nCells, probe.everySteps * s.dt);
      this.cellIds = this.probeOnly && rateMap?.kind === 'rateMap' ? rateMap.cells : Array.from({ length: nCells }, (_, c) => c);
      if (!this.cellIds.includes(this.selected)) this.selected = this.cellIds[0] ?? 0;
    }
    for (const name of ['data-points', 'data-spikes', 'data-gallery', 'data-summaries', 'data-map-readouts']) this.setAttribute(name, '0');
    this.removeAttribute('data-overlay');
    this.removeAttribute('data-gridness');
    this.summaries = 0;
    this.requestUpdate();
    this.redraw.schedule();
  }

  private onFrame(frame: ProbeFrame): void {
    const maps = this.maps;
    if (!maps) return;
    if (frame.kind === 'agent' && frame.probe === this.probe?.id) {
      maps.addPositions(frame.t, frame.x, frame.y);
      const tr = this.trail;
      for (let k = 0; k < frame.t.length; k++) {
        tr.t.push(frame.t[k]!); tr.x.push(frame.x[k]!); tr.y.push(frame.y[k]!);
      }
      const last = tr.t[tr.t.length - 1] ?? 0;
      let old = 0;
      while (old < tr.t.length && tr.t[old]! < last - TRAIL_SECONDS) old++;
      if (old > 0) { tr.t.splice(0, old); tr.x.splice(0, old); tr.y.splice(0, old); }
      this.setAttribute('data-points', String(maps.samples));
      const p = maps.position;
      if (p) {
        this.setAttribute('data-x', p.x.toFixed(4));
        this.setAttribute('data-y', p.y.toFixed(4));
      }
    } else if (frame.kind === 'spikes' && frame.probe === this.spikesId) {
      maps.addSpikes(frame.t, frame.i);
    } else if (frame.kind === 'rateMap' && frame.probe === this.mapsId && frame.t.length > 0) {
      this.measured = populationMeasures(frame, frame.t.length - 1);
      this.latest = { frame, readout: rateMapReadout(frame, frame.t.length - 1) };
      this.readouts += frame.t.length;
      this.setAttribute('data-map-readouts', String(this.readouts));
      return;
    } else {
      return;
    }
    this.setAttribute('data-spikes', String(maps.spikes));
    this.redraw.schedule();
    this.scheduleSummary();
  }

  // ── readout, gallery and heat map: a few times a second ───────────────────

  private scheduleSummary(): void {
    if (this.summaryTimer) return;
    const wait = Math.max(0, SUMMARY_MS - (performance.now() - this.lastSummary));
    this.summaryTimer = window.setTimeout(() => {
      this.summaryTimer = 0;
      this.lastSummary = performance.now();
      this.refresh();
    }, wait);
  }

  /** Recomputes the maps, the measures, the gallery and the heat map of the selected cell. */
  private refresh(): void {
    const maps = this.maps;
    const m = this.measured;
    if (!maps || this.cellIds.length === 0 || (this.probeOnly && !m)) return;
    const all = maps.rateMaps();
    const summary = m ? { ...maps.summary(all), meanInformation: m.meanInformation, fractionWithField: m.fractionWithField, decodingError: m.decodingError } : maps.summary(all);
    this.summary = summary;
    this.errors.push(summary.decodingError);
    if (this.errors.length > 10) this.errors.shift();
    const c = this.curves;
    // the gridness of a cell mapped here (not by the probe) once a second or so: it costs an autocorrelogram
    const hostGridness = this.summaries % 3 === 0;
    c.t.push(summary.time); c.info.push(summary.meanInformation); c.fields.push(summary.fractionWithField); c.error.push(this.meanError());
    c.grid.push(this.gridCells ? this.meanGridness() : NaN);
    if (c.t.length > HISTORY) for (const k of CURVES) c[k].splice(0, c[k].length - HISTORY);
    this.updateCell(hostGridness || !Number.isFinite(this.cell?.gridness ?? NaN));
    this.drawGallery(all);
    this.summaries++;
    this.setAttribute('data-summaries', String(this.summaries));
  }

  /** Mean gridness of the rateMap probe's cells whose maps have one (NaN before). */
  private meanGridness(): number {
    const latest = this.latest;
    if (!latest) return NaN;
    const scores = Array.from(latest.readout.gridness).filter(Number.isFinite);
    const mean = scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : NaN;
    this.gridScored = scores.length;
    this.setAttribute('data-gridness', mean.toFixed(3));
    return mean;
  }

  private meanError(): number {
    const ok = this.errors.filter(Number.isFinite);
    return ok.length > 0 ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
  }

  /** The selected cell's map: heat overlay and readout (withGridness: a new gridness for a cell mapped here). */
  private updateCell(withGridness: boolean): void {
    const maps = this.maps;
    if (!maps || this.cellIds.length === 0) return;
    const previous = this.cell;
    const fromProbe = this.latest && probeCellMap(this.latest.frame, this.latest.readout, this.selected);
    if (!fromProbe && this.probeOnly) return;
    const cell = fromProbe?.cell ?? maps.cellMap(this.selected, withGridness);
    this.cell = fromProbe || withGridness || previous?.cell !== cell.cell ? cell : { ...cell, gridness: previous.gridness };
    const { nx, ny } = fromProbe ?? maps.grid;
    const img = this.overlay ?? document.createElement('canvas');
    img.width = nx;
    img.height = ny;
    img.getContext('2d')!.putImageData(new ImageData(mapPixels(cell.map, nx, ny) as Uint8ClampedArray<ArrayBuffer>, nx, ny), 0, 0);
    this.overlay = img;
    this.setAttribute('data-overlay', `${cell.cell}:${cell.peak.toFixed(2)}`);
    this.setAttribute('data-overlay-source', fromProbe ? 'probe' : 'host');
    this.redraw.schedule();
  }

  private select(cell: number): void {
    if (!this.cellIds.includes(cell)) return;
    this.selected = cell;
    this.setAttribute('data-cell', String(cell));
    this.updateCell(true);
  }

  private drawGallery(all: Float32Array): void {
    const maps = this.maps!;
    const { nx, ny } = maps.grid;
    const nb = maps.nBins;
    const peaks: number[] = [];
    let filled = 0;
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('.gallery canvas');
    for (let c = 0; c < this.galleryCount; c++) {
      // with a spike probe, cell c is the host maps' c-th
      const fromProbe = this.latest && probeCellMap(this.latest.frame, this.latest.readout, this.cellIds[c]!);
      if (!fromProbe && this.probeOnly) {
        peaks.push(0);
        continue;
      }
      const map = fromProbe?.cell.map ?? all.subarray(c * nb, (c + 1) * nb);
      const [w, h] = fromProbe ? [fromProbe.nx, fromProbe.ny] : [nx, ny];
      let peak = 0;
      for (let b = 0; b < map.length; b++) if (map[b]! > peak) peak = map[b]!;
      peaks.push(peak);
      if (peak > 0) filled++;
      const canvas = canvases[c];
      if (!canvas) continue;
      canvas.width = w;
      canvas.height = h;
      canvas.getContext('2d')!.putImageData(new ImageData(mapPixels(map, w, h, peak) as Uint8ClampedArray<ArrayBuffer>, w, h), 0, 0);
    }
    this.galleryPeaks = peaks;
    this.setAttribute('data-gallery', String(filled));
    void this.updateComplete.then(() => this.drawSparks());
  }

  private drawSparks(): void {
    const c = this.curves;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.spark')) {
      const series = c[canvas.dataset['series'] as Exclude<(typeof CURVES)[number], 't'>] ?? [];
      sparkline(canvas, c.t, series, this.scale);
    }
  }

  // ── the arena canvas ──────────────────────────────────────────────────────

  private arenaCanvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector<HTMLCanvasElement>('.frame canvas');
  }

  /** Where the arena lies on the canvas (CSS px): origin of x = 0, y = 0 and pixels per metre. */
  private layout(w: number, h: number): { ox: number; oy: number; k: number; aw: number; ah: number } | undefined {
    const arena = this.arena;
    if (!arena) return undefined;
    const s = this.scale;
    const top = 30 * s, bottom = 30 * s, left = 12 * s, right = 96 * s;
    const [mw, mh] = arena.kind === 'box' ? [arena.width, arena.height] : [arena.length, arena.length * 0.08];
    const k = Math.max(1, Math.min((w - left - right) / mw, (h - top - bottom) / mh));
    const aw = mw * k, ah = mh * k;
    const ox = left + (w - left - right - aw) / 2;
    const oyTop = top + (h - top - bottom - ah) / 2;
    // y up: y = 0 at the bottom edge (a track's y = 0 on its centre line)
    return { ox, oy: arena.kind === 'box' ? oyTop + ah : oyTop + ah / 2, k, aw, ah };
  }

  /** Canvas point (CSS px) → arena position (m), clamped inside. */
  private toArena(px: number, py: number): { x: number; y: number } | undefined {
    const canvas = this.arenaCanvas();
    const arena = this.arena;
    const L = canvas && this.layout(canvas.clientWidth, canvas.clientHeight);
    if (!L || !arena) return undefined;
    const x = (px - L.ox) / L.k, y = (L.oy - py) / L.k;
    if (arena.kind === 'track') return { x: Math.min(Math.max(x, 0), arena.length), y: 0 };
    return { x: Math.min(Math.max(x, 0.005), arena.width - 0.005), y: Math.min(Math.max(y, 0.005), arena.height - 0.005) };
  }

  private draw(): void {
    const canvas = this.arenaCanvas();
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (w === 0 || h === 0) return;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d')!;
    const s = this.scale;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.fillStyle = INK;
    ctx.font = `bold ${17 * s}px sans-serif`;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    const fit = Math.min(1, (w - 16 * s) / Math.max(1, ctx.measureText(this.heading).width));
    if (fit < 1) ctx.font = `bold ${Math.max(10, 17 * s * fit)}px sans-serif`;
    ctx.fillText(this.heading, 8 * s, 4 * s);
    const L = this.layout(w, h);
    const arena = this.arena;
    if (!L || !arena) return;
    const { ox, oy, k, aw, ah } = L;
    const top = arena.kind === 'box' ? oy - ah : oy - ah / 2;
    // heat map of the selected cell (or a white floor without one)
    ctx.fillStyle = '#fff';
    ctx.fillRect(ox, top, aw, ah);
    if (this.overlay) {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(this.overlay, ox, top, aw, ah);
    }
    // walls and barriers
    ctx.strokeStyle = INK;
    ctx.lineCap = 'round';
    ctx.lineWidth = 4 * s;
    ctx.strokeRect(ox, top, aw, ah);
    if (arena.kind === 'box') {
      ctx.lineWidth = 6 * s;
      for (const b of arena.barriers) {
        ctx.beginPath();
        ctx.moveTo(ox + b.x1 * k, oy - b.y1 * k);
        ctx.lineTo(ox + b.x2 * k, oy - b.y2 * k);
        ctx.stroke();
      }
    }
    // the trail, fading with age, and the agent
    const tr = this.trail;
    const n = tr.t.length;
    if (n > 0) {
      const now = tr.t[n - 1]!;
      const at = (i: number): [number, number] => [ox + tr.x[i]! * k, oy - tr.y[i]! * k];
      ctx.strokeStyle = AGENT_COLOUR;
      ctx.lineWidth = 3 * s;
      ctx.lineJoin = 'round';
      const pieces = 12;
      for (let p = 0; p < pieces; p++) {
        const from = now - TRAIL_SECONDS * (1 - p / pieces), to = now - TRAIL_SECONDS * (1 - (p + 1) / pieces);
        ctx.globalAlpha = 0.1 + 0.9 * ((p + 1) / pieces);
        ctx.beginPath();
        let started = false;
        for (let i = 0; i < n; i++) {
          if (tr.t[i]! < from - 1e-9 || tr.t[i]! > to + 1e-9) continue;
          const [x, y] = at(i);
          if (started) ctx.lineTo(x, y);
          else { ctx.moveTo(x, y); started = true; }
        }
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
      const [x, y] = at(n - 1);
      ctx.beginPath();
      ctx.arc(x, y, 8 * s, 0, 2 * Math.PI);
      ctx.fillStyle = AGENT_COLOUR;
      ctx.fill();
      ctx.lineWidth = 3 * s;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
    this.drawGate(ox, oy, k);
    // colour bar and captions
    ctx.font = `${14 * s}px sans-serif`;
    ctx.fillStyle = INK;
    ctx.textBaseline = 'top';
    const size = arena.kind === 'box' ? `${arena.width} × ${arena.height} m` : `track ${arena.length} m`;
    const time = this.maps?.position ? ` · t = ${this.maps.position.t.toFixed(1)} s` : ' · press Run';
    ctx.fillText(`${size}${time}`, ox, top + ah + 8 * s);
    if (this.cell) {
      const bx = ox + aw + 18 * s, bw = 18 * s, by = Math.max(top, 40 * s), bh = Math.max(60 * s, Math.min(ah, 260 * s));
      for (let i = 0; i < bh; i++) {
        const [r, g, b] = viridis(1 - i / bh);
        ctx.fillStyle = `rgb(${r},${g},${b})`;
        ctx.fillRect(bx, by + i, bw, 1);
      }
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1;
      ctx.strokeRect(bx, by, bw, bh);
      ctx.fillStyle = INK;
      ctx.textBaseline = 'middle';
      ctx.fillText(`${this.formatRate(this.cell.peak)}`, bx + bw + 5 * s, by + 6 * s);
      ctx.fillText('0', bx + bw + 5 * s, by + bh - 6 * s);
      ctx.save();
      ctx.translate(bx - 5 * s, by + bh / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      ctx.fillText(`cell ${this.cell.cell}${this.spiking ? ' (Hz)' : ''}`, 0, 0);
      ctx.restore();
    }
  }

  /** The plateau disc (dashed) and the cell it writes a field into. */
  private drawGate(ox: number, oy: number, k: number): void {
    const g = this.gate;
    if (!g?.place) return;
    const ctx = this.arenaCanvas()!.getContext('2d')!;
    const s = this.scale;
    const x = ox + g.place.x * k, y = oy - g.place.y * k;
    ctx.strokeStyle = GATE_COLOUR;
    ctx.lineWidth = 3 * s;
    ctx.setLineDash([6 * s, 4 * s]);
    ctx.beginPath();
    ctx.arc(x, y, Math.max(6 * s, g.place.radius * k), 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = `bold ${14 * s}px sans-serif`;
    ctx.fillStyle = INK;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    const cells = g.profile.kind === 'range' ? (g.profile.to - g.profile.from === 1 ? `cell ${g.profile.from}` : `cells ${g.profile.from}–${g.profile.to - 1}`) : 'all cells';
    ctx.fillText(`plateau → ${cells}`, x, y - Math.max(6 * s, g.place.radius * k) - 3 * s);
    ctx.textAlign = 'left';
  }

  // ── user-driven motion ────────────────────────────────────────────────────

  private readonly onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || !this.engine || !this.arena) return;
    if (this.gate && (this.placing || e.shiftKey)) {
      const p = this.toArena(e.offsetX, e.offsetY);
      if (p) emit(this, 'engram-place-at', { stimulus: this.gate.id, x: p.x, y: p.y, cell: this.selected });
      return;
    }
    const canvas = e.currentTarget as HTMLCanvasElement;
    canvas.setPointerCapture(e.pointerId);
    this.dragging = true;
    this.driveTo(e);
  };

  private readonly onPointerMove = (e: PointerEvent) => {
    if (this.dragging) this.driveTo(e);
  };

  private readonly onPointerUp = () => {
    if (!this.dragging) return;
    this.dragging = false;
    this.engine?.drive(null);
  };

  private driveTo(e: PointerEvent): void {
    const p = this.toArena(e.offsetX, e.offsetY);
    if (p) this.engine?.drive({ kind: 'target', x: p.x, y: p.y, maxSpeed: DRAG_SPEED });
  }

  private static readonly ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (!(e.key in EngramArena.ARROWS) || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    e.stopPropagation(); // the app's → (step) must not see it
    this.held.add(e.key);
    this.driveKeys();
  };

  private readonly onKeyUp = (e: KeyboardEvent) => {
    if (!(e.key in EngramArena.ARROWS)) return;
    e.stopPropagation();
    this.held.delete(e.key);
    this.driveKeys();
  };

  private readonly onBlur = () => {
    if (this.held.size === 0) return;
    this.held.clear();
    this.driveKeys();
  };

  private driveKeys(): void {
    let vx = 0, vy = 0;
    for (const key of this.held) {
      const [dx, dy] = EngramArena.ARROWS[key]!;
      vx += dx; vy += dy;
    }
    const norm = Math.hypot(vx, vy);
    if (norm === 0) this.engine?.drive(null);
    else this.engine?.drive({ kind: 'velocity', vx: (KEY_SPEED * vx) / norm, vy: (KEY_SPEED * vy) / norm });
  }

  // ── presenter mode, full screen, PNG ─────────────────────────────────────

  /** Larger type and lines for projectors. */
  setPresenter(on: boolean): void {
    this.scale = on ? 1.4 : 1;
    this.toggleAttribute('presenter', on);
    this.redraw.schedule();
    void this.updateComplete.then(() => this.drawSparks());
  }

  toggleFullscreen(): void {
    if (document.fullscreenElement === this) void document.exitFullscreen();
    else void this.requestFullscreen?.().catch(() => undefined);
  }

  /** The arena canvas as a PNG data URL (white background). */
  toPng(): string {
    return canvasPng(this.arenaCanvas()!);
  }

  private savePng(): void {
    download(`${this.probe?.id ?? 'arena'}-arena.png`, this.toPng());
  }

  private formatRate(v: number): string {
    return formatValue(v, this.spiking ? ' Hz' : '');
  }

  /** Skaggs information per spike, or per unit of a rate unit's activity */
  private get infoUnit(): string {
    return this.spiking ? 'bits/spike' : 'bits/unit';
  }

  override render() {
    const title = this.heading;
    const ids = this.cellIds;
    const cells = ids.length;
    const cell = this.cell;
    const sum = this.summary;
    const err = this.curves.error.at(-1) ?? NaN;
    const aspect = this.maps ? (this.arena?.kind === 'track' ? 8 : this.maps.grid.width / this.maps.grid.height) : 1;
    const label = `${title}: the arena${this.arena?.kind === 'track' ? ' (a linear track)' : ''} with the agent and its trail${cell ? `, over the rate map of cell ${cell.cell} (peak ${this.formatRate(cell.peak)})` : ''}. Drag in it, or focus it and hold the arrow keys, to move the agent.`;
    return html`
      <div class="tools">
        ${cells > 0 ? html`<label>Cell <input type="number" min=${ids[0]} max=${ids.at(-1)} step="1" .value=${String(this.selected)}
          @change=${(e: Event) => this.select(Number((e.target as HTMLInputElement).value))}></label>` : nothing}
        ${this.gate ? html`<button aria-pressed=${this.placing ? 'true' : 'false'} @click=${() => (this.placing = !this.placing)}
          title="then click in the arena (or Shift+click any time): a plateau in the selected cell where the agent next passes">Place plateau</button>` : nothing}
        <button @click=${this.savePng} aria-label=${`save ${title} as PNG`}>PNG</button>
        <button @click=${() => this.toggleFullscreen()} aria-label=${`${title} full screen`}>Full screen</button>
      </div>
      <div class="body">
        <div class="frame"><canvas role="application" tabindex="0" aria-label=${label}
          @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove} @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerUp}
          @keydown=${this.onKeyDown} @keyup=${this.onKeyUp} @blur=${this.onBlur}></canvas></div>
        <div class="side">
          ${cells > 0 ? html`
            <h3>Learning curves</h3>
            <dl>
              <div class="row"><dt>Explored</dt><dd class="wide">${sum ? `${sum.explored.toFixed(0)} s, ${Math.round(100 * sum.coverage)}% of bins` : '–'}</dd></div>
              <div class="row"><dt>Spatial information</dt><dd>${sum && Number.isFinite(sum.meanInformation) ? `${sum.meanInformation.toFixed(2)} ${this.infoUnit}` : '–'}</dd>
                <dd><canvas class="spark" data-series="info" role="img" aria-label="mean spatial information over time"></canvas></dd></div>
              ${this.gridCells ? html`
              <div class="row"><dt>Gridness</dt><dd>${Number.isFinite(this.curves.grid.at(-1) ?? NaN) ? `${this.curves.grid.at(-1)!.toFixed(2)}, mean of ${this.gridScored} cells` : '–'}</dd>
                <dd><canvas class="spark" data-series="grid" role="img" aria-label="mean gridness of the mapped cells over time"></canvas></dd></div>` : html`
              <div class="row"><dt>Cells with a field</dt><dd>${sum ? `${Math.round(100 * sum.fractionWithField)}%` : '–'}</dd>
                <dd><canvas class="spark" data-series="fields" role="img" aria-label="fraction of cells with a place field over time"></canvas></dd></div>`}
              <div class="row"><dt>Decoding error</dt><dd>${Number.isFinite(err) ? `${(100 * err).toFixed(1)} cm` : '–'}</dd>
                <dd><canvas class="spark" data-series="error" role="img" aria-label="population-vector decoding error over time"></canvas></dd></div>
              <div class="row"><dt>Cell ${this.selected}</dt><dd class="wide">${cell ? `${this.formatRate(cell.peak)} peak, ${cell.information.toFixed(2)} ${this.infoUnit}${Number.isFinite(cell.gridness) ? `, gridness ${cell.gridness.toFixed(2)}` : ''}` : '–'}</dd></div>
            </dl>
            <h3>${this.probeOnly ? `Rate maps of ${this.galleryCount} cells` : `Rate maps of cells 0–${this.galleryCount - 1}`}</h3>
            <div class="gallery" role="group" aria-label="rate maps; choose one to show it in the arena" style=${`--map-aspect: ${aspect}`}>
              ${ids.slice(0, this.galleryCount).map((id, c) => html`
                <button aria-pressed=${id === this.selected ? 'true' : 'false'} aria-label=${`cell ${id}${this.galleryPeaks[c] ? `, peak ${this.formatRate(this.galleryPeaks[c])}` : ''}`}
                  @click=${() => this.select(id)}><canvas aria-hidden="true"></canvas>${id}</button>`)}
            </div>` : html`<p class="hint">No spike or rate-map probe given (plot field <code>spikes</code> or <code>maps</code>): the arena shows the agent only.</p>`}
          <p class="hint">Drag in the arena, or focus it and hold the arrow keys, to steer the agent; let go to give it back its own motion.${this.gate
            ? ' Place plateau (or Shift+click) puts the plateau where you click, for the selected cell: its field forms there when the agent passes.' : ''}</p>
        </div>
      </div>`;
  }
}

/** A map value: a rate (Hz) or a rate unit's mean activity (no unit), two significant digits below 1. */
function formatValue(v: number, unit: string): string {
  return `${v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2)}${unit}`;
}

/** A small line of a series over time, scaled to its own range (NaN values skipped). */
function sparkline(canvas: HTMLCanvasElement, t: readonly number[], v: readonly number[], scale: number): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth, h = canvas.clientHeight;
  if (w === 0 || h === 0) return;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const pts = t.flatMap((x, i) => (Number.isFinite(v[i]!) ? [[x, v[i]!] as const] : []));
  if (pts.length < 2) return;
  const t0 = pts[0]![0], t1 = pts[pts.length - 1]![0];
  let lo = Infinity, hi = -Infinity;
  for (const [, y] of pts) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
  if (hi === lo) { hi += 1; lo -= 1; }
  const pad = 3 * scale;
  ctx.strokeStyle = '#1f5fbf';
  ctx.lineWidth = 2 * scale;
  ctx.beginPath();
  pts.forEach(([x, y], i) => {
    const px = pad + ((x - t0) / (t1 - t0 || 1)) * (w - 2 * pad), py = h - pad - ((y - lo) / (hi - lo)) * (h - 2 * pad);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.stroke();
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-arena': EngramArena;
  }
}
