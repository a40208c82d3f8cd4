// process-changes: the readable differences between two versions of a procedure, from their bpmn-moddle definitions.
// bpmn-js-differ reports a changed attribute only as a property name, and sees nothing of a changed extension
// element (vupe:input, vupe:output, vupe:header: it hashes them, so a change is a remove plus an add on an untracked
// container); without a descriptor the vupe:* attributes land in $attrs, which it skips. So the engine's attributes
// and extension elements are compared here for every element present in both versions, typed (the modeler's
// descriptor, modeler/vupe-moddle.json) or not.
// No DOM: node can run it.
import { diff } from 'bpmn-js-differ';

const VUPE_NS = 'http://vupecases.pe/schema/bpmn/1.0';

export const KIND = {
  added: { word: 'Añadido', marker: 'vupe-diff-added', legend: 'Añadido (en la versión nueva)' },
  changed: { word: 'Cambiado', marker: 'vupe-diff-changed', legend: 'Cambiado (en ambas)' },
  removed: { word: 'Eliminado', marker: 'vupe-diff-removed', legend: 'Eliminado (en la versión anterior)' },
  layout: { word: 'Movido', marker: 'vupe-diff-layout', legend: 'Movido o redibujado' }
};

const TYPE_NAMES = {
  'bpmn:Process': 'Proceso',
  'bpmn:Collaboration': 'Colaboración',
  'bpmn:Participant': 'Participante',
  'bpmn:Lane': 'Carril',
  'bpmn:MessageFlow': 'Flujo de mensaje',
  'bpmn:SequenceFlow': 'Flujo de secuencia',
  'bpmn:Task': 'Tarea',
  'bpmn:UserTask': 'Tarea de usuario',
  'bpmn:ServiceTask': 'Tarea de servicio',
  'bpmn:SendTask': 'Tarea de envío',
  'bpmn:ReceiveTask': 'Tarea de recepción',
  'bpmn:ScriptTask': 'Tarea de script',
  'bpmn:ManualTask': 'Tarea manual',
  'bpmn:BusinessRuleTask': 'Tarea de regla de negocio',
  'bpmn:CallActivity': 'Actividad de llamada',
  'bpmn:SubProcess': 'Subproceso',
  'bpmn:Transaction': 'Transacción',
  'bpmn:StartEvent': 'Evento de inicio',
  'bpmn:EndEvent': 'Evento de fin',
  'bpmn:IntermediateCatchEvent': 'Evento intermedio de captura',
  'bpmn:IntermediateThrowEvent': 'Evento intermedio de lanzamiento',
  'bpmn:BoundaryEvent': 'Evento de borde',
  'bpmn:ExclusiveGateway': 'Compuerta exclusiva',
  'bpmn:ParallelGateway': 'Compuerta paralela',
  'bpmn:InclusiveGateway': 'Compuerta inclusiva',
  'bpmn:EventBasedGateway': 'Compuerta basada en eventos',
  'bpmn:ComplexGateway': 'Compuerta compleja',
  'bpmn:DataObjectReference': 'Objeto de datos',
  'bpmn:DataStoreReference': 'Almacén de datos',
  'bpmn:DataInputAssociation': 'Asociación de datos',
  'bpmn:DataOutputAssociation': 'Asociación de datos'
};

// The engine's attributes, as the modeler's panel names them.
const VUPE_LABELS = {
  candidateGroups: 'grupos candidatos',
  candidateUsers: 'usuarios candidatos',
  assignee: 'asignado a',
  dueDate: 'plazo',
  priority: 'prioridad',
  formKey: 'formulario',
  requiredDocuments: 'documentos requeridos',
  type: 'tipo de tarea',
  retries: 'reintentos',
  retryBackoff: 'espera entre reintentos',
  decisionRef: 'decisión',
  resultVariable: 'variable de resultado',
  collection: 'colección',
  elementVariable: 'variable de cada elemento',
  outputCollection: 'colección de salida',
  outputElement: 'elemento de salida',
  calledBinding: 'enlace de versión',
  binding: 'enlace de versión',
  input: 'entradas',
  output: 'salidas',
  header: 'cabeceras'
};

