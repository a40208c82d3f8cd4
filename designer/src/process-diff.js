// process-diff: <div class="vupe-diff" data-old-url="/api/process-definitions/{id}/xml" data-new-url="…"
//   data-old-label="Versión 1" data-new-label="Versión 2">
// Two bpmn-js NavigatedViewers side by side (old left, new right, zoom and scroll kept in sync) with the differences
// between two versions of a procedure marked on the diagrams — added (green, new side), removed (red, old side),
// changed (amber, both), layout changed (blue, both) — and a Spanish list of the changes; choosing an item centres
// and selects the element on both diagrams.
// What changed is computed by process-changes.js (bpmn-js-differ plus the engine's vupe:* attributes, which the
// differ skips even when the modeler's moddle descriptor makes them typed properties).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { layoutProcess } from 'bpmn-auto-layout';
import { autoInit, el, messageBox, loginUrl, messageForStatus } from './common.js';
import { KIND, computeChanges } from './process-changes.js';
import vupeModdle from './modeler/vupe-moddle.json';

const MSG = {
  cargando: 'Cargando las dos versiones…',
  noCarga: 'No se pudo cargar una de las versiones.',
  invalido: 'Una de las versiones no se puede mostrar:',
  leyenda: 'Leyenda',
  cambios: 'Cambios',
  sinCambios: 'Las dos versiones son iguales: no hay cambios en el diagrama ni en sus atributos.',
  sinDiagrama: 'Una de las versiones no tenía diagrama; se dibujó automáticamente, por eso no se informan cambios de posición.',
  etiqueta: (label) => `Diagrama de la ${label}. Use las flechas para desplazarse; el otro diagrama sigue el mismo desplazamiento y zoom.`
};

const hasDiagram = (xml) => /<([\w-]+:)?BPMNDiagram[\s>]/.test(xml);

async function loadXml(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
  } catch {
    throw new Error(messageForStatus(0));
  }
  if (response.status === 401) { location.assign(loginUrl()); throw new Error(messageForStatus(401)); }
  if (!response.ok) throw new Error(messageForStatus(response.status));
  return response.text();
}

function legend() {
  const item = (kind) => el('li', {}, el('span', { class: `vupe-diff-swatch ${KIND[kind].marker}`, 'aria-hidden': 'true' }), KIND[kind].legend);
  return el('ul', { class: 'vupe-diff-legend', 'aria-label': MSG.leyenda }, item('added'), item('changed'), item('removed'), item('layout'));
}

/** Keep both canvases on the same scroll position and zoom, whichever the user moves. */
function linkViewboxes(a, b) {
  let syncing = false;
  const follow = (from, to) => from.on('canvas.viewbox.changed', ({ viewbox }) => {
    if (syncing) return;
    syncing = true;
    try {
      const canvas = to.get('canvas');
      const size = canvas.getSize();
      canvas.viewbox({ x: viewbox.x, y: viewbox.y, width: size.width / viewbox.scale, height: size.height / viewbox.scale });
    } finally {
      syncing = false;
    }
  });
  follow(a, b);
  follow(b, a);
}

/** Centre the element (on whichever side has it; the other follows) and select it on both sides. */
function focusElement(viewers, id) {
  let centred = false;
  for (const viewer of viewers) {
    const element = viewer.get('elementRegistry').get(id);
    const selection = viewer.get('selection');
    if (!element) { selection.select(null); continue; }
    selection.select(element);
    if (centred) continue;
    const canvas = viewer.get('canvas');
    const box = canvas.viewbox();
    const bounds = element.waypoints ? boundsOf(element.waypoints) : element;
    canvas.viewbox({ x: bounds.x + bounds.width / 2 - box.width / 2, y: bounds.y + bounds.height / 2 - box.height / 2, width: box.width, height: box.height });
    centred = true;
  }
}

function boundsOf(points) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

function fit(viewer) {
  const canvas = viewer.get('canvas');
  const scale = canvas.zoom('fit-viewport', 'auto');
  canvas.zoom(Math.min(1.5, scale * 0.9), 'auto');
}

