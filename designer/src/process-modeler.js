// process-modeler: <div class="vupe-modeler" data-xml-url="/api/process-definitions/{id}/xml" data-file-name="x.bpmn"
//   data-validate-url="/api/deployments/validate" data-deploy-url="/api/deployments" data-can-deploy="true|false">
//   data-catalog-url="/api/designer/catalog">
// bpmn-js Modeler with bpmn-js-properties-panel (BPMN's groups + the VUPE group for the engine's vupe: attributes,
// see modeler/), "Validar" (the engine's own deploy-time checks, shown on the elements), "Desplegar" (national
// supervisors and admins) and "Descargar". The vupe moddle descriptor makes the XML round-trip unchanged.
import Modeler from 'bpmn-js/lib/Modeler';
import { modelerOptions } from './modeler/index.js';
import { autoInit, el, messageBox, problemErrors, loginUrl, messageForStatus, postFile } from './common.js';
import { lintModule, lintingOptions, spanishLinting } from './modeler/lint.js';
import { createLiveValidation } from './modeler/live-validation.js';
import { importControls } from './modeler/import.js';
import { createDrafts } from './modeler/drafts.js';

const NEW_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="definiciones" targetNamespace="http://vupecases.pe/procedimientos">
  <bpmn:process id="nuevo-procedimiento" name="Nuevo procedimiento" isExecutable="true">
    <bpmn:startEvent id="inicio" name="Inicio" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagrama"><bpmndi:BPMNPlane id="plano" bpmnElement="nuevo-procedimiento">
    <bpmndi:BPMNShape id="inicio_di" bpmnElement="inicio"><dc:Bounds x="160" y="100" width="36" height="36" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const VUPE_NS = 'http://vupecases.pe/schema/bpmn/1.0';

const MSG = {
  cargando: 'Cargando el procedimiento…',
  noCarga: 'No se pudo abrir el procedimiento.',
  propiedades: 'Propiedades',
  validar: 'Validar',
  desplegar: 'Desplegar',
  descargar: 'Descargar .bpmn',
  valido: 'El procedimiento no tiene errores: se puede desplegar.',
  conErrores: (n) => `El procedimiento tiene ${n} ${n === 1 ? 'error' : 'errores'}; corríjalos antes de desplegar.`,
  desplegado: (items) => `Desplegado: ${items}.`,
  sinCambios: 'No hubo cambios: se mantiene la versión vigente.',
  etiqueta: 'Editor del diagrama del procedimiento'
};

function ensureNamespace(modeler) {
  const definitions = modeler.getDefinitions();
  if (!definitions.$attrs['xmlns:vupe']) definitions.$attrs['xmlns:vupe'] = VUPE_NS;
}

function init(root) {
  let fileName = root.dataset.fileName || 'procedimiento.bpmn';
  const status = el('div', { class: 'vupe-modeler-status', role: 'status', 'aria-live': 'polite' });
  const errorsList = el('ul', { class: 'vupe-modeler-errors', 'aria-label': 'Problemas del procedimiento' });
  const canvas = el('div', { class: 'vupe-modeler-canvas', role: 'application', 'aria-label': MSG.etiqueta, tabindex: '0' });
  const panel = el('aside', { class: 'vupe-modeler-panel', 'aria-label': MSG.propiedades });
  const validate = el('button', { type: 'button', 'data-action': 'validar' }, MSG.validar);
  const deploy = el('button', { type: 'button', class: 'primary', 'data-action': 'desplegar' }, MSG.desplegar);
  const download = el('button', { type: 'button', class: 'secondary', 'data-action': 'descargar' }, MSG.descargar);
  const toolbar = el('div', { class: 'vupe-modeler-toolbar' }, validate, root.dataset.canDeploy === 'true' ? deploy : '', download);
  root.replaceChildren(toolbar, status, el('div', { class: 'vupe-modeler-body' }, canvas, panel), errorsList);

  const options = modelerOptions({ panel, catalogUrl: root.dataset.catalogUrl || '/api/designer/catalog' });
  const modeler = new Modeler({
    container: canvas,
    ...options,
    additionalModules: [...options.additionalModules, lintModule],
    linting: lintingOptions
  });
  // Tests and the browser console reach the modeler's services (modeling, elementRegistry…) through the element.
  root.vupeModeler = modeler;
  spanishLinting(modeler);

  const say = (kind, text) => status.replaceChildren(messageBox(kind, text));
  // Live checks (bpmnlint + the engine), import of files and drafts: modules under ./modeler/.
  const live = createLiveValidation({ root, modeler, list: errorsList, deployButton: root.dataset.canDeploy === 'true' ? deploy : null,
    validateUrl: root.dataset.validateUrl, fileName: () => fileName, xml: () => xml(), say });
  const drafts = createDrafts({ root, fileName: () => fileName, setFileName: (name) => { fileName = name; }, xml: () => xml(), say });
  toolbar.append(...importControls(modeler, canvas, { onStart: (text) => say('info', text), onError: (text) => say('error', text),
    onImported: ({ name, message }) => { fileName = name; say('success', message); } }), drafts.button);
  const showErrors = (errors) => live.showEngine(errors);

  async function xml() {
    ensureNamespace(modeler);
    return (await modeler.saveXML({ format: true })).xml;
  }

  validate.addEventListener('click', async () => {
    const { engineFailed, errors } = await live.validateNow();
    if (engineFailed) { say('error', engineFailed); return; }
    say(errors ? 'error' : 'success', errors ? MSG.conErrores(errors) : MSG.valido);
  });

  deploy.addEventListener('click', async () => {
    const result = drafts.active ? await drafts.deploy() : await postFile(root.dataset.deployUrl, fileName, await xml(), `diseñador: ${fileName}`);
    if (result.status === 201) {
      const processes = result.body?.processes || [];
      const unchanged = new Set(result.body?.unchanged || []);
      const fresh = processes.filter((p) => !unchanged.has(p.id));
      say('success', fresh.length ? MSG.desplegado(fresh.map((p) => `${p.key} versión ${p.version}`).join(', ')) : MSG.sinCambios);
    } else if (result.status === 422) {
      const errors = Array.isArray(result.body?.errors) ? result.body.errors : [];
      showErrors(errors);
      say('error', MSG.conErrores(errors.length));
    } else {
      const errors = problemErrors(result.body);
      say('error', errors.length ? errors.map((e) => e.message).join(' ') : (result.body?.title || messageForStatus(result.status)));
    }
  });

  download.addEventListener('click', async () => {
    const link = el('a', { href: URL.createObjectURL(new Blob([await xml()], { type: 'application/xml' })), download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
  });

  (async () => {
    say('info', MSG.cargando);
    let text = NEW_PROCESS;
    let draft = null;
    try { draft = await drafts.open(); } catch (e) { say('error', e.message); return; }
    if (draft) text = draft.xml;
    else if (root.dataset.xmlUrl) {
      const response = await fetch(root.dataset.xmlUrl, { credentials: 'same-origin' });
      if (response.status === 401) { window.location.assign(loginUrl()); return; }
      if (!response.ok) { say('error', MSG.noCarga); return; }
      text = await response.text();
    }
    try {
      await modeler.importXML(text);
      modeler.get('canvas').zoom('fit-viewport');
      if (draft) say('info', draft.notice); else status.replaceChildren();
      root.dataset.ready = 'true';
    } catch (e) {
      say('error', `${MSG.noCarga} ${e.message || ''}`);
    }
  })();

  return modeler;
}

autoInit('.vupe-modeler', init, 'processModeler');
