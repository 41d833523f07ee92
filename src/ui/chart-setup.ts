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
