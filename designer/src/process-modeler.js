// process-modeler: <div class="vupe-modeler" data-xml-url="/api/process-definitions/{id}/xml" data-file-name="x.bpmn"
//   data-validate-url="/api/deployments/validate" data-deploy-url="/api/deployments" data-can-deploy="true|false">
// bpmn-js Modeler with a panel for the engine's vupe: attributes of the selected element (Spanish labels),
// "Validar" (the engine's own deploy-time checks, shown on the elements), "Desplegar" (national supervisors and
// admins) and "Descargar". Attributes are written as vupe:* on the BPMN elements, so the XML round-trips unchanged.
import Modeler from 'bpmn-js/lib/Modeler';
import { autoInit, el, messageBox, problemErrors, loginUrl, messageForStatus } from './common.js';
import { lintModule, lintingOptions, spanishLinting } from './modeler/lint.js';
import { createLiveValidation, postFile } from './modeler/live-validation.js';
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
  sinSeleccion: 'Seleccione un elemento del diagrama para ver y editar sus propiedades.',
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

// Which fields the panel shows for each kind of element: [attribute, label, help]. 'name' and 'id' are BPMN's own.
const FIELDS = {
  'bpmn:Process': [['id', 'Clave del procedimiento', 'Identifica el procedimiento; las versiones comparten la clave.'], ['name', 'Nombre', '']],
  'bpmn:UserTask': [
    ['name', 'Nombre', ''],
    ['vupe:candidateGroups', 'Grupos candidatos', 'Expresión FEEL, p. ej. =officeCode + "-consultor"'],
    ['vupe:candidateUsers', 'Usuarios candidatos', ''],
    ['vupe:assignee', 'Asignado a', ''],
    ['vupe:dueDate', 'Plazo (SLA)', 'Duración ISO 8601 (P5D) o expresión FEEL'],
    ['vupe:priority', 'Prioridad (0–100)', ''],
    ['vupe:formKey', 'Formulario', 'Clave de un formulario desplegado'],
    ['vupe:requiredDocuments', 'Documentos requeridos', 'Tipos separados por comas']
  ],
  'bpmn:ServiceTask': [['name', 'Nombre', ''], ['vupe:type', 'Tipo de tarea', 'Un tipo registrado en el servidor'], ['vupe:retries', 'Reintentos', '']],
  'bpmn:SendTask': [['name', 'Nombre', ''], ['vupe:type', 'Tipo de tarea', '']],
  'bpmn:BusinessRuleTask': [['name', 'Nombre', ''], ['vupe:decisionRef', 'Decisión', 'Clave de una decisión desplegada'], ['vupe:resultVariable', 'Variable de resultado', '']],
  'bpmn:CallActivity': [['name', 'Nombre', ''], ['calledElement', 'Proceso llamado', '']],
  'bpmn:SequenceFlow': [['name', 'Nombre', ''], ['condition', 'Condición (FEEL)', 'p. ej. =edad >= 18']]
};

function fieldsFor(element) {
  const type = element.businessObject.$type;
  return FIELDS[type] || [['name', 'Nombre', '']];
}

function readValue(bo, attribute) {
  if (attribute === 'condition') return bo.conditionExpression?.body || '';
  if (attribute.startsWith('vupe:')) return bo.$attrs[attribute] ?? bo.get(attribute) ?? '';
  return bo.get(attribute) ?? '';
}

function writeValue(modeler, element, attribute, value) {
  const modeling = modeler.get('modeling');
  if (attribute === 'condition') {
    const condition = value ? modeler.get('moddle').create('bpmn:FormalExpression', { body: value }) : undefined;
    modeling.updateProperties(element, { conditionExpression: condition });
  } else if (attribute === 'id' && element.type === 'bpmn:Process') {
    modeling.updateProperties(element, { id: value });
  } else {
    // vupe:* attributes live in $attrs, written back as they are; empty removes them.
    modeling.updateProperties(element, { [attribute]: value === '' ? undefined : value });
  }
}

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

  const modeler = new Modeler({ container: canvas, additionalModules: [lintModule], linting: lintingOptions });
  spanishLinting(modeler);

  const say = (kind, text) => status.replaceChildren(messageBox(kind, text));
  // Live checks (bpmnlint + the engine), import of files and drafts: modules under ./modeler/.
  const live = createLiveValidation({ root, modeler, list: errorsList, deployButton: root.dataset.canDeploy === 'true' ? deploy : null,
    validateUrl: root.dataset.validateUrl, fileName: () => fileName, xml: () => xml(), say });
  const drafts = createDrafts({ root, fileName: () => fileName, setFileName: (name) => { fileName = name; }, xml: () => xml(), say });
  toolbar.append(...importControls(modeler, canvas, { onStart: (text) => say('info', text), onError: (text) => say('error', text),
    onImported: ({ name, message }) => { fileName = name; say('success', message); } }), drafts.button);
  const showErrors = (errors) => live.showEngine(errors);

  function renderPanel(element) {
    // During an import the canvas's root is an implicit one without a BPMN element.
    if (!element || !element.businessObject) {
      panel.replaceChildren(el('h2', {}, MSG.propiedades), el('p', { class: 'vupe-hint' }, MSG.sinSeleccion));
      return;
    }
    const target = element;
    const bo = target.businessObject;
    const rows = fieldsFor(target).map(([attribute, label, help]) => {
      const id = `campo-${attribute.replace(':', '-')}`;
      const input = el('input', { id, type: 'text', name: attribute, value: readValue(bo, attribute), 'data-attribute': attribute });
      input.addEventListener('change', () => writeValue(modeler, target, attribute, input.value.trim()));
      return el('div', { class: 'vupe-field' }, el('label', { for: id }, label), input, help ? el('small', {}, help) : '');
    });
    panel.replaceChildren(el('h2', {}, MSG.propiedades), el('p', { class: 'vupe-element-kind' }, `${bo.$type.replace('bpmn:', '')} · ${bo.id}`), ...rows);
  }

  modeler.on('selection.changed', ({ newSelection }) => renderPanel(newSelection[0] || modeler.get('canvas').getRootElement()));

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
      renderPanel(modeler.get('canvas').getRootElement());
      root.dataset.ready = 'true';
    } catch (e) {
      say('error', `${MSG.noCarga} ${e.message || ''}`);
    }
  })();

  return modeler;
}

autoInit('.vupe-modeler', init, 'processModeler');
