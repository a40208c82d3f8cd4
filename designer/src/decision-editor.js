// decision-editor: <div class="vupe-dmn" data-xml-url="/api/decisions/{key}/xml?version=N" data-file-name="x.dmn"
//   data-decision-id="key" data-validate-url="/api/deployments/validate" data-deploy-url="/api/deployments"
//   data-test-url="/api/decisions/test" data-can-deploy="true|false">
// dmn-js Modeler (DRD, decision tables, literal expressions) with Spanish labels, "Validar" (the engine's own
// deploy-time checks), "Desplegar" (national supervisors and admins), "Descargar", "Importar", and a "Probar decisión"
// panel whose form follows the decision table as edited: it posts the edited file to the server, which evaluates it
// with the engine's evaluator without deploying anything, and marks the rules that matched in the table.
import DmnModeler from 'dmn-js/lib/Modeler';
import { spanishModule } from './dmn-i18n.js';
import { autoInit, el, messageBox, problemErrors, loginUrl, messageForStatus, fetchJson, problemMessage, postFile } from './common.js';

const DMN13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
// dmn-js 17 reads DMN 1.3 only. 1.4 and 1.5 add to 1.3 without renaming, so such a file opens as 1.3;
// 1.1 and 1.2 differ in structure (1.1 has no DMNDI at all) and need converting first.
const OLDER = { 'http://www.omg.org/spec/DMN/20151101/dmn.xsd': 'DMN 1.1', 'http://www.omg.org/spec/DMN/20180521/MODEL/': 'DMN 1.2' };
const NEWER = { 'https://www.omg.org/spec/DMN/20211108/MODEL/': 'DMN 1.4', 'https://www.omg.org/spec/DMN/20230324/MODEL/': 'DMN 1.5' };

