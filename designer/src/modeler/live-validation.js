// Live validation of the diagram being edited: bpmnlint (in the browser, on every change) and the engine's own
// deploy-time checks (POST data-validate-url shortly after each change; one request in flight at a time, changes made
// meanwhile are sent together when it returns). Both are listed together in the page's problem list — lint ones
// tagged "bpmnlint" with their rule id, engine ones "motor" — and drawn on their elements (lint: bpmn-js-bpmnlint's
// overlays; engine: red outline and badge). "Desplegar" stays disabled, with the reason beside it, while there is an
// error of either kind. Each change gets a revision; when both checks have answered for the latest one the root gets
// data-validated-revision and fires `vupe:validated` (detail: revision, startedAt, lintMs, engineMs, totalMs), which the
// browser tests and bench/modeler.sh wait for.
import { el, messageForStatus, postFile } from '../common.js';
import { flattenIssues } from './lint.js';

// Short: it only merges the bursts of changes one gesture makes; the single request in flight does the throttling.
export const ENGINE_DEBOUNCE_MS = 60;

const TEXT = {
  motor: 'motor',
  bpmnlint: 'bpmnlint',
  linea: (n) => `línea ${n}`,
  validando: 'Validando el procedimiento…',
  conErrores: (n) => `No se puede desplegar: el procedimiento tiene ${n} ${n === 1 ? 'error' : 'errores'} (vea la lista bajo el diagrama).`,
  motorNoResponde: (why) => `No se pudo validar con el motor (${why}); el servidor vuelve a validar al desplegar.`,
  verElemento: (id) => `Ver el elemento ${id} en el diagrama`
};


/**
 * options: root, modeler, list (the <ul> of problems), deployButton (may be absent), validateUrl,
 * fileName() and xml() (the current file), say(kind, text) for the status line.
 */
