/** Chart.js with only the parts Engram uses, and the shared look (animation and parsing off, large type). */
import {
  Chart, type ChartConfiguration, Decimation, Filler, Legend, LinearScale, LineController, LineElement, type Plugin, PointElement, RadarController,
  RadialLinearScale, ScatterController, Title, Tooltip,
} from 'chart.js';

Chart.register(LineController, ScatterController, RadarController, LineElement, PointElement, LinearScale, RadialLinearScale, Filler, Legend, Title, Tooltip, Decimation);
Chart.defaults.font.size = 15;
Chart.defaults.color = '#1b1f24';

export const PALETTE = ['#1f5fbf', '#c0392b', '#1e8449', '#8e44ad', '#b9770e', '#117a8b'];

export function liveChart(canvas: HTMLCanvasElement, config: Omit<ChartConfiguration<'line' | 'scatter'>, 'options'> & { yLabel: string; xLabel?: string; title?: string }): Chart<'line' | 'scatter'> {
  return new Chart(canvas, {
    type: config.type,
    data: config.data,
    ...(config.plugins ? { plugins: config.plugins } : {}),
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      events: [],
      plugins: {
        legend: { display: (config.data.datasets?.length ?? 0) > 1, labels: { boxWidth: 14 } },
        title: { display: Boolean(config.title), text: config.title ?? '', font: { size: 17, weight: 'bold' } },
        tooltip: { enabled: false },
        // at most about two points per pixel column reach the canvas (lines only; data sorted by x, parsing off)
        decimation: { enabled: config.type === 'line', algorithm: 'min-max' },
      },
      scales: {
        x: { type: 'linear', title: { display: true, text: config.xLabel ?? 'time (s)' }, ticks: { maxTicksLimit: 8 } },
        y: { type: 'linear', title: { display: true, text: config.yLabel } },
      },
    },
  }) as Chart<'line' | 'scatter'>;
}

/**
 * A spike raster: Chart.js lays out the title and axes (set x and y min/max before update), and a
 * plugin paints the spikes as small squares into an image of the chart area, `spikes` handing them
 * over one by one, and draws that image in one operation. A scatter dataset made a Chart.js element
 * per spike, and even plain canvas rectangles cost a paint operation each: the working-memory ring
 * keeps ~10^4 spikes in view and redraws 20 times a second.
 */
export function rasterChart(canvas: HTMLCanvasElement, config: {
  title: string; yLabel: string; spikes: (draw: (x: number, y: number) => void) => void; pointRadius: () => number;
}): Chart<'scatter'> {
  const off = document.createElement('canvas');
  let image = new ImageData(1, 1);
  const [r, g, b] = [1, 3, 5].map((k) => parseInt(PALETTE[0]!.slice(k, k + 2), 16)) as [number, number, number];
  const color = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0; // RGBA bytes as one little-endian word
  const raster: Plugin<'scatter'> = {
    id: 'raster',
    afterDatasetsDraw(c) {
      const { ctx, chartArea: a } = c;
      const x = c.scales['x']!, y = c.scales['y']!;
      if (!(x.max > x.min && y.max > y.min)) return;
      // device pixels, so the image lands on the canvas one to one
      const dpr = c.currentDevicePixelRatio;
      const w = Math.max(1, Math.round(a.width * dpr)), h = Math.max(1, Math.round(a.height * dpr));
      if (image.width !== w || image.height !== h) {
        image = new ImageData(w, h);
        off.width = w;
        off.height = h;
      }
      const px = new Uint32Array(image.data.buffer);
      px.fill(0);
      // a square of side 2 r / √2, as Chart.js's 'rect' point style of radius r
      const side = Math.max(1, Math.round(config.pointRadius() * Math.SQRT2 * dpr));
      const kx = w / (x.max - x.min), ky = h / (y.max - y.min);
      config.spikes((t, i) => {
        const left = Math.round((t - x.min) * kx - side / 2), top = Math.round(h - (i - y.min) * ky - side / 2);
        for (let row = Math.max(0, top); row < Math.min(h, top + side); row++) {
          for (let col = Math.max(0, left); col < Math.min(w, left + side); col++) px[row * w + col] = color;
        }
      });
      off.getContext('2d')!.putImageData(image, 0, 0);
      ctx.drawImage(off, a.left, a.top, a.width, a.height);
    },
  };
  return liveChart(canvas, { type: 'scatter', title: config.title, yLabel: config.yLabel, data: { datasets: [] }, plugins: [raster] }) as Chart<'scatter'>;
}