const NEW_DECISION = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${DMN13}" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:di="http://www.omg.org/spec/DMN/20180521/DI/" id="nueva-decision-defs" name="Nueva decisión" namespace="http://vupecases.pe/decisiones">
  <decision id="nueva-decision" name="Nueva decisión">
    <informationRequirement id="req_entrada"><requiredInput href="#in_entrada" /></informationRequirement>
    <decisionTable id="nueva-decision_tabla" hitPolicy="UNIQUE">
      <input id="entrada_1" label="Entrada">
        <inputExpression id="expr_1" typeRef="string"><text>entrada</text></inputExpression>
      </input>
      <output id="salida_1" label="Resultado" name="resultado" typeRef="string" />
      <rule id="regla_1">
        <inputEntry id="regla_1_e1"><text>-</text></inputEntry>
        <outputEntry id="regla_1_s1"><text>"valor"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <inputData id="in_entrada" name="entrada"><variable id="in_entrada_variable" name="entrada" typeRef="string" /></inputData>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="diagrama">
      <dmndi:DMNShape id="nueva-decision_di" dmnElementRef="nueva-decision"><dc:Bounds height="80" width="180" x="160" y="100" /></dmndi:DMNShape>
      <dmndi:DMNShape id="in_entrada_di" dmnElementRef="in_entrada"><dc:Bounds height="45" width="125" x="187" y="260" /></dmndi:DMNShape>
      <dmndi:DMNEdge id="req_entrada_di" dmnElementRef="req_entrada"><di:waypoint x="250" y="260" /><di:waypoint x="250" y="180" /></dmndi:DMNEdge>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>`;

const MSG = {
  cargando: 'Cargando la decisión…',
  noCarga: 'No se pudo abrir la decisión.',
  antigua: (v) => `El archivo está en ${v}; el editor abre DMN 1.3 o posterior. Conviértalo a DMN 1.3 (por ejemplo, ábralo y guárdelo en Camunda Modeler) e impórtelo de nuevo.`,
  nueva: (v) => `El archivo está en ${v}; se abrió como DMN 1.3 y se guardará así.`,
  advertencias: (n) => `Se abrió con ${n} ${n === 1 ? 'advertencia' : 'advertencias'} (partes que el editor no reconoce y no guardará):`,
  noDmn: 'El archivo no es un DMN válido.',
  validar: 'Validar',
  desplegar: 'Desplegar',
  descargar: 'Descargar .dmn',
  importar: 'Importar .dmn',
  valido: 'La decisión no tiene errores: se puede desplegar.',
  conErrores: (n) => `El archivo tiene ${n} ${n === 1 ? 'error' : 'errores'}; corríjalos antes de desplegar.`,
  desplegado: (items) => `Desplegado: ${items}.`,
  sinCambios: 'No hubo cambios: se mantiene la versión vigente.',
  vistas: 'Vistas del archivo',
  drd: 'Diagrama (DRD)',
  tabla: 'tabla',
  expresion: 'expresión',
  probarTitulo: 'Probar decisión',
  probarAyuda: 'Prueba la decisión tal como está en el editor, sin desplegarla. Deje vacío lo que no corresponda.',
  decision: 'Decisión',
  probar: 'Probar',
  probando: 'Probando…',
  sinEntradas: 'Esta decisión no lee datos de entrada.',
  resultado: 'Resultado',
  sinResultado: 'Sin resultado (ninguna regla se cumplió o el resultado es nulo).',
  reglas: (n) => `Reglas que se cumplieron (${n})`,
  ningunaRegla: 'Ninguna regla se cumplió.',
  regla: (n) => `Regla ${n}`,
  entradas: 'Valores que leyó la tabla',
  avisos: 'Avisos',
  noPrueba: 'No se pudo probar la decisión.',
  si: 'Sí',
  no: 'No',
  vacio: '— sin valor —',
  json: 'texto, o una lista/contexto en JSON: ["a", "b"]',
  etiqueta: 'Editor de la decisión'
};

const NUMBER_TYPES = new Set(['number', 'integer', 'long', 'double']);
const PATH = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;
const QUOTED_LIST = /^\s*"[^"]*"(\s*,\s*"[^"]*")*\s*$/;

/** The file as dmn-js can open it, or the Spanish reason it cannot. */
export function prepare(text) {
  for (const [ns, name] of Object.entries(OLDER)) if (text.includes(`"${ns}"`)) return { error: MSG.antigua(name) };
  for (const [ns, name] of Object.entries(NEWER)) {
    if (text.includes(`"${ns}"`)) return { xml: text.split(`"${ns}"`).join(`"${DMN13}"`), note: MSG.nueva(name) };
  }
  return { xml: text };
}

/**
 * dmn-js 17 shows and edits a rule's <description> in its "Anotaciones" column but not DMN 1.3's annotation columns
 * (<annotation>/<annotationEntry>), which the catalogue uses for each rule's reason. Moving each rule's first entry into
 * its description (when it has none) puts the reasons where the supervisor can read and edit them; the engine reads
 * a rule's annotation entry or, failing that, its description, so the reasons a case records stay the same.
 */
export function annotationsAsDescriptions(xml) {
  if (!xml.includes('annotationEntry') || typeof DOMParser === 'undefined') return xml;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return xml;
  const ns = doc.documentElement.namespaceURI;
  for (const table of [...doc.getElementsByTagNameNS(ns, 'decisionTable')]) {
    for (const rule of [...table.children].filter((c) => c.localName === 'rule')) {
      const entries = [...rule.children].filter((c) => c.localName === 'annotationEntry');
      const text = entries.map((e) => [...e.children].find((c) => c.localName === 'text')?.textContent?.trim() || '')
        .filter(Boolean).join(' · ');
      const described = [...rule.children].some((c) => c.localName === 'description');
      if (text && !described) {
        const description = doc.createElementNS(ns, 'description');
        description.textContent = text;
        rule.insertBefore(description, rule.firstElementChild);
      }
      entries.forEach((e) => e.remove());
    }
    [...table.children].filter((c) => c.localName === 'annotation').forEach((a) => a.remove());
  }
  return new XMLSerializer().serializeToString(doc);
}

const isA = (element, type) => !!element && typeof element.$instanceOf === 'function' && element.$instanceOf(type);
const refId = (ref) => (ref && ref.href ? ref.href.replace(/^#/, '') : null);

/** Decisions of the file that can be evaluated (they have a decision table or a literal expression). */
function testableDecisions(definitions) {
  return (definitions?.drgElement || []).filter((e) => isA(e, 'dmn:Decision') && e.decisionLogic);
}

/**
 * The form's fields for a decision: each table input whose expression is a name (or a dotted path) gives a field
 * labelled and typed as the column; input data the decision (or a decision it requires) reads, not covered by a
 * column, gives one more. Names of required decisions are left out: the evaluator computes them.
 */
export function fieldsOf(decision, definitions) {
  const byId = new Map((definitions?.drgElement || []).map((e) => [e.id, e]));
  const requiredDecisions = new Set();
  const inputData = [];
  const walk = (d, seen = new Set()) => {
    if (!d || seen.has(d.id)) return;
    seen.add(d.id);
    for (const requirement of d.informationRequirement || []) {
      const data = byId.get(refId(requirement.requiredInput));
      if (data && !inputData.includes(data)) inputData.push(data);
      const required = byId.get(refId(requirement.requiredDecision));
      if (required) { requiredDecisions.add(required.name); walk(required, seen); }
    }
  };
  walk(decision);
  const fields = [];
  const seen = new Set();
  const logic = decision.decisionLogic;
  if (isA(logic, 'dmn:DecisionTable')) {
    for (const input of logic.input || []) {
      const expression = input.inputExpression;
      const text = (expression?.text || '').trim();
      if (!PATH.test(text) || seen.has(text) || requiredDecisions.has(text.split('.')[0])) continue;
      seen.add(text);
      const allowed = input.inputValues?.text;
      fields.push({
        key: text, label: input.label || text, type: expression.typeRef || '',
        values: allowed && QUOTED_LIST.test(allowed) ? [...allowed.matchAll(/"([^"]*)"/g)].map((m) => m[1]) : null
      });
    }
  }
  for (const data of inputData) {
    if (!data.name || [...seen].some((k) => k === data.name || k.startsWith(data.name + '.'))) continue;
    seen.add(data.name);
    fields.push({ key: data.name, label: data.name, type: data.variable?.typeRef || '', values: null });
  }
  return fields;
}

function kindOf(field) {
  if (field.values) return 'values';
  if (field.type === 'boolean') return 'boolean';
  if (NUMBER_TYPES.has(field.type)) return 'number';
  if (field.type === 'date') return 'date';
  // Untyped or structured columns (a list of services, a context): a JSON value may be typed, e.g. ["a", "b"].
  if (field.type !== 'string') return 'json';
  return 'text';
}

function readJson(raw) {
  if (!/^\s*[[{]/.test(raw)) return raw;
  try { return JSON.parse(raw); } catch { return raw; }
}

function setPath(target, path, value) {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = node[part] = node[part] && typeof node[part] === 'object' ? node[part] : {};
  node[parts[parts.length - 1]] = value;
}

function formatValue(value) {
  if (value === null || value === undefined) return '—';
  if (value === true) return MSG.si;
  if (value === false) return MSG.no;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An output: a scalar as text, a context as a two-column table, a list of contexts (COLLECT) as a table. */
function renderOutput(value) {
  if (value === null || value === undefined) return el('p', { class: 'vupe-hint' }, MSG.sinResultado);
  if (Array.isArray(value)) {
    if (value.length === 0) return el('p', { class: 'vupe-hint' }, MSG.sinResultado);
    if (value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const keys = [...new Set(value.flatMap((v) => Object.keys(v)))];
      return el('table', { class: 'grid vupe-dmn-output' },
        el('thead', {}, el('tr', {}, keys.map((k) => el('th', { scope: 'col' }, k)))),
        el('tbody', {}, value.map((row) => el('tr', {}, keys.map((k) => el('td', {}, formatValue(row[k])))))));
    }
    return el('ul', { class: 'vupe-dmn-output' }, value.map((v) => el('li', {}, formatValue(v))));
  }
  if (typeof value === 'object') {
    return el('table', { class: 'grid vupe-dmn-output' },
      el('tbody', {}, Object.entries(value).map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, formatValue(v))))));
  }
  return el('p', { class: 'vupe-dmn-output' }, el('output', {}, formatValue(value)));
}

function cssList(ids, prefix) {
  return ids.map((id) => `${prefix}[data-row-id="${CSS.escape(id)}"]`).join(',');
}

function init(root) {
  let fileName = root.dataset.fileName || 'decision.dmn';
  const status = el('div', { class: 'vupe-dmn-status', role: 'status', 'aria-live': 'polite' });
  const errorsList = el('ul', { class: 'vupe-dmn-errors', 'aria-label': 'Errores de la decisión' });
  const tabs = el('div', { class: 'vupe-dmn-tabs', role: 'tablist', 'aria-label': MSG.vistas });
  const canvas = el('div', { class: 'vupe-dmn-canvas', 'aria-label': MSG.etiqueta });
  const validate = el('button', { type: 'button', 'data-action': 'validar' }, MSG.validar);
  const deploy = el('button', { type: 'button', class: 'primary', 'data-action': 'desplegar' }, MSG.desplegar);
  const download = el('button', { type: 'button', class: 'secondary', 'data-action': 'descargar' }, MSG.descargar);
  const importButton = el('button', { type: 'button', class: 'secondary', 'data-action': 'importar' }, MSG.importar);
  const fileInput = el('input', { type: 'file', accept: '.dmn,.xml,application/xml,text/xml', class: 'vupe-sr-only', tabindex: '-1', 'aria-hidden': 'true' });
  const toolbar = el('div', { class: 'vupe-dmn-toolbar' }, validate, root.dataset.canDeploy === 'true' ? deploy : '', download, importButton, fileInput);
  const highlight = el('style');

  // "Probar decisión"
  const pickerId = 'vupe-dmn-decision';
  const picker = el('select', { id: pickerId, name: 'decision' });
  const pickerField = el('div', { class: 'vupe-field vupe-dmn-picker' }, el('label', { for: pickerId }, MSG.decision), picker);
  const fieldsBox = el('div', { class: 'vupe-dmn-fields' });
  const run = el('button', { type: 'button', class: 'primary', 'data-action': 'probar' }, MSG.probar);
  const result = el('div', { class: 'vupe-dmn-result', 'aria-live': 'polite' });
  const testPanel = el('section', { class: 'vupe-dmn-test', 'aria-labelledby': 'vupe-dmn-test-title' },
    el('h2', { id: 'vupe-dmn-test-title' }, MSG.probarTitulo), el('p', { class: 'vupe-hint' }, MSG.probarAyuda),
    pickerField, fieldsBox, el('div', { class: 'vupe-dmn-toolbar' }, run), result);

  root.replaceChildren(highlight, toolbar, status, errorsList, tabs, canvas, testPanel);

  const viewerModules = { additionalModules: [spanishModule] };
  const modeler = new DmnModeler({
    container: canvas,
    drd: viewerModules,
    decisionTable: viewerModules,
    literalExpression: viewerModules,
    boxedExpression: viewerModules
  });

  const say = (kind, text, extra = []) => status.replaceChildren(messageBox(kind, text, extra));
  let matchedIds = [];
  let errorIds = [];

  function paintHighlights() {
    const rules = [];
    if (matchedIds.length) rules.push(`${cssList(matchedIds, '.vupe-dmn-canvas td')}{background:#fef3c7 !important;box-shadow:inset 3px 0 0 #b45309}`);
    if (errorIds.length) {
      const sel = errorIds.map((id) => CSS.escape(id));
      rules.push(`${sel.map((id) => `.vupe-dmn-canvas td[data-row-id="${id}"],.vupe-dmn-canvas [data-col-id="${id}"],.vupe-dmn-canvas td[data-element-id="${id}"]`).join(',')}{background:#fee2e2 !important}`);
      rules.push(`${sel.map((id) => `.vupe-dmn-canvas .djs-element[data-element-id="${id}"] .djs-visual > :first-child`).join(',')}{stroke:#b91c1c !important;stroke-width:3px !important}`);
    }
    highlight.textContent = rules.join('\n');
  }

  function showErrors(errors) {
    errorIds = errors.map((e) => e.elementId).filter(Boolean);
    errorsList.replaceChildren(...errors.map((error) => {
      const where = [error.elementId ? `«${error.elementId}»` : null, error.line ? `línea ${error.line}` : null].filter(Boolean).join(', ');
      return el('li', { 'data-element-id': error.elementId || '' }, where ? `${where}: ${error.message}` : error.message);
    }));
    paintHighlights();
  }

  // ---- views (DRD and one per decision) ----
  function viewLabel(view) {
    if (view.type === 'drd') return MSG.drd;
    const kind = view.type === 'decisionTable' ? MSG.tabla : MSG.expresion;
    return `${view.element.name || view.element.id} (${kind})`;
  }

  function renderTabs() {
    const active = modeler.getActiveView();
    tabs.replaceChildren(...modeler.getViews().map((view) => {
      const selected = active && active.element === view.element && active.type === view.type;
      const button = el('button', { type: 'button', role: 'tab', class: 'vupe-dmn-tab', 'aria-selected': selected ? 'true' : 'false', 'data-view': view.element.id }, viewLabel(view));
      button.addEventListener('click', () => modeler.open(view));
      return button;
    }));
  }

  // Each viewer (one per kind of view, reused across decisions) reports its edits; the test form follows them.
  const watched = new Set();
  function watchActiveViewer() {
    const viewer = modeler.getActiveViewer();
    if (!viewer || watched.has(viewer)) return;
    watched.add(viewer);
    viewer.on('elements.changed', () => { refreshTest(); renderTabs(); });
  }

  modeler.on('views.changed', () => {
    renderTabs();
    watchActiveViewer();
    const active = modeler.getActiveView();
    if (active && active.type !== 'drd' && [...picker.options].some((o) => o.value === active.element.id)) picker.value = active.element.id;
    refreshTest();
  });

  // ---- the test form ----
  let fields = [];

  function currentDecision() {
    const decisions = testableDecisions(modeler.getDefinitions());
    return decisions.find((d) => d.id === picker.value) || decisions[0] || null;
  }

  function refreshTest() {
    const decisions = testableDecisions(modeler.getDefinitions());
    const chosen = picker.value;
    picker.replaceChildren(...decisions.map((d) => el('option', { value: d.id }, d.name ? `${d.name} (${d.id})` : d.id)));
    if (decisions.some((d) => d.id === chosen)) picker.value = chosen;
    pickerField.hidden = decisions.length < 2;
    const decision = currentDecision();
    run.disabled = !decision;
    const previous = new Map(fields.map((f) => [f.key, f.input.value]));
    fields = decision ? fieldsOf(decision, modeler.getDefinitions()) : [];
    fieldsBox.replaceChildren(...(fields.length ? fields.map((field, i) => {
      const id = `vupe-dmn-entrada-${i}`;
      const kind = kindOf(field);
      let input;
      if (kind === 'values' || kind === 'boolean') {
        const options = kind === 'boolean' ? [['true', MSG.si], ['false', MSG.no]] : field.values.map((v) => [v, v]);
        input = el('select', { id, name: field.key }, el('option', { value: '' }, MSG.vacio), options.map(([v, t]) => el('option', { value: v }, t)));
      } else {
        input = el('input', { id, name: field.key, type: kind === 'json' ? 'text' : kind, step: kind === 'number' ? 'any' : null, autocomplete: 'off' });
      }
      if (previous.has(field.key)) input.value = previous.get(field.key);
      field.input = input;
      field.kind = kind;
      const hint = [field.key !== field.label ? field.key : null, field.type || null, kind === 'json' ? MSG.json : null].filter(Boolean).join(' · ');
      return el('div', { class: 'vupe-field' }, el('label', { for: id }, field.label), input, hint ? el('small', {}, hint) : '');
    }) : [el('p', { class: 'vupe-hint' }, MSG.sinEntradas)]));
  }
  picker.addEventListener('change', refreshTest);

  function collect() {
    const inputs = {};
    for (const field of fields) {
      const raw = field.input.value;
      if (raw === '') continue;
      const value = field.kind === 'number' ? Number(raw) : field.kind === 'boolean' ? raw === 'true' : field.kind === 'json' ? readJson(raw) : raw;
      setPath(inputs, field.key, value);
    }
    return inputs;
  }

  function showResult(body) {
    matchedIds = (body.matchedRules || []).map((r) => r.ruleId).filter(Boolean);
    paintHighlights();
    const rules = body.matchedRules || [];
    const parts = [el('h3', {}, MSG.resultado), renderOutput(body.output),
      el('h3', {}, MSG.reglas(rules.length)),
      rules.length ? el('ol', { class: 'vupe-dmn-rules' }, rules.map((rule) => el('li', { 'data-rule-id': rule.ruleId || '' },
        el('strong', {}, MSG.regla(rule.number)), rule.annotation ? ` — ${rule.annotation}` : '', rule.ruleId ? el('small', {}, ` (${rule.ruleId})`) : '')))
        : el('p', { class: 'vupe-hint' }, MSG.ningunaRegla)];
    if ((body.inputs || []).length) {
      parts.push(el('h3', {}, MSG.entradas), el('ul', { class: 'vupe-dmn-inputs' }, body.inputs.map((i) => el('li', {}, `${i.input}: ${formatValue(i.value)}`))));
    }
    if ((body.warnings || []).length) parts.push(el('h3', {}, MSG.avisos), el('ul', {}, body.warnings.map((w) => el('li', {}, w))));
    result.replaceChildren(...parts);
  }

  run.addEventListener('click', async () => {
    const decision = currentDecision();
    if (!decision) return;
    run.disabled = true;
    run.textContent = MSG.probando;
    try {
      const { data } = await fetchJson(root.dataset.testUrl, { method: 'POST', json: { xml: await xml(), decisionId: decision.id, inputs: collect() } });
      showResult(data);
    } catch (e) {
      if (e.status === 401) { window.location.assign(loginUrl()); return; }
      matchedIds = [];
      paintHighlights();
      const details = [...problemErrors(e.problem).map((p) => p.message), e.problem?.detail].filter(Boolean);
      result.replaceChildren(messageBox('error', e.problem ? problemMessage(e) : `${MSG.noPrueba} ${problemMessage(e)}`,
        details.length ? [el('ul', {}, details.map((d) => el('li', {}, d)))] : []));
    } finally {
      run.disabled = false;
      run.textContent = MSG.probar;
    }
  });

  // ---- file: open, save, validate, deploy ----
  async function xml() {
    return (await modeler.saveXML({ format: true })).xml;
  }

  async function send(url, name) {
    return postFile(url, fileName, await xml(), name);
  }

  async function load(text, preferredDecision) {
    const prepared = prepare(text);
    if (prepared.error) { say('error', prepared.error); return false; }
    try {
      const { warnings } = await modeler.importXML(annotationsAsDescriptions(prepared.xml));
      const notes = [];
      if (prepared.note) notes.push(el('p', {}, prepared.note));
      if (warnings && warnings.length) {
        notes.push(el('p', {}, MSG.advertencias(warnings.length)), el('ul', {}, warnings.slice(0, 5).map((w) => el('li', {}, w.message))));
      }
      const target = modeler.getViews().find((v) => v.type !== 'drd' && v.element.id === preferredDecision);
      if (target) await modeler.open(target);
      matchedIds = [];
      showErrors([]);
      result.replaceChildren();
      if (notes.length) say('info', notes.shift().textContent, notes); else status.replaceChildren();
      refreshTest();
      root.dataset.ready = 'true';
      return true;
    } catch (e) {
      say('error', `${MSG.noDmn} ${e.message || ''}`);
      return false;
    }
  }

  validate.addEventListener('click', async () => {
    const answer = await send(root.dataset.validateUrl);
    if (answer.status !== 200) { say('error', messageForStatus(answer.status)); return; }
    const errors = answer.body?.errors || [];
    showErrors(errors);
    say(errors.length ? 'error' : 'success', errors.length ? MSG.conErrores(errors.length) : MSG.valido);
  });

  deploy.addEventListener('click', async () => {
    const answer = await send(root.dataset.deployUrl, `diseñador: ${fileName}`);
    if (answer.status === 201) {
      showErrors([]);
      const unchanged = new Set(answer.body?.unchanged || []);
      const fresh = (answer.body?.decisions || []).filter((d) => !unchanged.has(d.id));
      say('success', fresh.length ? MSG.desplegado(fresh.map((d) => `${d.key} versión ${d.version}`).join(', ')) : MSG.sinCambios);
    } else if (answer.status === 422) {
      const errors = Array.isArray(answer.body?.errors) ? answer.body.errors : [];
      showErrors(errors);
      say('error', MSG.conErrores(errors.length));
    } else {
      const errors = problemErrors(answer.body);
      say('error', errors.length ? errors.map((e) => e.message).join(' ') : (answer.body?.title || messageForStatus(answer.status)));
    }
  });

  download.addEventListener('click', async () => {
    const link = el('a', { href: URL.createObjectURL(new Blob([await xml()], { type: 'application/xml' })), download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
  });

  importButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = '';
    if (!file) return;
    if (await load(await file.text(), null)) fileName = /\.dmn$/i.test(file.name) ? file.name : `${file.name.replace(/\.[^.]*$/, '')}.dmn`;
  });

  (async () => {
    say('info', MSG.cargando);
    let text = NEW_DECISION;
    if (root.dataset.xmlUrl) {
      const response = await fetch(root.dataset.xmlUrl, { credentials: 'same-origin' });
      if (response.status === 401) { window.location.assign(loginUrl()); return; }
      if (!response.ok) { say('error', MSG.noCarga); return; }
      text = await response.text();
    }
    await load(text, root.dataset.decisionId || null);
  })();

  return modeler;
}

autoInit('.vupe-dmn', init, 'decisionEditor');
