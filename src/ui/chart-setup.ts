/** Chart.js with only the parts Engram uses, and the shared look (animation and parsing off, large type). */
import { Chart, type ChartConfiguration, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Title, Tooltip } from 'chart.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, Legend, Title, Tooltip, Decimation);
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

export type { Chart };
