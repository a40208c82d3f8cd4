// case-diagram: <div class="vupe-diagram" data-diagram-url="/api/cases/{id}/diagram">
// Renders the case's BPMN with bpmn-js NavigatedViewer (zoom/pan, fit) and
// marks completed elements / taken flows (green), active elements (blue token
// badge with count, pulsing) and incident elements (red "incidencia").
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { autoInit, el, fetchJson, messageBox, problemMessage, loginUrl } from './common.js';

const MSG = {
  cargando: 'Cargando diagrama del proceso…',
  error: 'No se pudo cargar el diagrama del proceso.',
  xmlInvalido: 'El diagrama del proceso no es válido y no se puede mostrar.',
  etiqueta: 'Diagrama del proceso del caso. Use las flechas para desplazarse, + y − para acercar o alejar, 0 para ajustar.',
  acercar: 'Acercar',
  alejar: 'Alejar',
  ajustar: 'Ajustar a la vista',
  incidencia: 'incidencia',
  leyenda: 'Leyenda',
  completado: 'Completado',
  activo: 'En curso',
  conIncidencia: 'Con incidencia'
};

function asList(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x) : [];
}

function countBy(list) {
  const m = new Map();
  for (const id of list) m.set(id, (m.get(id) || 0) + 1);
  return m;
}

function legend() {
  const item = (cls, text) => el('li', {}, el('span', { class: `vupe-legend-swatch ${cls}`, 'aria-hidden': 'true' }), text);
  return el('ul', { class: 'vupe-diagram-legend', 'aria-label': MSG.leyenda },
    item('vupe-legend-completed', MSG.completado),
    item('vupe-legend-active', MSG.activo),
    item('vupe-legend-incident', MSG.conIncidencia));
}

export function applyState(viewer, state) {
  const registry = viewer.get('elementRegistry');
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const exists = (id) => !!registry.get(id);

  for (const id of asList(state.completedElements)) if (exists(id)) canvas.addMarker(id, 'vupe-completed');
  for (const id of asList(state.takenFlows)) if (exists(id)) canvas.addMarker(id, 'vupe-taken');

  for (const [id, count] of countBy(asList(state.activeElements))) {
    if (!exists(id)) continue;
    canvas.addMarker(id, 'vupe-active');
    const label = count === 1 ? '1 instancia en curso' : `${count} instancias en curso`;
    overlays.add(id, 'vupe-token', {
      position: { bottom: 10, left: -8 },
      html: el('span', { class: 'vupe-token', title: label, role: 'img', 'aria-label': label }, String(count))
    });
  }
  for (const id of new Set(asList(state.incidentElements))) {
    if (!exists(id)) continue;
    canvas.addMarker(id, 'vupe-incident');
    overlays.add(id, 'vupe-incident', {
      position: { top: -12, right: 12 },
      html: el('span', { class: 'vupe-incident-badge', title: 'Elemento con incidencia', role: 'img', 'aria-label': 'Elemento con incidencia' }, MSG.incidencia)
    });
  }
}

async function initDiagram(root) {
  const url = root.dataset.diagramUrl;
  root.classList.add('vupe-diagram--loading');
  root.setAttribute('aria-busy', 'true');
  const status = el('p', { class: 'vupe-diagram-status', role: 'status', text: MSG.cargando });
  root.replaceChildren(status);

  let state;
  try {
    ({ data: state } = await fetchJson(url));
    if (!state || typeof state.xml !== 'string' || !state.xml.trim()) throw new Error('xml');
  } catch (e) {
    if (e && e.status === 401) { location.assign(loginUrl()); return; }
    root.classList.remove('vupe-diagram--loading');
    root.removeAttribute('aria-busy');
    root.replaceChildren(messageBox('error', e && e.status ? `${MSG.error} ${problemMessage(e)}` : MSG.error));
    return;
  }

  const canvasHost = el('div', { class: 'vupe-diagram-canvas' });
  const zoom = (delta) => {
    const canvas = viewer.get('canvas');
    canvas.zoom(Math.min(4, Math.max(0.2, canvas.zoom() * delta)));
  };
  // Fit with a small margin so badges on the outermost elements stay visible.
  const fit = () => {
    const canvas = viewer.get('canvas');
    const scale = canvas.zoom('fit-viewport', 'auto');
    canvas.zoom(Math.min(1.5, scale * 0.9), 'auto');
  };
  const toolbar = el('div', { class: 'vupe-diagram-toolbar', role: 'toolbar', 'aria-label': 'Controles del diagrama' },
    el('button', { type: 'button', class: 'vupe-btn vupe-btn--icon', 'aria-label': MSG.acercar, title: MSG.acercar, onclick: () => zoom(1.25) }, '+'),
    el('button', { type: 'button', class: 'vupe-btn vupe-btn--icon', 'aria-label': MSG.alejar, title: MSG.alejar, onclick: () => zoom(0.8) }, '−'),
    el('button', { type: 'button', class: 'vupe-btn', title: MSG.ajustar, onclick: fit }, 'Ajustar'));
  root.replaceChildren(toolbar, canvasHost, legend(), status);

  const viewer = new NavigatedViewer({ container: canvasHost });
  try {
    await viewer.importXML(state.xml);
  } catch (e) {
    console.error('[vupe:case-diagram]', e);
    viewer.destroy();
    root.classList.remove('vupe-diagram--loading');
    root.removeAttribute('aria-busy');
    root.replaceChildren(messageBox('error', MSG.xmlInvalido));
    return;
  }
  applyState(viewer, state);
  fit();

  const svg = canvasHost.querySelector('svg');
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', MSG.etiqueta);
  }
  // +/-/0 keys while the diagram has focus (arrow keys are bpmn-js's keyboard move).
  canvasHost.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === '+' || ev.key === '=') { zoom(1.25); ev.preventDefault(); }
    else if (ev.key === '-') { zoom(0.8); ev.preventDefault(); }
    else if (ev.key === '0') { fit(); ev.preventDefault(); }
  });

  const counts = [
    `${asList(state.completedElements).length} completados`,
    `${new Set(asList(state.activeElements)).size} en curso`,
    `${new Set(asList(state.incidentElements)).size} con incidencia`
  ];
  status.textContent = `Diagrama cargado: ${counts.join(', ')}.`;
  status.classList.add('vupe-sr-only');
  root.classList.remove('vupe-diagram--loading');
  root.removeAttribute('aria-busy');
  root.__vupeViewer = viewer;
  root.dispatchEvent(new CustomEvent('vupe:diagram-rendered', { bubbles: true, detail: { viewer } }));
}

autoInit('.vupe-diagram[data-diagram-url]', initDiagram, 'caseDiagram');