/** A radial line drawn on a ring chart at an angle (degrees, clockwise from the top). */
export interface RingMarker { angle: number; label: string; color: string; dashed?: boolean }

/** Position of a point at `angle` (degrees clockwise from the top) and `fraction` of the radius of a ring chart. */
function ringPoint(chart: Chart<'radar'>, angle: number, fraction: number): { x: number; y: number } {
  const r = chart.scales['r'] as RadialLinearScale;
  const a = ((angle - 90) * Math.PI) / 180;
  return { x: r.xCenter + Math.cos(a) * r.drawingArea * fraction, y: r.yCenter + Math.sin(a) * r.drawingArea * fraction };
}

/** Angle (degrees clockwise from the top, 0–360) of a canvas point on a ring chart. */
export function ringAngleAt(chart: Chart<'radar'>, x: number, y: number): number {
  const r = chart.scales['r'] as RadialLinearScale;
  return ((Math.atan2(x - r.xCenter, r.yCenter - y) * 180) / Math.PI + 360) % 360;
}

/**
 * A rate profile over preferred angle as a closed curve around a circle
 * (Chart.js radar: 0° at the top, clockwise; distance from the centre = rate),
 * with 0/90/180/270° and rate labels and radial markers (e.g. the bump's population-vector
 * angle), named with their angles in the top left corner, drawn by a small plugin.
 * `groups` points, point g at `startAngle` + 360 g / groups.
 */
export function ringChart(canvas: HTMLCanvasElement, config: { title: string; label: string; groups: number; startAngle: number; markers: () => RingMarker[] }): Chart<'radar'> {
  const labels: Plugin<'radar'> = {
    id: 'engramRing',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const size = (chart.options.plugins?.title?.font as { size?: number } | undefined)?.size ?? 17;
      ctx.save();
      ctx.font = `${size - 2}px sans-serif`;
      ctx.fillStyle = Chart.defaults.color as string;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (const angle of [0, 90, 180, 270]) {
        const p = ringPoint(chart, angle, 1.1);
        ctx.fillText(`${angle}°`, p.x, p.y);
      }
      // rate ticks along the 45° radius, clear of the angle labels
      const r = chart.scales['r'] as RadialLinearScale;
      for (const tick of r.ticks) {
        if (tick.value === 0) continue;
        const p = ringPoint(chart, 45, r.getDistanceFromCenterForValue(tick.value) / r.drawingArea);
        ctx.fillText(`${tick.value} Hz`, p.x, p.y);
      }
      ctx.lineWidth = size / 5;
      ctx.textAlign = 'left';
      config.markers().forEach((m, k) => {
        const start = ringPoint(chart, m.angle, 0);
        const end = ringPoint(chart, m.angle, 1);
        ctx.strokeStyle = ctx.fillStyle = m.color;
        ctx.setLineDash(m.dashed ? [8, 6] : []);
        ctx.beginPath();
        ctx.moveTo(start.x, start.y);
        ctx.lineTo(end.x, end.y);
        const y = chart.chartArea.top + (k + 0.5) * (size + 4);
        ctx.moveTo(chart.chartArea.left, y);
        ctx.lineTo(chart.chartArea.left + 1.5 * size, y);
        ctx.stroke();
        ctx.fillText(m.label, chart.chartArea.left + 2 * size, y);
      });
      ctx.restore();
    },
  };
  return new Chart(canvas, {
    type: 'radar',
    data: {
      labels: Array.from({ length: config.groups }, (_, g) => `${Math.round(config.startAngle + (360 * g) / config.groups)}°`),
      datasets: [{ label: config.label, data: [], borderColor: PALETTE[0], backgroundColor: 'rgba(31, 95, 191, 0.15)', fill: true, borderWidth: 2, pointRadius: 0 }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      events: [],
      layout: { padding: { top: 0, right: 22, bottom: 22, left: 22 } },
      plugins: {
        legend: { display: false },
        title: { display: Boolean(config.title), text: config.title, font: { size: 17, weight: 'bold' }, padding: { top: 10, bottom: 32 } },
        tooltip: { enabled: false },
      },
      scales: {
        r: {
          min: 0, startAngle: config.startAngle,
          angleLines: { display: false }, pointLabels: { display: false },
          ticks: { maxTicksLimit: 4, display: false },
        },
      },
    },
    plugins: [labels],
  });
}

export type { Chart };
