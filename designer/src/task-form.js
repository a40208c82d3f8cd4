// task-form: <div class="vupe-task-form" data-task-url="/api/tasks/{id}"
//   data-complete-url="/api/tasks/{id}/complete" [data-done-url="/bandeja"]>
// Renders the task's form-js schema, completes the task (POST JSON with the
// task version and X-CSRF-TOKEN), maps ValidationProblem errors to fields,
// and keeps a local draft (localStorage "vupe-draft:{taskId}").
import { Form } from '@bpmn-io/form-js-viewer';
import { SpanishValidationModule, translateWidgets } from './form-i18n.js';
import { autoInit, el, fetchJson, loginUrl, messageBox, problemMessage, MENSAJES } from './common.js';

const MSG = {
  cargando: 'Cargando la tarea…',
  errorCarga: 'No se pudo cargar la tarea.',
  errorFormulario: 'No se pudo mostrar el formulario de la tarea.',
  completar: 'Completar',
  enviando: 'Enviando…',
  guardarBorrador: 'Guardar borrador',
  borradorGuardado: 'Borrador guardado en este navegador.',
  borradorNoGuardado: 'No se pudo guardar el borrador en este navegador.',
  borradorRestaurado: (fecha) => `Se restauró un borrador guardado${fecha ? ' el ' + fecha : ''}`.replace(/\.?$/, '.'),
  descartarBorrador: 'Descartar borrador',
  borradorDescartado: 'Borrador descartado.',
  exito: 'Tarea completada.',
  revise: 'No se pudo completar la tarea. Revise lo siguiente:',
  camposConError: (n) => (n === 1 ? 'Hay 1 campo con errores en el formulario.' : `Hay ${n} campos con errores en el formulario.`),
  validacionLocal: 'Corrija los campos marcados antes de completar la tarea.',
  recargar: 'Recargar',
  documentos: 'Documentos requeridos',
  presente: 'presente',
  falta: 'falta'
};

export const DRAFT_PREFIX = 'vupe-draft:';

function taskIdOf(root, task) {
  if (task && (task.id !== undefined && task.id !== null)) return String(task.id);
  const m = /\/tasks\/([^/?#]+)/.exec(root.dataset.taskUrl || '');
  return m ? decodeURIComponent(m[1]) : root.dataset.taskUrl || 'tarea';
}

function readDraft(key) {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw);
    return draft && typeof draft.data === 'object' && draft.data ? draft : null;
  } catch {
    return null;
  }
}

function formatDate(iso) {
  try {
    return new Date(iso).toLocaleString('es-PE', { dateStyle: 'short', timeStyle: 'short' });
  } catch {
    return '';
  }
}

function requiredDocumentsList(docs) {
  if (!Array.isArray(docs) || docs.length === 0) return null;
  return el('section', { class: 'vupe-required-docs', 'aria-label': MSG.documentos },
    el('h3', { text: MSG.documentos }),
    el('ul', {}, docs.map((d) => el('li', { class: d.present ? 'vupe-doc--present' : 'vupe-doc--missing' },
      el('span', { class: 'vupe-doc-icon', 'aria-hidden': 'true' }, d.present ? '✓' : '✗'),
      `${d.name || d.kind} `,
      el('span', { class: 'vupe-doc-state' }, `(${d.present ? MSG.presente : MSG.falta})`)))));
}

/**
 * Map of server error key -> form field id. form-js identifies fields (and
 * their errors) by id, while the server reports errors by field key/path.
 */
function fieldIdsByKey(form) {
  const map = new Map();
  try {
    const registry = form.get('formFieldRegistry');
    const paths = form.get('pathRegistry', false);
    for (const field of registry.getAll()) {
      if (!field.key) continue;
      let full = field.key;
      if (paths && typeof paths.getValuePath === 'function') {
        try {
          const vp = paths.getValuePath(field);
          if (Array.isArray(vp) && vp.length) full = vp.join('.');
        } catch { /* keep key */ }
      }
      for (const k of [full, field.key]) {
        if (!map.has(k)) map.set(k, field.id);
        if (!map.has(k.toLowerCase())) map.set(k.toLowerCase(), field.id);
      }
    }
  } catch (e) {
    console.warn('[vupe:task-form] form field registry unavailable', e);
  }
  return map;
}