const PROPERTY_LABELS = {
  name: 'nombre',
  $type: 'tipo de elemento',
  sourceRef: 'origen',
  targetRef: 'destino',
  default: 'flujo por defecto',
  conditionExpression: 'condición',
  calledElement: 'proceso llamado',
  eventDefinitions: 'definición del evento',
  loopCharacteristics: 'multiinstancia',
  documentation: 'documentación',
  attachedToRef: 'adjunto a',
  cancelActivity: 'interrumpe la actividad',
  isExecutable: 'ejecutable',
  processRef: 'proceso',
  triggeredByEvent: 'subproceso de evento'
};

// What this module reports itself (the differ's own entries for these would repeat them less precisely).
const OWN = new Set(['name', '$type', 'sourceRef', 'targetRef', 'default', 'conditionExpression', 'calledElement',
  'eventDefinitions', 'loopCharacteristics', 'extensionElements', 'incoming', 'outgoing', 'flowElements', 'artifacts',
  'laneSets', 'documentation', 'di', 'flowNodeRef']);

const quote = (v) => (v === undefined || v === null || v === '' ? '(vacío)' : `«${v}»`);
const typeName = (bo) => TYPE_NAMES[bo.$type] || bo.$type.replace(/^bpmn:/, '');

/** «name» when the element has one, else its kind and id. */
function shortLabel(bo) {
  return bo.name ? `«${bo.name}»` : `${typeName(bo)} (${bo.id})`;
}

function fullLabel(bo) {
  return bo.name ? `${typeName(bo)} «${bo.name}» (${bo.id})` : `${typeName(bo)} (${bo.id})`;
}

/** Prefixes bound to the vupe namespace in this file ("vupe" by convention, whatever the file declares). */
function vupePrefixes(definitions) {
  const prefixes = new Set(['vupe']);
  for (const [k, v] of Object.entries(definitions.$attrs || {})) {
    if (k.startsWith('xmlns:') && v === VUPE_NS) prefixes.add(k.slice(6));
  }
  return prefixes;
}

/** The element's vupe:* attributes by local name: from $attrs, or typed properties if a descriptor knows them. */
function vupeAttributes(bo, prefixes) {
  const out = {};
  for (const [k, v] of Object.entries(bo.$attrs || {})) {
    const [prefix, local] = k.split(':');
    if (local && prefixes.has(prefix)) out[local] = String(v);
  }
  for (const p of bo.$descriptor?.properties || []) {
    if (p.ns?.prefix !== 'vupe' || p.isMany) continue;
    const v = bo.get(p.name);
    if (v !== undefined && v !== null && typeof v !== 'object') out[p.ns.localName] = String(v);
  }
  return out;
}

/** Plain attributes of a (generic or typed) moddle element, for summaries. */
function plainAttributes(x) {
  const out = {};
  const d = x.$descriptor;
  if (d && !d.isGeneric) {
    for (const p of d.properties) {
      // Own properties only: what the file says, not moddle's defaults (behavior="All" on every loop).
      const v = Object.hasOwn(x, p.name) ? x[p.name] : undefined;
      if (p.isId || v === undefined || v === null || typeof v === 'object') continue;
      out[p.ns?.localName || p.name] = v;
    }
  } else {
    for (const k of Object.keys(x)) {
      if (k !== '$type' && k !== '$parent' && x[k] !== null && typeof x[k] !== 'object') out[k] = x[k];
    }
  }
  for (const [k, v] of Object.entries(x.$attrs || {})) if (!k.startsWith('xmlns')) out[k] = v;
  return out;
}

function localType(x) {
  return String(x.$type || '').split(':').pop();
}