export function createLiveValidation({ root, modeler, list, deployButton, validateUrl, fileName, xml, say }) {
  const eventBus = modeler.get('eventBus');
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  const canvas = modeler.get('canvas');
  const reason = el('span', { class: 'vupe-deploy-reason', id: `vupe-deploy-reason-${Math.random().toString(36).slice(2, 8)}`, role: 'status' });
  if (deployButton) {
    deployButton.after(reason);
    deployButton.setAttribute('aria-describedby', reason.id);
  }

  let revision = 0;
  const changedAt = new Map();
  let lintIssues = [];
  let lintRevision = -1;
  let lintMs = 0;
  let engineErrors = [];
  let engineRevision = -1;
  let engineMs = 0;
  let engineFailed = null;
  let marked = [];
  let timer = null;
  let chain = null;
  let again = false;
  let announced = -1;

  // High priority: the revision moves before bpmn-js-bpmnlint (low priority) starts linting the same change.
  const changed = () => {
    revision += 1;
    changedAt.set(revision, performance.now());
    if (changedAt.size > 50) changedAt.delete(changedAt.keys().next().value);
    root.dataset.revision = String(revision);
    updateDeploy();
    schedule();
  };
  eventBus.on('elements.changed', 2000, changed);
  eventBus.on('import.done', 2000, changed);

  eventBus.on('linting.completed', ({ issues }) => {
    lintIssues = flattenIssues(issues);
    lintRevision = revision;
    lintMs = performance.now() - (changedAt.get(revision) ?? performance.now());
    render();
  });

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, ENGINE_DEBOUNCE_MS);
  }

  // One chain of requests at a time; it ends once the engine has answered for the latest revision.
  function run() {
    if (chain) { again = true; return chain; }
    chain = (async () => {
      do {
        again = false;
        const asked = revision;
        const result = await postFile(validateUrl, fileName(), await xml());
        if (result.status === 200) {
          engineErrors = Array.isArray(result.body?.errors) ? result.body.errors : [];
          engineFailed = null;
        } else {
          engineFailed = messageForStatus(result.status);
        }
        engineRevision = asked;
        engineMs = performance.now() - (changedAt.get(asked) ?? performance.now());
        render();
      } while (again || engineRevision !== revision);
    })().finally(() => { chain = null; });
    return chain;
  }

  /** Where an engine problem is drawn: its element, or the participant of a process of a collaboration. */
  function shapeFor(elementId) {
    if (!elementId) return null;
    const own = registry.get(elementId);
    if (own) return own;
    return registry.find((e) => e.type === 'bpmn:Participant' && e.businessObject.processRef?.id === elementId) || null;
  }

  function clearMarkers() {
    for (const id of marked) { try { canvas.removeMarker(id, 'vupe-error'); } catch { /* removed since */ } }
    overlays.remove({ type: 'vupe-error' });
    marked = [];
  }

  function locate(elementId, text) {
    const shape = shapeFor(elementId);
    if (!shape) return el('span', { class: 'vupe-problem-element' }, text);
    return el('button', {
      type: 'button', class: 'vupe-problem-element', title: TEXT.verElemento(elementId),
      onclick: () => { modeler.get('selection').select(shape); canvas.scrollToElement?.(shape); }
    }, text);
  }

  function item(source, problem) {
    const severity = problem.severity || 'error';
    const where = [problem.elementId ? `«${problem.actualElementId || problem.elementId}»` : null,
      problem.line ? TEXT.linea(problem.line) : null].filter(Boolean).join(', ');
    return el('li', {
      'data-element-id': problem.actualElementId || problem.elementId || '', 'data-source': source, 'data-severity': severity,
      'data-rule': problem.rule, class: `vupe-problem vupe-problem--${severity}`
    },
    el('span', { class: `vupe-problem-source vupe-problem-source--${source}` }, source === 'motor' ? TEXT.motor : TEXT.bpmnlint),
    ' ', where ? locate(problem.actualElementId || problem.elementId, where) : '', where ? ': ' : '', problem.message,
    problem.rule ? el('code', { class: 'vupe-problem-rule' }, problem.rule) : '');
  }

  function render() {
    clearMarkers();
    for (const error of engineErrors) {
      const shape = shapeFor(error.elementId);
      if (!shape || marked.includes(shape.id)) continue;
      canvas.addMarker(shape, 'vupe-error');
      marked.push(shape.id);
      overlays.add(shape, 'vupe-error', { position: { top: -12, right: 12 }, html: el('span', { class: 'vupe-error-badge', title: error.message }, '!') });
    }
    const order = { error: 0, warning: 1, info: 2 };
    list.replaceChildren(
      ...engineErrors.map((e) => item('motor', e)),
      ...[...lintIssues].sort((a, b) => order[a.severity] - order[b.severity]).map((i) => item('bpmnlint', i)));
    updateDeploy();
    announce();
  }

  function errorCount() {
    return engineErrors.length + lintIssues.filter((i) => i.severity === 'error').length;
  }

  function updateDeploy() {
    const pending = lintRevision !== revision || engineRevision !== revision;
    const count = errorCount();
    root.dataset.validationErrors = String(count);
    if (!deployButton) return;
    deployButton.disabled = pending || count > 0;
    reason.textContent = count > 0 ? TEXT.conErrores(count) : pending ? TEXT.validando
      : engineFailed ? TEXT.motorNoResponde(engineFailed) : '';
  }

  function announce() {
    if (lintRevision !== revision || engineRevision !== revision || announced === revision) return;
    announced = revision;
    root.dataset.validatedRevision = String(revision);
    const started = changedAt.get(revision) ?? performance.now();
    root.dispatchEvent(new CustomEvent('vupe:validated', {
      bubbles: true,
      detail: { revision, startedAt: started, lintMs, engineMs, totalMs: performance.now() - started, errors: errorCount() }
    }));
  }

  return {
    /** Validates now (the "Validar" button) and resolves with the engine's errors and the count of all errors. */
    async validateNow() {
      clearTimeout(timer);
      await run();
      return { engineErrors, engineFailed, errors: errorCount() };
    },
    /** Shows the engine's problems from a refused deployment (422). */
    showEngine(errors) {
      engineErrors = errors || [];
      engineRevision = revision;
      render();
    },
    get errors() { return errorCount(); }
  };
}
