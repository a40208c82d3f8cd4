// form-editor: <div class="vupe-form-editor" data-schema-url="/api/forms/{key}?version=N" data-key="clave"
//   data-validate-url="/api/deployments/validate" data-deploy-url="/api/deployments" data-can-deploy="true|false">
// The form-js editor (palette, canvas, properties panel) with a live preview beside it, rendered by form-js's own
// Form viewer — what a consultant will see at the task — and refreshed on every change of the schema. "Validar" runs
// the engine's deploy-time checks on KEY.form.json, "Desplegar" (national supervisors and admins) deploys it as a new
// version, "Descargar" saves the file and "Importar" opens a local .form.json. An empty data-schema-url starts a new
// form whose key the user types.
//
// This bundle is built with every preact import aliased to form-js-editor's own preact 10.15.1 (designer/build.mjs):
// the editor does not render with the 10.29 the rest of node_modules has.
import { FormEditor } from '@bpmn-io/form-js-editor';
import { Form } from '@bpmn-io/form-js-viewer';
import { SpanishValidationModule, translateWidgets } from './form-i18n.js';
import { SpanishEditorModule, translateEditor } from './form-editor-i18n.js';
import { autoInit, el, messageBox, problemErrors, loginUrl, messageForStatus, postFile } from './common.js';

const EXTENSION = '.form.json';
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const EXPORTER = { name: 'VupeCases', version: '0.1' };
const NEW_ID = 'nuevo-formulario';

const MSG = {
  cargando: 'Cargando el formulario…',
  noCarga: 'No se pudo abrir el formulario.',
  noValido: 'El archivo no es un formulario de form-js válido.',
  noJson: 'El archivo no contiene JSON válido.',
  importado: (name) => `Se importó ${name}. Revise la vista previa y despliegue cuando esté listo.`,
  clave: 'Clave del formulario',
  claveAyuda: 'Identifica el formulario (vupe:formKey de las tareas); el archivo se llama clave.form.json.',
  claveFalta: 'Escriba la clave del formulario antes de validar, desplegar o descargar.',
  claveInvalida: 'La clave solo admite letras, números, «-», «_» y «.» (hasta 100 caracteres), sin espacios.',
  validar: 'Validar',
  desplegar: 'Desplegar',
  descargar: 'Descargar .form.json',
  importar: 'Importar .form.json',
  valido: 'El formulario no tiene errores: se puede desplegar.',
  conErrores: (n) => `El formulario tiene ${n} ${n === 1 ? 'error' : 'errores'}; corríjalos antes de desplegar.`,
  desplegado: (key, version) => `Desplegado: ${key} versión ${version}. Las tareas de expedientes nuevos lo usarán; los expedientes en curso conservan su versión.`,
  sinCambios: 'No hubo cambios: se mantiene la versión vigente.',
  editor: 'Editor del formulario',
  vistaPrevia: 'Vista previa',
  vistaPreviaAyuda: 'Así verá el formulario quien atienda la tarea. Puede probar los campos; nada se guarda.',
  vistaPreviaError: 'La vista previa no puede mostrar el formulario en su estado actual.',
  errores: 'Errores del formulario',
  irAlCampo: 'Ir al campo'
};

const send = (url, fileName, text, name) => postFile(url, fileName, text, name, 'application/json');

function emptySchema(key) {
  return { type: 'default', id: key || NEW_ID, components: [], exporter: EXPORTER };
}

