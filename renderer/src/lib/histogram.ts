// chart.js configs for weight histograms: one model, or before and after on a shared axis.
import type { ChartConfiguration } from 'chart.js';
import type { HistogramDto } from '../../../core/api/index.js';

function centers(h: HistogramDto): string[] {
  const w = (h.max - h.min) / Math.max(1, h.counts.length);
  return h.counts.map((_, i) => (h.min + w * (i + 0.5)).toFixed(2));
}

export function histogramConfig(series: { label: string; h: HistogramDto; color: string }[]): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: series.length ? centers(series[0]!.h) : [],
      datasets: series.map((s) => ({ label: s.label, data: [...s.h.counts], backgroundColor: s.color, barPercentage: 1, categoryPercentage: 0.95 })),
    },
    options: {
      responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: series.length > 1 } },
      scales: {
        x: { title: { display: true, text: 'weight value' }, ticks: { maxTicksLimit: 9 } },
        y: { title: { display: true, text: 'how many weights' }, beginAtZero: true },
      },
    },
  };
}
