// charts: <canvas class="vupe-chart" data-chart='{"type":"bar","labels":[…],
//   "datasets":[{"label":"…","data":[…]}]}'>
// Chart.js with only bar, line and doughnut controllers, legend, tooltip and
// category/linear scales registered. A visually hidden table carries the
// data for screen readers.
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement,
  DoughnutController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip
} from 'chart.js';
import { autoInit, el } from './common.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement,
  DoughnutController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip);

const PALETTE = ['#0b5cad', '#2e7d32', '#c62828', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037', '#546e7a'];
const TYPES = new Set(['bar', 'line', 'doughnut']);

function dataTable(spec, caption) {
  const datasets = spec.datasets || [];
  return el('table', { class: 'vupe-sr-only' },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Categoría' }),
      datasets.map((d, i) => el('th', { scope: 'col', text: d.label || `Serie ${i + 1}` })))),
    el('tbody', {}, (spec.labels || []).map((label, r) => el('tr', {},
      el('th', { scope: 'row', text: String(label) }),
      datasets.map((d) => el('td', { text: formatNumber((d.data || [])[r]) }))))));
}

function formatNumber(v) {
  return typeof v === 'number' ? v.toLocaleString('es-PE') : v === undefined || v === null ? '' : String(v);
}

export function buildConfig(spec) {
  const type = TYPES.has(spec.type) ? spec.type : 'bar';
  const datasets = (spec.datasets || []).map((d, i) => {
    const base = { ...d, data: Array.isArray(d.data) ? d.data : [] };
    if (type === 'doughnut') {
      base.backgroundColor ??= base.data.map((_, j) => PALETTE[j % PALETTE.length]);
    } else {
      base.backgroundColor ??= PALETTE[i % PALETTE.length] + (type === 'line' ? '33' : '');
      base.borderColor ??= PALETTE[i % PALETTE.length];
      if (type === 'line') base.tension ??= 0.2;
    }
    return base;
  });
  return {
    type,
    data: { labels: spec.labels || [], datasets },
    options: {
      responsive: true,
      maintainAspectRatio: spec.maintainAspectRatio ?? true,
      locale: 'es-PE',
      plugins: {
        legend: { display: datasets.length > 1 || type === 'doughnut', position: 'bottom' },
        tooltip: { enabled: true }
      },
      ...(type === 'doughnut' ? {} : {
        scales: {
          x: { type: 'category', stacked: !!spec.stacked },
          y: { type: 'linear', beginAtZero: true, stacked: !!spec.stacked, ticks: { precision: 0 } }
        }
      }),
      ...(spec.options || {})
    }
  };
}

function initChart(canvas) {
  let spec;
  try {
    spec = JSON.parse(canvas.dataset.chart || '{}');
  } catch (e) {
    canvas.replaceWith(el('p', { class: 'vupe-message vupe-message--error', role: 'alert', text: 'No se pudo mostrar el gráfico.' }));
    return;
  }
  const caption = canvas.getAttribute('aria-label') || spec.title || 'Gráfico';
  if (!canvas.hasAttribute('role')) canvas.setAttribute('role', 'img');
  if (!canvas.hasAttribute('aria-label')) canvas.setAttribute('aria-label', caption);
  canvas.after(dataTable(spec, caption));
  canvas.__vupeChart = new Chart(canvas, buildConfig(spec));
}

autoInit('canvas.vupe-chart[data-chart]', initChart, 'charts');
