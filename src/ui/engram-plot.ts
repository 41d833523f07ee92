/**
 * One live plot of one probe: a spike raster (scatter), population rates or
 * state traces (lines), a ring bump's angle over time with the ring stimuli
 * marked and its amplitude on a second axis, or the rate profile over
 * preferred angle (a line, or a ring around a circle with the bump's
 * population-vector angle marked). Subscribes to the
 * engine's frames, keeps a sliding window, redraws at most 20 times a second.
 * Bump, profile and ring plots with `place` move that stimulus to a clicked angle.
 * A sweep plot draws a synapseMean probe's groups over a swept parameter, at
 * the start of the run and now (e.g. the weight change over pairing Δt).
 * A histogram plot draws a weightHistogram probe's counts over the bins' centres, at
 * the start and now, like a sweep.
 * A sheet plot draws a grid sheet's latest activity image (a sheet probe) as a heat map.
 * Test hook: data-points counts the points received since the last reset.
 */
import { RedrawThrottle } from './redraw-throttle';
import { canvasPng, download } from './download';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Engine, ProbeFrame } from '../engine';
import { mgBlock } from '../model/lif';
import type { PlotSpec, ProbeSpec } from '../scenario/schema';
import { type Chart, liveChart, PALETTE, rasterChart, ringAngleAt, ringChart, type RingMarker } from './chart-setup';
import { emit } from './events';
import { WindowBuffer } from './window-buffer';

/** Seconds of history kept on screen (a plot's `window` overrides). */
const KEEP = { raster: 1, rate: 4, state: 2, bump: 4, profile: 0.1, ring: 0.25, sweep: 0.1, histogram: 0.1, sheet: 0.1 } as const;
/** Shortest time between redraws of one plot (ms). */
const MIN_REDRAW_MS = 50;
/** Lines drawn at most per plot (groups or neurons beyond these are not drawn). */
const MAX_LINES = 6;