function init(root) {
  const canDeploy = root.dataset.canDeploy === 'true';
  const fixedKey = root.dataset.key || '';
  const status = el('div', { class: 'vupe-form-editor-status', role: 'status', 'aria-live': 'polite' });
  const errorsList = el('ul', { class: 'vupe-form-editor-errors', 'aria-label': MSG.errores });
  const keyInput = el('input', { id: 'vupe-form-key', type: 'text', name: 'clave', value: fixedKey, required: true, spellcheck: 'false',
    autocomplete: 'off', 'aria-describedby': 'vupe-form-key-help', readonly: fixedKey ? true : undefined });
  const keyField = el('div', { class: 'vupe-field vupe-form-key' },
    el('label', { for: 'vupe-form-key' }, MSG.clave), keyInput, el('small', { id: 'vupe-form-key-help' }, MSG.claveAyuda));
  const validate = el('button', { type: 'button', 'data-action': 'validar' }, MSG.validar);
  const deploy = el('button', { type: 'button', class: 'primary', 'data-action': 'desplegar' }, MSG.desplegar);
  const download = el('button', { type: 'button', class: 'secondary', 'data-action': 'descargar' }, MSG.descargar);
  const fileInput = el('input', { type: 'file', accept: '.json,application/json', class: 'vupe-sr-only', tabindex: '-1', 'aria-hidden': 'true' });
  const importButton = el('button', { type: 'button', class: 'secondary', 'data-action': 'importar' }, MSG.importar);
  const toolbar = el('div', { class: 'vupe-form-editor-toolbar' }, validate, canDeploy ? deploy : '', download, importButton, fileInput);
  const editorHost = el('div', { class: 'vupe-form-editor-canvas', role: 'region', 'aria-label': MSG.editor });
  const previewHost = el('div', { class: 'vupe-form-preview-form' });
  const previewNote = el('div', { class: 'vupe-form-preview-note' });
  const preview = el('section', { class: 'vupe-form-preview', 'aria-labelledby': 'vupe-form-preview-title' },
    el('h2', { id: 'vupe-form-preview-title' }, MSG.vistaPrevia), el('p', { class: 'vupe-hint' }, MSG.vistaPreviaAyuda), previewNote, previewHost);
  root.replaceChildren(keyField, toolbar, status, errorsList, el('div', { class: 'vupe-form-editor-body' }, editorHost, preview));

  const say = (kind, text) => status.replaceChildren(messageBox(kind, text));
  translateEditor(editorHost);
  translateWidgets(previewHost);

  const editor = new FormEditor({ container: editorHost, exporter: EXPORTER, additionalModules: [SpanishEditorModule] });
  const viewer = new Form({ container: previewHost, additionalModules: [SpanishValidationModule] });
  let previewData = {};
  viewer.on('changed', (state) => { previewData = state.data || {}; });

  // The file as loaded is deployed byte for byte until the user changes something: an unchanged form then makes no
  // new version (the engine compares the files' hashes, and the editor's export is never the same text).
  let original = null;
  let dirty = false;
  editor.on('commandStack.changed', () => { dirty = true; });

  let renderedSchema = '';
  let previewTimer = 0;
  let previewRun = Promise.resolve();
  function schedulePreview() {
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(() => { previewRun = previewRun.then(renderPreview); }, 120);
  }
  async function renderPreview() {
    const schema = editor.getSchema();
    const text = JSON.stringify(schema);
    if (text === renderedSchema) return;
    renderedSchema = text;
    try {
      await viewer.importSchema(schema, previewData);
      previewNote.replaceChildren();
    } catch (e) {
      previewNote.replaceChildren(messageBox('error', MSG.vistaPreviaError));
    }
    root.dataset.previewVersion = String((Number(root.dataset.previewVersion) || 0) + 1);
    root.dispatchEvent(new CustomEvent('vupe:form-preview-rendered', { bubbles: true, detail: { schema } }));
  }
  editor.on('changed', schedulePreview);

  let marked = [];
  function clearErrors() {
    for (const node of marked) node.classList.remove('vupe-form-field-invalid');
    marked = [];
    errorsList.replaceChildren();
  }

  function fieldFor(reference) {
    if (!reference) return null;
    const registry = editor.get('formFieldRegistry');
    return registry.get(reference) || registry.getAll().find((f) => f.key === reference || f.path === reference) || null;
  }

  function showErrors(errors) {
    clearErrors();
    for (const error of errors) {
      const field = fieldFor(error.elementId);
      const text = error.elementId ? `«${error.elementId}»: ${error.message}` : error.message;
      const item = el('li', { 'data-element-id': error.elementId || '' }, text);
      if (field) {
        item.append(' ', el('button', { type: 'button', class: 'vupe-btn vupe-btn--link', onclick: () => editor.get('selection').set(field) }, MSG.irAlCampo));
        const node = editorHost.querySelector(`.fjs-element[data-id="${CSS.escape(field.id)}"]`);
        if (node) { node.classList.add('vupe-form-field-invalid'); marked.push(node); }
      }
      errorsList.append(item);
    }
  }

  function currentKey() {
    const key = keyInput.value.trim();
    if (!key) { say('error', MSG.claveFalta); keyInput.focus(); return null; }
    if (!KEY_PATTERN.test(key)) { say('error', MSG.claveInvalida); keyInput.focus(); return null; }
    return key;
  }

  function fileText(key) {
    if (original !== null && !dirty) return original;
    const schema = editor.getSchema();
    // A new form's placeholder id becomes its key, as in the catalogue's files (the engine keys forms by file name).
    if (schema.id === NEW_ID && key) schema.id = key;
    return JSON.stringify(schema, null, 2) + '\n';
  }

  validate.addEventListener('click', async () => {
    const key = currentKey();
    if (!key) return;
    const result = await send(root.dataset.validateUrl, key + EXTENSION, fileText(key));
    if (result.status !== 200) { say('error', result.body?.title || messageForStatus(result.status)); return; }
    const errors = result.body?.errors || [];
    showErrors(errors);
    say(errors.length ? 'error' : 'success', errors.length ? MSG.conErrores(errors.length) : MSG.valido);
  });

  deploy.addEventListener('click', async () => {
    const key = currentKey();
    if (!key) return;
    deploy.disabled = true;
    try {
      const result = await send(root.dataset.deployUrl, key + EXTENSION, fileText(key), `diseñador de formularios: ${key}`.slice(0, 100));
      if (result.status === 201) {
        clearErrors();
        const form = (result.body?.forms || []).find((f) => f.key === key);
        const unchanged = new Set(result.body?.unchanged || []);
        if (!form || unchanged.has(form.id)) { say('info', MSG.sinCambios); return; }
        // What is deployed now is the new baseline.
        original = fileText(key);
        dirty = false;
        root.dataset.deployedVersion = String(form.version);
        say('success', MSG.desplegado(key, form.version));
        root.dispatchEvent(new CustomEvent('vupe:form-deployed', { bubbles: true, detail: form }));
      } else if (result.status === 422 && Array.isArray(result.body?.errors)) {
        showErrors(result.body.errors);
        say('error', MSG.conErrores(result.body.errors.length));
      } else {
        const errors = problemErrors(result.body);
        say('error', errors.length ? errors.map((e) => e.message).join(' ') : (result.body?.title || messageForStatus(result.status)));
      }
    } finally {
      deploy.disabled = false;
    }
  });

  download.addEventListener('click', () => {
    const key = currentKey();
    if (!key) return;
    const link = el('a', { href: URL.createObjectURL(new Blob([fileText(key)], { type: 'application/json' })), download: key + EXTENSION });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });

  importButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = '';
    if (!file) return;
    let schema;
    try {
      schema = JSON.parse(await file.text());
    } catch {
      say('error', MSG.noJson);
      return;
    }
    if (!await load(schema)) return;
    // An imported file is a change to deploy, whatever it holds.
    original = null;
    dirty = true;
    if (!fixedKey && !keyInput.value.trim() && file.name.toLowerCase().endsWith(EXTENSION)) keyInput.value = file.name.slice(0, -EXTENSION.length);
    say('success', MSG.importado(file.name));
  });

  async function load(schema) {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) { say('error', MSG.noValido); return false; }
    clearErrors();
    try {
      await editor.importSchema(schema);
    } catch (e) {
      say('error', `${MSG.noValido} ${e && e.message ? e.message : ''}`.trim());
      return false;
    }
    dirty = false;
    schedulePreview();
    return true;
  }

  (async () => {
    say('info', MSG.cargando);
    let schema = emptySchema(fixedKey);
    if (root.dataset.schemaUrl) {
      let response;
      try {
        response = await fetch(root.dataset.schemaUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      } catch {
        say('error', `${MSG.noCarga} ${messageForStatus(0)}`);
        return;
      }
      if (response.status === 401) { window.location.assign(loginUrl()); return; }
      if (!response.ok) { say('error', `${MSG.noCarga} ${messageForStatus(response.status)}`); return; }
      const text = await response.text();
      try { schema = JSON.parse(text); } catch { say('error', MSG.noJson); return; }
      original = text;
    }
    if (!await load(schema)) return;
    status.replaceChildren();
    root.dataset.ready = 'true';
  })();

  // For tests and the console: the editor (modeling, selection…) and the preview's Form.
  root.formEditor = editor;
  root.formPreview = viewer;
  return editor;
}

autoInit('.vupe-form-editor', init, 'formEditor');