async function init(root) {
  const oldLabel = root.dataset.oldLabel || 'versión anterior';
  const newLabel = root.dataset.newLabel || 'versión nueva';
  root.setAttribute('aria-busy', 'true');
  const status = el('p', { class: 'vupe-diff-status', role: 'status', text: MSG.cargando });
  root.replaceChildren(status);

  let oldXml;
  let newXml;
  try {
    [oldXml, newXml] = await Promise.all([loadXml(root.dataset.oldUrl), loadXml(root.dataset.newUrl)]);
  } catch (e) {
    root.removeAttribute('aria-busy');
    root.replaceChildren(messageBox('error', `${MSG.noCarga} ${e.message || ''}`.trim()));
    return;
  }

  const pane = (label, side) => {
    const canvas = el('div', { class: 'vupe-diff-canvas' });
    const section = el('section', { class: `vupe-diff-pane vupe-diff-pane--${side}`, 'aria-label': label },
      el('h3', { class: 'vupe-diff-pane-title', text: label.charAt(0).toUpperCase() + label.slice(1) }), canvas);
    return { section, canvas };
  };
  const left = pane(oldLabel, 'old');
  const right = pane(newLabel, 'new');
  const list = el('ol', { class: 'vupe-diff-changes', 'aria-label': MSG.cambios });
  const summary = el('p', { class: 'vupe-diff-summary', role: 'status' });
  const notes = el('div', { class: 'vupe-diff-notes' });
  root.replaceChildren(el('div', { class: 'vupe-diff-panes' }, left.section, right.section), legend(), notes,
    el('h3', { class: 'vupe-diff-heading', text: MSG.cambios }), summary, list);

  // The modeler's descriptor: vupe:* attributes and extension elements are read as typed properties, as the modeler reads them.
  const oldViewer = new NavigatedViewer({ container: left.canvas, moddleExtensions: { vupe: vupeModdle } });
  const newViewer = new NavigatedViewer({ container: right.canvas, moddleExtensions: { vupe: vupeModdle } });
  const viewers = [oldViewer, newViewer];
  // Without a diagram (a file written for the engine only) the version is drawn automatically; positions then mean nothing.
  const withLayout = hasDiagram(oldXml) && hasDiagram(newXml);
  try {
    await oldViewer.importXML(hasDiagram(oldXml) ? oldXml : await layoutProcess(oldXml));
    await newViewer.importXML(hasDiagram(newXml) ? newXml : await layoutProcess(newXml));
  } catch (e) {
    console.error('[vupe:process-diff]', e);
    root.removeAttribute('aria-busy');
    root.replaceChildren(messageBox('error', `${MSG.invalido} ${e.message || ''}`.trim()));
    return;
  }
  if (!withLayout) notes.append(messageBox('info', MSG.sinDiagrama));

  const changes = computeChanges(oldViewer.getDefinitions(), newViewer.getDefinitions(), { withLayout });
  const mark = (viewer, id, marker) => { if (viewer.get('elementRegistry').get(id)) viewer.get('canvas').addMarker(id, marker); };
  for (const change of changes) {
    const marker = KIND[change.kind].marker;
    if (change.kind === 'added') mark(newViewer, change.id, marker);
    else if (change.kind === 'removed') mark(oldViewer, change.id, marker);
    else { mark(oldViewer, change.id, marker); mark(newViewer, change.id, marker); }
  }

  for (const change of changes) {
    list.append(el('li', { class: `vupe-diff-change vupe-diff-change--${change.kind}`, 'data-element-id': change.id },
      el('span', { class: `vupe-diff-swatch ${KIND[change.kind].marker}`, 'aria-hidden': 'true' }),
      el('button', { type: 'button', class: 'vupe-diff-item', onclick: () => focusElement(viewers, change.id) }, change.text)));
  }
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const of = (kind) => changes.filter((c) => c.kind === kind).length;
  summary.textContent = changes.length === 0 ? MSG.sinCambios
    : `${count(changes.length, 'cambio', 'cambios')}: ${count(of('added'), 'añadido', 'añadidos')}, ${count(of('changed'), 'cambiado', 'cambiados')}, ` +
      `${count(of('removed'), 'eliminado', 'eliminados')}, ${count(of('layout'), 'movido', 'movidos')}. Elija un cambio para verlo en los diagramas.`;

  for (const [viewer, label] of [[oldViewer, oldLabel], [newViewer, newLabel]]) {
    fit(viewer);
    const svg = viewer.get('canvas').getContainer().querySelector('svg');
    if (svg) { svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', MSG.etiqueta(label)); }
  }
  // Start both at the same view: the new side's fit (the old side follows from here on).
  linkViewboxes(oldViewer, newViewer);
  fit(newViewer);

  root.removeAttribute('aria-busy');
  root.dataset.ready = 'true';
  root.__vupeViewers = viewers;
  root.dispatchEvent(new CustomEvent('vupe:diff-rendered', { bubbles: true, detail: { changes } }));
}

autoInit('.vupe-diff', init, 'processDiff');