@customElement('engram-plot')
export class EngramPlot extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; background: #fff; border: 1px solid #d0d5dc; border-radius: 8px; padding: 8px; }
    :host(:fullscreen) { padding: 24px; }
    canvas { width: 100% !important; height: 100% !important; }
    .frame { position: relative; height: var(--engram-plot-height, 260px); }
    :host(:fullscreen) .frame { height: calc(100vh - 90px); }
    .tools { display: flex; gap: 6px; justify-content: flex-end; }
    button { font: inherit; font-size: 0.85rem; padding: 2px 10px; border: 1px solid #6b7584; border-radius: 4px; background: #fff; cursor: pointer; }
    button:focus-visible { outline: 3px solid #f0a500; outline-offset: 1px; }
  `;

  @property({ attribute: false }) engine?: Engine;
  @property({ attribute: false }) plot?: PlotSpec;
  @property({ attribute: false }) probe?: ProbeSpec;
  /** Changes whenever the run restarts; the plot then clears. */
  @property({ type: Number }) epoch = 0;

  private chart?: Chart<'line' | 'scatter'>;
  /** ring plots draw on a radar chart instead */
  private ring?: Chart<'radar'>;
  private buffer = new WindowBuffer(1);
  private unsubscribe?: () => void;
  private points = 0;
  private latest = 0;
  /** sweep plots: the first sample after a restart */
  private initial: number[] = [];
  private readonly redraw = new RedrawThrottle(() => this.draw(), MIN_REDRAW_MS);
  /** raster plots: the spikes' size (px, as a Chart.js point radius; larger for projectors) */
  private rasterRadius = 1.2;
  /** sheet plots: the latest image of the sheet (side × side, row-major) */
  private sheet?: Float32Array;

  override render() {
    const label = this.plot?.title ?? this.probe?.id ?? '';
    return html`
      <div class="tools">
        <button @click=${this.savePng} aria-label=${`save ${label} as PNG`}>PNG</button>
        <button @click=${() => this.toggleFullscreen()} aria-label=${`${label} full screen`} aria-keyshortcuts="f">Full screen</button>
      </div>
      <div class="frame"><canvas role="img" aria-label=${label} @click=${this.place}
        title=${this.plot?.place ? `click to move stimulus ${this.plot.place} to an angle` : ''}></canvas></div>`;
  }

  override updated(changed: PropertyValues<this>): void {
    // bump plots draw the engine's scenario's stimuli and ring plots its population size, so a new engine also rebuilds the chart
    if (changed.has('probe') || changed.has('plot') || (changed.has('engine') && (this.plot?.kind === 'bump' || this.plot?.kind === 'ring'))) this.rebuildChart();
    if (changed.has('engine')) {
      this.unsubscribe?.();
      this.unsubscribe = this.engine?.subscribe((f) => this.onFrame(f));
    }
    if (changed.has('engine') || changed.has('epoch')) this.clear();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.chart?.destroy();
    this.chart = undefined;
    this.ring?.destroy();
    this.ring = undefined;
  }

  /** The chart as a PNG data URL (white background). */
  toPng(): string {
    return canvasPng(this.renderRoot.querySelector('canvas')!);
  }

  private savePng(): void {
    download(`${this.probe?.id ?? 'plot'}.png`, this.toPng());
  }

  toggleFullscreen(): void {
    if (document.fullscreenElement === this) void document.exitFullscreen();
    else void this.requestFullscreen?.().catch(() => undefined);
  }

  /** Larger lines and type for projectors. */
  setPresenter(on: boolean): void {
    const size = on ? 22 : 15;
    if (this.ring) {
      const r = this.ring.options.scales!['r']!;
      r.ticks = { ...r.ticks, font: { size } };
      this.ring.options.plugins!.title!.font = { size: size + 3, weight: 'bold' };
      this.ring.data.datasets[0]!.borderWidth = on ? 4 : 2;
      this.ring.update('none');
      return;
    }
    if (!this.chart) return;
    const opts = this.chart.options;
    for (const axis of ['x', 'y'] as const) {
      const scale = opts.scales![axis]!;
      scale.ticks = { ...scale.ticks, font: { size } };
      (scale as { title: { font?: { size: number } } }).title.font = { size };
    }
    opts.plugins!.title!.font = { size: size + 3, weight: 'bold' };
    this.rasterRadius = on ? 2.2 : 1.2;
    this.chart.data.datasets.forEach((ds) => ((ds as { borderWidth?: number }).borderWidth = on ? 4 : 2));
    this.chart.update('none');
  }

  private clear(): void {
    this.buffer.clear();
    this.initial = [];
    this.sheet = undefined;
    this.points = 0;
    this.latest = 0;
    this.setAttribute('data-points', '0');
    this.redraw.schedule();
  }

  private rebuildChart(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.ring?.destroy();
    this.ring = undefined;
    const canvas = this.renderRoot.querySelector('canvas');
    const plot = this.plot;
    const probe = this.probe;
    if (!canvas || !plot || !probe) return;
    this.buffer = new WindowBuffer(this.span());
    const title = plot.title ?? probe.id;
    if (plot.kind === 'sheet') {
      this.redraw.schedule();
      return;
    }
    const line = (label: string, k: number) => ({ label, data: [], borderColor: PALETTE[k % PALETTE.length], borderWidth: 2, pointRadius: 0 });
    if (plot.kind === 'raster') {
      this.chart = rasterChart(canvas, {
        title, yLabel: `${this.population()} neuron`, pointRadius: () => this.rasterRadius,
        spikes: (draw) => {
          const unit = this.hours() ? 3600 : 1;
          this.buffer.forEach(0, (t, i) => draw(t / unit, i));
        },
      });
    } else if (plot.kind === 'bump') {
      const stimuli = this.ringStimuli().map((st, k) => ({ ...line(`${st.id} at ${st.profile.center}°`, k + 1), borderWidth: 8, data: stimulusSegment(st) }));
      // the amplitude (last dataset, right axis): a memory that fails loses its bump before its angle wanders
      const amplitude = { ...line('amplitude', stimuli.length + 1), borderWidth: 1.5, borderDash: [5, 3], yAxisID: 'y1' };
      this.chart = liveChart(canvas, { type: 'line', title, yLabel: 'bump angle (°)', data: { datasets: [line('bump', 0), ...stimuli, amplitude] } });
      Object.assign(this.chart.options.scales!.y!, { min: 0, max: 360 });
      this.chart.options.scales!.y1 = { type: 'linear', position: 'right', min: 0, title: { display: true, text: 'bump amplitude (Hz)' }, grid: { drawOnChartArea: false } };
    } else if (plot.kind === 'sweep' || plot.kind === 'histogram') {
      const start = { ...line('at start', 1), borderDash: [6, 4], pointRadius: 3 };
      const [xLabel, yLabel] = probe.kind === 'weightHistogram' ? [this.stateUnit(), 'synapses'] : [plot.x?.label ?? '', this.stateUnit()];
      this.chart = liveChart(canvas, { type: 'line', title, xLabel, yLabel, data: { datasets: [start, { ...line('now', 0), pointRadius: 3 }] } });
    } else if (plot.kind === 'ring') {
      const at = this.profileAngles();
      this.ring = ringChart(canvas, { title, label: `${this.population()} rate (Hz)`, groups: at.length, startAngle: at[0] ?? 0, markers: () => this.ringMarkers() });
    } else if (plot.kind === 'profile') {
      this.chart = liveChart(canvas, { type: 'line', title, xLabel: 'preferred angle (°)', yLabel: 'rate (Hz)', data: { datasets: [line(this.population(), 0)] } });
      Object.assign(this.chart.options.scales!.x!, { min: 0, max: 360 });
    } else {
      // reference lines after the traces, dashed, in the palette's later colours
      const marks = plot.marks.map((m, k) => ({ ...line(m.label, MAX_LINES + k), borderDash: [4, 4], borderWidth: 1.5 }));
      this.chart = liveChart(canvas, {
        type: 'line', title, yLabel: plot.kind === 'rate' ? 'rate (Hz)' : this.stateUnit(), data: { datasets: [...this.lineLabels().map(line), ...marks] },
        ...(this.hours() ? { xLabel: 'time (h)' } : {}),
      });
    }
  }

  /** The population a probe reads (a bump probe reads its source rate probe's). */
  private population(): string {
    const probe = this.probe;
    if (!probe || probe.kind === 'synapse' || probe.kind === 'synapseMean' || probe.kind === 'weightHistogram' || probe.kind === 'agent') return '';
    if (probe.kind !== 'bump') return probe.population;
    const source = this.engine?.scenario.probes.find((p) => p.id === probe.source);
    return source && 'population' in source ? source.population : '';
  }

  private ringStimuli() {
    const pop = this.population();
    return (this.engine?.scenario.stimuli ?? []).flatMap((st) => (st.target === pop && st.profile.kind === 'ring' ? [{ ...st, profile: st.profile }] : []));
  }

  /** A click on a bump (y = angle), profile (x = angle) or ring (angle around the centre) plot moves the plot's stimulus there. */
  private place(e: MouseEvent): void {
    const chart = this.chart;
    const stimulus = this.plot?.place;
    if (!stimulus) return;
    if (this.ring) {
      emit(this, 'engram-place', { stimulus, angle: Math.round(ringAngleAt(this.ring, e.offsetX, e.offsetY)) % 360 });
      return;
    }
    if (!chart) return;
    const value = this.plot?.kind === 'bump' ? chart.scales.y!.getValueForPixel(e.offsetY) : chart.scales.x!.getValueForPixel(e.offsetX);
    if (value === undefined || !Number.isFinite(value)) return;
    emit(this, 'engram-place', { stimulus, angle: Math.round(((value % 360) + 360) % 360) });
  }

  private lineLabels(): string[] {
    const probe = this.probe!;
    if (probe.kind === 'state') return probe.indices.slice(0, MAX_LINES).map((i) => `${probe.population}[${i}]`);
    if (probe.kind === 'synapse') return probe.indices.slice(0, MAX_LINES).map((i) => `${probe.projection} synapse ${i}`);
    if (probe.kind === 'agent') return ['x (m)', 'y (m)'];
    if (probe.kind === 'synapseMean') return Array.from({ length: MAX_LINES }, (_, g) => `${probe.projection} group ${g}`);
    if (probe.kind === 'rate') {
      const groups = this.engine ? Math.ceil(this.popSize() / (probe.groupSize ?? this.popSize())) : 1;
      return Array.from({ length: Math.min(groups, MAX_LINES) }, (_, g) => (groups === 1 ? probe.population : `${probe.population} group ${g}`));
    }
    return [];
  }

  private popSize(): number {
    const pop = this.population();
    return this.engine?.scenario.populations.find((p) => p.id === pop)?.n ?? 1;
  }

  /** [Mg2+] (mM) of the probed LIF population, for the mgBlock transform. */
  private magnesium(): number {
    const pop = this.engine?.scenario.populations.find((p) => p.id === this.population());
    return pop?.kind === 'lif' ? pop.Mg : 1;
  }

  private stateUnit(): string {
    if (this.plot?.transform === 'mgBlock') return 'Mg2+ unblock B(V)';
    if (this.probe?.kind === 'agent') return 'position (m)';
    const v = this.probe && 'variable' in this.probe ? this.probe.variable : '';
    return ({ w: 'efficacy w', z: 'late weight z', c: 'calcium (rule units)', v: 'V (mV)', sAmpa: 'AMPA (nS)', sGaba: 'GABA (nS)', gNmda: 'NMDA (nS)', sNmda: 'NMDA gating', xNmda: 'NMDA x', r: 'rate (Hz)', iExt: 'I (pA)', iIn: 'input' } as Record<string, string>)[v] ?? v;
  }

  private onFrame(frame: ProbeFrame): void {
    // a probe sampled every N steps sends empty frames for the chunks between its samples: nothing to redraw
    if (frame.probe !== this.probe?.id || frame.t.length === 0) return;
    if (this.plot?.kind === 'sheet' && frame.kind === 'state') {
      this.sheet = frame.values.at(-1) ?? this.sheet;
      this.points += frame.t.length;
      this.setAttribute('data-points', String(this.points));
      this.redraw.schedule();
      return;
    }
    if (frame.kind === 'spikes') {
      for (let k = 0; k < frame.t.length; k++) this.buffer.push(frame.t[k]!, [frame.i[k]!]);
      this.points += frame.t.length;
    } else if (frame.kind === 'bump') {
      for (let k = 0; k < frame.t.length; k++) this.buffer.push(frame.t[k]!, [frame.angle[k]!, frame.amplitude[k]!]);
      this.points += frame.t.length;
    } else if (frame.kind === 'agent') {
      for (let k = 0; k < frame.t.length; k++) this.buffer.push(frame.t[k]!, [frame.x[k]!, frame.y[k]!]);
      this.points += frame.t.length;
    } else {
      if (this.initial.length === 0 && frame.values.length > 0) this.initial = Array.from(frame.values[0]!);
      const mg = this.plot?.transform === 'mgBlock' ? this.magnesium() : undefined;
      frame.values.forEach((row, k) => this.buffer.push(frame.t[k]!, mg === undefined ? Array.from(row) : Array.from(row, (v) => mgBlock(v, mg))));
      this.points += frame.t.length;
    }
    if (frame.t.length > 0) this.latest = Math.max(this.latest, frame.t[frame.t.length - 1]!);
    this.setAttribute('data-points', String(this.points));
    this.redraw.schedule();
  }

  /** A sheet plot: the latest image as a heat map (black → red → yellow → white, scaled to its maximum), y upwards. */
  private drawSheet(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    const img = this.sheet;
    if (!canvas) return;
    const w = canvas.clientWidth || 300, h = canvas.clientHeight || 260;
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    let max = 0;
    for (const v of img ?? []) max = Math.max(max, v);
    ctx.fillStyle = '#1d2430';
    ctx.font = 'bold 15px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(`${this.plot?.title ?? this.probe?.id ?? ''}${img ? ` (max ${max.toFixed(2)})` : ''}`, w / 2, 16);
    if (!img) return;
    const side = Math.round(Math.sqrt(img.length));
    const data = new ImageData(side, side);
    img.forEach((v, i) => {
      const x = max > 0 ? v / max : 0;
      const row = side - 1 - Math.floor(i / side); // y upwards
      const o = 4 * (row * side + (i % side));
      data.data[o] = 255 * Math.min(1, 3 * x);
      data.data[o + 1] = 255 * Math.min(1, Math.max(0, 3 * x - 1));
      data.data[o + 2] = 255 * Math.min(1, Math.max(0, 3 * x - 2));
      data.data[o + 3] = 255;
    });
    const off = document.createElement('canvas');
    off.width = off.height = side;
    off.getContext('2d')?.putImageData(data, 0, 0);
    const size = Math.max(1, Math.min(w, h - 24));
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, (w - size) / 2, 22, size, size);
  }

  private draw(): void {
    const chart = this.chart;
    const plot = this.plot;
    if (plot?.kind === 'sheet') {
      this.drawSheet();
      return;
    }
    if (this.ring) {
      this.buffer.trim(this.latest);
      this.ring.data.datasets[0]!.data = this.profile().map((p) => p.y);
      this.ring.update('none');
      return;
    }
    if (!chart || !plot) return;
    this.buffer.trim(this.latest);
    if (plot.kind === 'profile') {
      chart.data.datasets[0]!.data = this.profile();
      chart.update('none');
      return;
    }
    if (plot.kind === 'sweep' || plot.kind === 'histogram') {
      const { from, step } = this.sweepAxis();
      const at = (row: readonly number[]) => row.map((y, g) => ({ x: from + g * step, y }));
      chart.data.datasets[0]!.data = at(this.initial);
      chart.data.datasets[1]!.data = at(this.buffer.latestRow());
      chart.update('none');
      return;
    }
    if (plot.kind === 'bump') {
      chart.data.datasets[0]!.data = this.buffer.series(0);
      chart.data.datasets.at(-1)!.data = this.buffer.series(1);
      this.ringStimuli().forEach((st, k) => {
        const ds = chart.data.datasets[k + 1];
        if (ds) ds.data = stimulusSegment(st); // a stimulus moved by a click or the panel
      });
    } else {
      const unit = this.hours() ? 3600 : 1;
      const traces = chart.data.datasets.length - plot.marks.length;
      chart.data.datasets.slice(0, traces).forEach((ds, k) => (ds.data = this.buffer.series(k).map((p) => ({ x: p.x / unit, y: p.y }))));
    }
    const unit = this.hours() ? 3600 : 1;
    const span = this.span();
    const xs = chart.options.scales!.x!;
    xs.min = Math.max(0, this.latest - span) / unit;
    xs.max = Math.max(span, this.latest) / unit;
    plot.marks.forEach((m, k) => {
      const ds = chart.data.datasets[chart.data.datasets.length - plot.marks.length + k];
      if (ds) ds.data = [{ x: xs.min as number, y: m.y }, { x: xs.max as number, y: m.y }];
    });
    if (plot.kind === 'raster') {
      const ys = chart.options.scales!.y!;
      const probe = this.probe;
      ys.min = 0;
      ys.max = probe?.kind === 'spikes' ? probe.maxNeurons ?? this.popSize() : this.popSize();
    }
    chart.update('none');
  }

  /** Where a sweep's groups or a histogram's bins lie on x: the plot's x, or the bins' centres. */
  private sweepAxis(): { from: number; step: number } {
    const probe = this.probe;
    if (probe?.kind !== 'weightHistogram') return this.plot!.x!;
    const step = (probe.max - probe.min) / probe.bins;
    return { from: probe.min + step / 2, step };
  }

  private span(): number {
    // arena plots are drawn by engram-arena, not here
    return this.plot?.window ?? KEEP[(this.plot?.kind ?? 'state') as keyof typeof KEEP] ?? 1;
  }

  /** Time-lapse traces (windows of hours) are drawn over hours. */
  private hours(): boolean {
    return this.plot?.kind === 'state' && this.span() >= 4 * 3600;
  }

  /** Each group's preferred angle (°): the mean of its first and last neuron's. */
  private profileAngles(): number[] {
    const probe = this.probe;
    if (probe?.kind !== 'rate') return [];
    const n = this.popSize();
    const gs = probe.groupSize ?? n;
    return Array.from({ length: Math.ceil(n / gs) }, (_, g) => (360 * (g * gs + (Math.min(n, (g + 1) * gs) - 1)) / 2) / n);
  }

  /** Mean rate per group over the kept bins, at each group's preferred angle. */
  private profile(): { x: number; y: number }[] {
    if (this.buffer.length === 0) return [];
    return this.profileAngles().map((x, g) => {
      const col = this.buffer.series(g);
      return { x, y: col.reduce((s, p) => s + p.y, 0) / col.length };
    });
  }

  /** Ring plots: the bump's population-vector angle of the shown profile, and the stimulus a click places. */
  private ringMarkers(): RingMarker[] {
    const markers: RingMarker[] = [];
    const placed = this.ringStimuli().find((st) => st.id === this.plot?.place);
    if (placed) markers.push({ angle: placed.profile.center, label: `${placed.id} ${Math.round(placed.profile.center)}°`, color: PALETTE[1]!, dashed: true });
    const profile = this.profile();
    const x = profile.reduce((s, p) => s + p.y * Math.cos((p.x * Math.PI) / 180), 0);
    const y = profile.reduce((s, p) => s + p.y * Math.sin((p.x * Math.PI) / 180), 0);
    if (x !== 0 || y !== 0) {
      const angle = ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
      markers.push({ angle, label: `bump ${Math.round(angle)}°`, color: PALETTE[2]! });
    }
    return markers;
  }
}

/** A ring stimulus as a horizontal segment at its centre over its time window. */
function stimulusSegment(st: { onset: number; duration: number; profile: { center: number } }): { x: number; y: number }[] {
  const angle = ((st.profile.center % 360) + 360) % 360;
  return [{ x: st.onset, y: angle }, { x: st.onset + st.duration, y: angle }];
}

declare global {
  interface HTMLElementTagNameMap {
    'engram-plot': EngramPlot;
  }
}
