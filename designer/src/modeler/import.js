// Importing a .bpmn file into the modeler: a button with a file input, or a file dropped on the canvas. A file
// without diagram interchange (no BPMNShape for the elements of its processes, e.g. written by hand or by another
// engine) gets a layout from bpmn-auto-layout first. Drawings whose processes are all isExecutable="false" (the BPMN
// MIWG reference files, most modelling tools' default) are marked executable, saying so, so that the engine's checks
// — which only look at executable processes — can point at their elements.
import { layoutProcess } from 'bpmn-auto-layout';
import { el } from '../common.js';

const TEXT = {
  importar: 'Importar .bpmn',
  elegir: 'Archivo BPMN a importar',
  importando: (name) => `Importando ${name}…`,
  importado: (name) => `Se importó ${name}.`,
  sinDiagrama: 'El archivo no traía diagrama; se generó uno automáticamente.',
  ejecutable: 'Sus procesos estaban marcados como no ejecutables; se marcaron ejecutables para validarlos con el motor.',
  avisos: (n) => `${n} ${n === 1 ? 'parte del archivo no se pudo mostrar' : 'partes del archivo no se pudieron mostrar'} en el diagrama.`,
  noEsBpmn: 'El archivo no es un BPMN válido:',
  soltar: 'Suelte el archivo .bpmn para importarlo'
};

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const BPMNDI = 'http://www.omg.org/spec/BPMN/20100524/DI';

/** True when no element of any process of the file has a BPMNShape or BPMNEdge. */
export function lacksDiagram(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return false; // let the importer report the broken XML
  const ids = new Set();
  for (const process of doc.getElementsByTagNameNS(BPMN, 'process')) {
    for (const child of process.getElementsByTagName('*')) {
      const id = child.getAttribute('id');
      if (id) ids.add(id);
    }
  }
  if (ids.size === 0) return false;
  const drawn = [...doc.getElementsByTagNameNS(BPMNDI, 'BPMNShape'), ...doc.getElementsByTagNameNS(BPMNDI, 'BPMNEdge')]
    .map((d) => d.getAttribute('bpmnElement'));
  return !drawn.some((id) => ids.has(id));
}

/**
 * bpmn-auto-layout follows the flow nodes' <incoming>/<outgoing> references, which BPMN makes optional (bpmn-js
 * writes them, hand-written files and other tools often do not): add the missing ones from the flows' sourceRef and
 * targetRef before laying out.
 */
export function withFlowReferences(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const byId = new Map([...doc.getElementsByTagName('*')].filter((e) => e.getAttribute('id')).map((e) => [e.getAttribute('id'), e]));
  let added = 0;
  for (const flow of doc.getElementsByTagNameNS(BPMN, 'sequenceFlow')) {
    const id = flow.getAttribute('id');
    for (const [end, tag] of [['sourceRef', 'outgoing'], ['targetRef', 'incoming']]) {
      const node = byId.get(flow.getAttribute(end));
      if (!node || [...node.children].some((c) => c.namespaceURI === BPMN && c.localName === tag && c.textContent.trim() === id)) continue;
      const reference = doc.createElementNS(BPMN, flow.prefix ? `${flow.prefix}:${tag}` : tag);
      reference.textContent = id;
      node.insertBefore(reference, node.firstElementChild);
      added += 1;
    }
  }
  return added ? new XMLSerializer().serializeToString(doc) : xml;
}

/** Marks every process executable when none is; returns whether it did. */
function makeExecutable(modeler) {
  const processes = (modeler.getDefinitions()?.rootElements || []).filter((e) => e.$type === 'bpmn:Process');
  if (processes.length === 0 || processes.some((p) => p.isExecutable)) return false;
  for (const process of processes) process.isExecutable = true;
  return true;
}

/**
 * Imports `xml` (named `name`) into the modeler: layout when it has no diagram, executable processes.
 * Resolves with { notices: [Spanish sentences] }; rejects with an Error whose message is Spanish.
 */
export async function importFile(modeler, xml, name) {
  const notices = [];
  let text = xml;
  if (lacksDiagram(text)) {
    text = await layoutProcess(withFlowReferences(text));
    notices.push(TEXT.sinDiagrama);
  }
  let result;
  try {
    result = await modeler.importXML(text);
  } catch (e) {
    throw new Error(`${TEXT.noEsBpmn} ${e.message || e}`);
  }
  if (makeExecutable(modeler)) {
    notices.push(TEXT.ejecutable);
    // The executable flag is not a command: revalidate as after an edit.
    modeler.get('eventBus').fire('elements.changed', { elements: [] });
  }
  if (result.warnings?.length) notices.push(TEXT.avisos(result.warnings.length));
  modeler.get('canvas').zoom('fit-viewport', 'auto');
  return { notices, name };
}

/**
 * The "Importar .bpmn" button (with its hidden file input) for the toolbar, plus dropping a file on `dropTarget`.
 * onImported({ name, notices }) after a successful import; onError(message) otherwise; onStart(name) before.
 */
export function importControls(modeler, dropTarget, { onStart, onImported, onError }) {
  const input = el('input', { type: 'file', accept: '.bpmn,.xml,application/xml,text/xml', class: 'vupe-sr-only',
    'aria-label': TEXT.elegir, 'data-action': 'importar-archivo', tabindex: '-1' });
  const button = el('button', { type: 'button', class: 'secondary', 'data-action': 'importar' }, TEXT.importar);
  button.addEventListener('click', () => input.click());

  async function load(file) {
    if (!file) return;
    onStart?.(TEXT.importando(file.name));
    try {
      const done = await importFile(modeler, await file.text(), file.name);
      onImported?.({ ...done, message: [TEXT.importado(file.name), ...done.notices].join(' ') });
    } catch (e) {
      onError?.(e.message || String(e));
    }
  }
  input.addEventListener('change', async () => {
    await load(input.files?.[0]);
    input.value = '';
  });

  dropTarget.addEventListener('dragover', (event) => {
    if (![...(event.dataTransfer?.types || [])].includes('Files')) return;
    event.preventDefault();
    dropTarget.classList.add('vupe-drop');
    dropTarget.title = TEXT.soltar;
  });
  dropTarget.addEventListener('dragleave', () => dropTarget.classList.remove('vupe-drop'));
  dropTarget.addEventListener('drop', async (event) => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    dropTarget.classList.remove('vupe-drop');
    dropTarget.removeAttribute('title');
    await load(file);
  });

  return [button, input];
}