function summarise(x) {
  const a = plainAttributes(x);
  if ('source' in a || 'target' in a) return `${a.source ?? ''} → ${a.target ?? ''}`;
  if ('key' in a) return `${a.key}=${a.value ?? ''}`;
  return Object.entries(a).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** The element's extension elements grouped by kind (input, output, header…), each a list of short texts. */
function extensions(bo) {
  const groups = {};
  for (const x of bo.extensionElements?.values || []) {
    (groups[localType(x).toLowerCase()] ||= []).push(summarise(x));
  }
  return groups;
}

function eventSummary(bo) {
  return (bo.eventDefinitions || []).map((d) => {
    const parts = [localType(d).replace(/EventDefinition$/, '')];
    for (const t of ['timeDuration', 'timeDate', 'timeCycle']) if (d[t]?.body) parts.push(`${t}=${d[t].body}`);
    for (const r of ['messageRef', 'signalRef', 'errorRef', 'escalationRef']) if (d[r]) parts.push(d[r].name || d[r].id);
    for (const [k, v] of Object.entries(plainAttributes(d))) if (k !== 'id') parts.push(`${k.split(':').pop()}=${v}`);
    return parts.join(' ');
  }).join('; ');
}

function loopSummary(bo) {
  const l = bo.loopCharacteristics;
  if (!l) return '';
  const parts = [l.isSequential ? 'secuencial' : 'paralela'];
  for (const [k, v] of Object.entries(plainAttributes(l))) {
    const local = k.split(':').pop();
    if (local !== 'isSequential') parts.push(`${VUPE_LABELS[local] || local}: ${v}`);
  }
  if (l.loopCardinality?.body) parts.push(`cardinalidad=${l.loopCardinality.body}`);
  if (l.completionCondition?.body) parts.push(`condición de fin=${l.completionCondition.body}`);
  return parts.join(', ');
}

const refId = (r) => (r && typeof r === 'object' ? r.id : r);
const docs = (bo) => (bo.documentation || []).map((d) => d.text || '').join('\n');

/** The readable differences of one element present in both versions ("nombre: «A» → «B»"). */
export function describeChange(oldBo, newBo, oldPrefixes, newPrefixes, differKeys = []) {
  const details = [];
  const compare = (label, a, b) => {
    if ((a ?? '') !== (b ?? '')) details.push(`${label}: ${quote(a)} → ${quote(b)}`);
  };
  if (oldBo.$type !== newBo.$type) details.push(`${PROPERTY_LABELS.$type}: ${typeName(oldBo)} → ${typeName(newBo)}`);
  compare(PROPERTY_LABELS.name, oldBo.name, newBo.name);
  compare(PROPERTY_LABELS.sourceRef, refId(oldBo.sourceRef), refId(newBo.sourceRef));
  compare(PROPERTY_LABELS.targetRef, refId(oldBo.targetRef), refId(newBo.targetRef));
  compare(PROPERTY_LABELS.default, refId(oldBo.default), refId(newBo.default));
  compare(PROPERTY_LABELS.conditionExpression, oldBo.conditionExpression?.body, newBo.conditionExpression?.body);
  compare(PROPERTY_LABELS.calledElement, oldBo.calledElement, newBo.calledElement);
  compare(PROPERTY_LABELS.attachedToRef, refId(oldBo.attachedToRef), refId(newBo.attachedToRef));
  compare(PROPERTY_LABELS.eventDefinitions, eventSummary(oldBo), eventSummary(newBo));
  compare(PROPERTY_LABELS.loopCharacteristics, loopSummary(oldBo), loopSummary(newBo));
  compare(PROPERTY_LABELS.documentation, docs(oldBo), docs(newBo));

  const oa = vupeAttributes(oldBo, oldPrefixes);
  const na = vupeAttributes(newBo, newPrefixes);
  for (const k of [...new Set([...Object.keys(oa), ...Object.keys(na)])].sort()) {
    compare(VUPE_LABELS[k] || k, oa[k], na[k]);
  }
  const oe = extensions(oldBo);
  const ne = extensions(newBo);
  for (const k of [...new Set([...Object.keys(oe), ...Object.keys(ne)])].sort()) {
    // Only the entries that differ: a task with ten mappings and one changed names that one.
    const before = oe[k] || [];
    const after = ne[k] || [];
    compare(VUPE_LABELS[k] || k, before.filter((x) => !after.includes(x)).join('; '), after.filter((x) => !before.includes(x)).join('; '));
  }

  // Whatever else the differ found (standard BPMN properties this module does not describe one by one).
  const seen = new Set(details.map((d) => d.split(':')[0]));
  for (const key of differKeys) {
    const base = key.replace(/^processRef\./, '').split(/[.[]/)[0];
    // vupe:* properties (when a descriptor makes them typed) are compared above, as every attribute of the namespace.
    const property = newBo.$descriptor?.propertiesByName?.[base] || oldBo.$descriptor?.propertiesByName?.[base];
    if (!base || OWN.has(base) || property?.ns?.prefix === 'vupe') continue;
    const label = PROPERTY_LABELS[base] || base;
    if (seen.has(label)) continue;
    seen.add(label);
    const a = oldBo.get ? oldBo.get(base) : undefined;
    const b = newBo.get ? newBo.get(base) : undefined;
    if ((a === undefined || typeof a !== 'object') && (b === undefined || typeof b !== 'object')) compare(label, a, b);
    else details.push(`${label} cambió`);
  }
  return details;
}

/** Every element with an id the list can name: processes, participants, lanes, flow elements (also inside sub-processes), message flows. */
function collect(definitions) {
  const byId = new Map();
  const add = (bo) => { if (bo?.id && !byId.has(bo.id)) byId.set(bo.id, bo); };
  const lanes = (laneSet) => {
    for (const lane of laneSet?.lanes || []) { add(lane); lanes(lane.childLaneSet); }
  };
  const flow = (container) => {
    for (const laneSet of container.laneSets || []) lanes(laneSet);
    for (const e of container.flowElements || []) {
      add(e);
      if (e.flowElements) flow(e);
    }
  };
  for (const root of definitions.rootElements || []) {
    if (root.$type === 'bpmn:Process') { add(root); flow(root); }
    if (root.$type === 'bpmn:Collaboration') {
      for (const p of root.participants || []) add(p);
      for (const m of root.messageFlows || []) add(m);
    }
  }
  return byId;
}

/** Changes between two versions: [{ kind: added|changed|removed|layout, id, bo, text }], in that order. */
export function computeChanges(oldDefinitions, newDefinitions, { withLayout = true } = {}) {
  const result = diff(oldDefinitions, newDefinitions);
  const oldElements = collect(oldDefinitions);
  const newElements = collect(newDefinitions);
  const oldPrefixes = vupePrefixes(oldDefinitions);
  const newPrefixes = vupePrefixes(newDefinitions);
  const changes = [];

  const added = new Map([...newElements].filter(([id]) => !oldElements.has(id)));
  for (const [id, bo] of Object.entries(result._added)) if (!oldElements.has(id) && !added.has(id)) added.set(id, bo);
  const removed = new Map([...oldElements].filter(([id]) => !newElements.has(id)));
  for (const [id, bo] of Object.entries(result._removed)) if (!newElements.has(id) && !removed.has(id)) removed.set(id, bo);

  for (const [id, bo] of added) changes.push({ kind: 'added', id, bo, text: `${KIND.added.word}: ${fullLabel(bo)}` });
  for (const [id, newBo] of newElements) {
    const oldBo = oldElements.get(id);
    if (!oldBo) continue;
    const details = describeChange(oldBo, newBo, oldPrefixes, newPrefixes, Object.keys(result._changed[id]?.attrs || {}));
    if (details.length) changes.push({ kind: 'changed', id, bo: newBo, text: `${KIND.changed.word}: ${shortLabel(newBo)} — ${details.join('; ')}` });
  }
  for (const [id, bo] of removed) changes.push({ kind: 'removed', id, bo, text: `${KIND.removed.word}: ${fullLabel(bo)}` });
  if (withLayout) {
    for (const [id, bo] of Object.entries(result._layoutChanged)) {
      if (!bo || added.has(id) || removed.has(id)) continue;
      changes.push({ kind: 'layout', id, bo, text: `${KIND.layout.word}: ${shortLabel(newElements.get(id) || bo)}` });
    }
  }
  return changes;
}