function lookupField(map, key) {
  const candidates = [key, key.replace(/^data\./i, ''), key.replace(/^\$\./, '')];
  for (const c of candidates) {
    if (map.has(c)) return map.get(c);
    if (map.has(c.toLowerCase())) return map.get(c.toLowerCase());
  }
  return null;
}

async function initTaskForm(root) {
  const taskUrl = root.dataset.taskUrl;
  const completeUrl = root.dataset.completeUrl;
  const doneUrl = root.dataset.doneUrl;

  root.setAttribute('aria-busy', 'true');
  root.replaceChildren(el('p', { class: 'vupe-loading', role: 'status', text: MSG.cargando }));

  let payload;
  try {
    ({ data: payload } = await fetchJson(taskUrl));
    if (!payload || typeof payload !== 'object' || !payload.task) throw new Error(MENSAJES.respuestaInvalida);
  } catch (e) {
    if (e && e.status === 401) { location.assign(loginUrl()); return; }
    root.removeAttribute('aria-busy');
    root.replaceChildren(messageBox('error', `${MSG.errorCarga} ${e && e.status !== undefined ? problemMessage(e) : ''}`.trim()));
    return;
  }

  const { task, form: schema } = payload;
  const variables = payload.variables && typeof payload.variables === 'object' ? payload.variables : {};
  const draftKey = DRAFT_PREFIX + taskIdOf(root, task);

  // Layout: summary (errors) · notices · required documents · form · actions.
  const summary = el('div', { class: 'vupe-error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const notices = el('div', { class: 'vupe-notices', 'aria-live': 'polite' });
  const formHost = el('div', { class: 'vupe-form-host' });
  const completeBtn = el('button', { type: 'button', class: 'vupe-btn vupe-btn--primary' }, MSG.completar);
  const draftBtn = el('button', { type: 'button', class: 'vupe-btn' }, MSG.guardarBorrador);
  const actions = el('div', { class: 'vupe-actions' }, schema ? draftBtn : null, completeBtn);
  root.replaceChildren(summary, notices, requiredDocumentsList(payload.requiredDocuments) || '', formHost, actions);
  root.removeAttribute('aria-busy');

  const setNotice = (kind, text, extra = []) => notices.replaceChildren(messageBox(kind, text, extra));
  const clearErrors = () => {
    summary.hidden = true;
    summary.replaceChildren();
    root.querySelectorAll('.vupe-field-error').forEach((n) => n.remove());
  };

  let form = null;
  let currentData = {};

  if (schema) {
    form = new Form({ container: formHost, additionalModules: [SpanishValidationModule] });
    translateWidgets(formHost);
    form.on('changed', (state) => { currentData = state.data || {}; });
    const draft = readDraft(draftKey);
    const initial = draft ? { ...variables, ...draft.data } : variables;
    try {
      await form.importSchema(schema, initial);
    } catch (e) {
      console.error('[vupe:task-form]', e);
      formHost.replaceChildren(messageBox('error', MSG.errorFormulario));
      completeBtn.disabled = true;
      draftBtn.disabled = true;
      return;
    }
    if (draft) {
      const discard = el('button', {
        type: 'button',
        class: 'vupe-btn vupe-btn--link',
        onclick: async () => {
          try { localStorage.removeItem(draftKey); } catch { /* ignore */ }
          clearErrors();
          await form.importSchema(schema, variables);
          setNotice('info', MSG.borradorDescartado);
          completeBtn.focus();
        }
      }, MSG.descartarBorrador);
      setNotice('info', MSG.borradorRestaurado(draft.savedAt ? formatDate(draft.savedAt) : ''), [discard]);
    }
    // A submit button inside the schema goes through the same path.
    form.on('submit', (result) => {
      if (!submittingViaButton) handleSubmit(result);
    });
    draftBtn.addEventListener('click', () => {
      try {
        localStorage.setItem(draftKey, JSON.stringify({
          savedAt: new Date().toISOString(),
          version: task.version,
          data: currentData
        }));
        setNotice('success', MSG.borradorGuardado);
      } catch {
        setNotice('error', MSG.borradorNoGuardado);
      }
    });
  }

  let sending = false;
  let submittingViaButton = false;

  function showFieldErrors(fieldErrors) {
    // Preferred: form-js's own error state (rendered as .fjs-form-field-error
    // under the field, wired to aria-describedby). Form#_setState is the only
    // way form-js 1.23 offers to inject errors; fall back to our own markup.
    const useFormJs = form && typeof form._setState === 'function' && typeof form._getState === 'function';
    if (useFormJs) {
      const errors = { ...(form._getState().errors || {}) };
      for (const [id, msgs] of fieldErrors) errors[id] = msgs;
      form._setState({ errors });
    }
    // After preact has re-rendered, make sure each message is visible.
    setTimeout(() => {
      for (const [id, msgs] of fieldErrors) {
        const input = formHost.querySelector(`[id$="-${CSS.escape(id)}"]`);
        const fieldEl = input ? input.closest('.fjs-form-field') || input : null;
        const shown = fieldEl && fieldEl.querySelector('.fjs-form-field-error') &&
          msgs.every((m) => fieldEl.textContent.includes(m));
        if (shown) continue;
        const box = el('div', { class: 'vupe-field-error', role: 'alert' }, msgs.join(' '));
        if (fieldEl) fieldEl.after(box);
        else formHost.prepend(box);
      }
    }, 50);
  }

  function showSummary(lines, focus = true) {
    summary.replaceChildren(el('p', { class: 'vupe-error-summary__title', text: MSG.revise }),
      el('ul', {}, lines.map((l) => el('li', { text: l }))));
    summary.hidden = false;
    if (focus) summary.focus();
  }

  function handleValidationProblem(problem) {
    const errors = problem && problem.errors && typeof problem.errors === 'object' ? problem.errors : {};
    const map = form ? fieldIdsByKey(form) : new Map();
    const fieldErrors = new Map();
    const other = [];
    for (const [key, raw] of Object.entries(errors)) {
      const msgs = [].concat(raw).map(String);
      const id = form ? lookupField(map, key) : null;
      if (id) fieldErrors.set(id, [...(fieldErrors.get(id) || []), ...msgs]);
      else other.push(...msgs);
    }
    if (fieldErrors.size) showFieldErrors(fieldErrors);
    const lines = [...other];
    if (fieldErrors.size) lines.push(MSG.camposConError(fieldErrors.size));
    if (!lines.length) lines.push(problem && problem.title ? problem.title : MENSAJES.validacion);
    showSummary(lines);
  }

  async function handleSubmit(result) {
    if (sending) return;
    clearErrors();
    if (result && result.errors && Object.keys(result.errors).length) {
      showSummary([MSG.validacionLocal]);
      return;
    }
    sending = true;
    completeBtn.disabled = true;
    draftBtn.disabled = true;
    completeBtn.setAttribute('aria-busy', 'true');
    completeBtn.textContent = MSG.enviando;
    let done = false;
    try {
      await fetchJson(completeUrl, { method: 'POST', json: { data: result ? result.data : {}, version: task.version } });
      done = true;
      try { localStorage.removeItem(draftKey); } catch { /* ignore */ }
      if (form) form.setProperty('readOnly', true);
      setNotice('success', MSG.exito);
      root.dispatchEvent(new CustomEvent('vupe:task-completed', { bubbles: true, detail: { task } }));
      if (doneUrl) setTimeout(() => location.assign(doneUrl), 600);
    } catch (e) {
      if (e && e.status === 401) { location.assign(loginUrl()); return; }
      if (e && e.status === 400 && e.problem && e.problem.errors) {
        handleValidationProblem(e.problem);
      } else if (e && e.status === 409) {
        setNotice('error', MENSAJES.conflicto, [
          el('button', { type: 'button', class: 'vupe-btn', onclick: () => location.reload() }, MSG.recargar)
        ]);
        notices.querySelector('button').focus();
      } else {
        showSummary([problemMessage(e)]);
      }
    } finally {
      sending = false;
      completeBtn.removeAttribute('aria-busy');
      completeBtn.textContent = done ? MSG.exito : MSG.completar;
      completeBtn.disabled = done;
      draftBtn.disabled = done;
    }
  }

  completeBtn.addEventListener('click', () => {
    if (sending) return;
    if (!form) { handleSubmit(null); return; }
    let result;
    submittingViaButton = true;
    try {
      result = form.submit();
    } finally {
      submittingViaButton = false;
    }
    handleSubmit(result);
  });

  root.__vupeForm = form;
}

autoInit('.vupe-task-form[data-task-url]', initTaskForm, 'taskForm');
