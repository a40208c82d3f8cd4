// The "VUPE" group of the properties panel: the engine's vupe: attributes of the selected element (see
// docs/bpmn-extensions.md), fed by the designer catalogue (task types the server handles, offices and their groups,
// deployed forms, decisions and processes), plus list groups for input/output mappings and handler headers, and the
// FEEL condition of sequence flows (BPMN's own provider has none). Spanish labels; values are plain vupe:* XML.
import { is, getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';
import { textEntry, selectEntry, checkboxEntry, validators } from './entries.js';
import { conditionEntry, hasCondition } from './condition.js';
import { listGroup } from './lists.js';

const BINDINGS = [
  { value: '', label: 'La última versión desplegada al iniciar el expediente' },
  { value: 'deployment', label: 'La desplegada junto con este procedimiento' },
  { value: 'version', label: 'Una versión fija' }
];

const messageOf = (bo) => {
  if (bo.get('messageRef')) return bo.get('messageRef');
  const definition = (bo.get('eventDefinitions') || []).find((d) => is(d, 'bpmn:MessageEventDefinition'));
  return definition && definition.get('messageRef');
};

export default class VupePropertiesProvider {
  constructor(propertiesPanel, injector, vupeCatalog) {
    this._injector = injector;
    this._catalog = vupeCatalog;
    // After BPMN's own provider (priority 1000 is the default), so the groups exist to place ours among them.
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element) {
    return (groups) => {
      const entries = this._entries(element);
      const ours = [];
      if (entries.length) ours.push({ id: 'vupe', label: 'VUPE', entries });
      const bo = getBusinessObject(element);
      if (is(bo, 'bpmn:Activity') || is(bo, 'bpmn:IntermediateThrowEvent') || is(bo, 'bpmn:EndEvent')) ours.push(listGroup(element, 'vupe:Input', this._injector));
      if (is(bo, 'bpmn:Activity')) ours.push(listGroup(element, 'vupe:Output', this._injector));
      if (is(bo, 'bpmn:ServiceTask') || is(bo, 'bpmn:SendTask') && bo.get('vupe:type')) ours.push(listGroup(element, 'vupe:Header', this._injector));
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general < 0 ? 0 : general + 1, 0, ...ours);
      return groups;
    };
  }

  /** The other user tasks of the diagram, for "Misma persona que". */
  _otherUserTasks(element) {
    return this._injector.get('elementRegistry')
      .filter((e) => is(e, 'bpmn:UserTask') && e.id !== element.id)
      .map((e) => getBusinessObject(e));
  }

  _entries(element) {
    const bo = getBusinessObject(element);
    const c = this._catalog;
    const hint = c.failed ? ' (No se pudo cargar el catálogo del servidor: escriba la clave.)' : '';
    const out = [];
    const versionEntry = (prefix, kind, keyProperty) => {
      if (bo.get(`vupe:${prefix}Binding`) !== 'version') return;
      const versions = c.versions(kind, bo.get(keyProperty));
      const spec = { id: `vupe-${prefix}Version`, property: `vupe:${prefix}Version`, label: 'Versión fijada' };
      out.push(versions.length
        ? selectEntry({ ...spec, options: () => [{ value: '', label: '— elija —' }, ...versions.map((v) => ({ value: String(v), label: `versión ${v}` }))] })
        : textEntry({ ...spec, validate: validators.wholeAtLeastOne }));
    };
    const bindingEntry = (prefix, label) => out.push(selectEntry({
      id: `vupe-${prefix}Binding`, property: `vupe:${prefix}Binding`, label, options: () => BINDINGS.map((b) => ({ ...b })),
      clears: (value) => (value === 'version' ? [] : [`vupe:${prefix}Version`])
    }));
    const catalogOptions = (kind, empty) => () => [{ value: '', label: empty },
      ...(c.data[kind] || []).map((i) => ({ value: i.key, label: i.name && i.name !== i.key ? `${i.name} (${i.key})` : i.key }))];

    if (is(bo, 'bpmn:UserTask')) {
      out.push(
        textEntry({ id: 'vupe-candidateGroups', property: 'vupe:candidateGroups', label: 'Grupos candidatos',
          description: 'Separados por comas, o una expresión FEEL: =officeCode + "-consultor".', suggestions: () => c.groupSuggestions() }),
        textEntry({ id: 'vupe-candidateUsers', property: 'vupe:candidateUsers', label: 'Usuarios candidatos', description: 'Usuarios separados por comas, o FEEL (=…).' }),
        textEntry({ id: 'vupe-assignee', property: 'vupe:assignee', label: 'Asignado a', description: 'Un usuario, o FEEL (=solicitante.consultor).' }),
        selectEntry({ id: 'vupe-sameAssigneeAs', property: 'vupe:sameAssigneeAs', label: 'Misma persona que',
          description: 'La tarea va a quien completó esa tarea anterior en el expediente (p. ej., quien hizo el diagnóstico confirma las derivaciones).',
          options: () => [{ value: '', label: '— no —' }, ...this._otherUserTasks(element).map((t) => ({ value: t.id, label: t.name ? `${t.name} (${t.id})` : t.id }))] }),
        textEntry({ id: 'vupe-dueDate', property: 'vupe:dueDate', label: 'Plazo (SLA)',
          description: 'Duración ISO 8601 desde que se crea la tarea (P5D, PT4H), una fecha, o FEEL (=…).', validate: validators.dateOrDuration }),
        textEntry({ id: 'vupe-followUpDate', property: 'vupe:followUpDate', label: 'Fecha de seguimiento',
          description: 'Como el plazo: duración, fecha o FEEL.', validate: validators.dateOrDuration }),
        textEntry({ id: 'vupe-priority', property: 'vupe:priority', label: 'Prioridad (0–100)', description: 'Por defecto 50; admite FEEL (=…).', validate: validators.priority }),
        selectEntry({ id: 'vupe-formKey', property: 'vupe:formKey', label: 'Formulario',
          description: `El formulario que la bandeja muestra para esta tarea.${hint}`, options: catalogOptions('forms', '— sin formulario —') }));
      if (bo.get('vupe:formKey')) {
        bindingEntry('form', 'Versión del formulario');
        versionEntry('form', 'forms', 'vupe:formKey');
      }
      out.push(textEntry({ id: 'vupe-requiredDocuments', property: 'vupe:requiredDocuments', label: 'Documentos requeridos',
        description: 'Códigos de tipos de documento separados por comas (dni-copia, cv); sin ellos no se puede completar la tarea.' }));
    }

    // A start form: what a citizen fills in to request the service online (Mi VUPE draws it; its answers are the case's
    // first variables). Only a process's own none start event has one.
    if (is(bo, 'bpmn:StartEvent') && is(bo.$parent, 'bpmn:Process') && !(bo.eventDefinitions || []).length) {
      out.push(selectEntry({ id: 'vupe-formKey', property: 'vupe:formKey', label: 'Formulario de inicio',
        description: `Lo que el ciudadano llena al solicitar el servicio en línea (Mi VUPE); sus respuestas son los primeros datos del expediente.${hint}`,
        options: catalogOptions('forms', '— sin formulario —') }));
      if (bo.get('vupe:formKey')) {
        bindingEntry('form', 'Versión del formulario');
        versionEntry('form', 'forms', 'vupe:formKey');
      }
    }

    if (is(bo, 'bpmn:ServiceTask') || is(bo, 'bpmn:SendTask')) {
      const send = is(bo, 'bpmn:SendTask');
      out.push(selectEntry({ id: 'vupe-type', property: 'vupe:type', label: 'Tipo de tarea',
        description: (send ? 'Sin tipo, la tarea publica su mensaje dentro del motor. ' : 'El manejador del servidor que hace el trabajo. ') + hint,
        options: () => [{ value: '', label: send ? '— publicar el mensaje —' : '— elija —' }, ...(c.data.taskTypes || []).map((t) => ({ value: t, label: t }))] }));
      if (!send || bo.get('vupe:type')) {
        out.push(
          textEntry({ id: 'vupe-retries', property: 'vupe:retries', label: 'Intentos', description: 'Intentos en total antes de abrir una incidencia (por defecto 3).', validate: validators.wholeAtLeastOne }),
          textEntry({ id: 'vupe-retryBackoff', property: 'vupe:retryBackoff', label: 'Espera antes de reintentar',
            description: 'Duración ISO 8601 (por defecto PT10S); se duplica en cada intento.', validate: validators.isoDuration }));
      }
    }

    if (is(bo, 'bpmn:BusinessRuleTask')) {
      out.push(selectEntry({ id: 'vupe-decisionRef', property: 'vupe:decisionRef', label: 'Decisión',
        description: `Una decisión DMN desplegada.${hint}`, options: catalogOptions('decisions', '— elija —') }));
      bindingEntry('decision', 'Versión de la decisión');
      versionEntry('decision', 'decisions', 'vupe:decisionRef');
      out.push(textEntry({ id: 'vupe-resultVariable', property: 'vupe:resultVariable', label: 'Variable de resultado',
        description: 'Dónde queda el resultado de la decisión.', validate: validators.variableName }));
    }

    if (is(bo, 'bpmn:ScriptTask')) {
      out.push(
        textEntry({ id: 'vupe-script', property: 'script', label: 'Script (FEEL)',
          description: 'Una expresión FEEL sobre los datos del caso, p. ej. edad >= 18.' }),
        textEntry({ id: 'vupe-script-resultVariable', property: 'vupe:resultVariable', label: 'Variable de resultado',
          description: 'Dónde queda el valor del script (obligatoria).', validate: validators.variableName }));
    }

    if (is(bo, 'bpmn:CallActivity')) {
      out.push(selectEntry({ id: 'vupe-calledElement', property: 'calledElement', label: 'Procedimiento llamado',
        description: `Se abre como proceso hijo en el mismo expediente.${hint}`, options: catalogOptions('processes', '— elija —') }));
      bindingEntry('calledElement', 'Versión del procedimiento llamado');
      versionEntry('calledElement', 'processes', 'calledElement');
    }

    if (hasCondition(element)) out.push(conditionEntry());

    const message = messageOf(bo);
    if (message) {
      out.push(textEntry({ id: 'vupe-correlationKey', property: 'vupe:correlationKey', moddleElement: () => message,
        label: `Clave de correlación del mensaje «${message.get('name') || message.get('id')}»`,
        description: 'FEEL que identifica el expediente que espera el mensaje, p. ej. =caseNumber.' }));
    }

    const loop = bo.get && is(bo, 'bpmn:Activity') ? bo.get('loopCharacteristics') : null;
    if (loop && is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) {
      const onLoop = () => loop;
      out.push(
        textEntry({ id: 'vupe-collection', property: 'vupe:collection', moddleElement: onLoop, label: 'Colección (multiinstancia)',
          description: 'FEEL que da la lista a recorrer, una instancia por elemento.' }),
        textEntry({ id: 'vupe-elementVariable', property: 'vupe:elementVariable', moddleElement: onLoop, label: 'Variable de cada elemento', validate: validators.variableName }),
        textEntry({ id: 'vupe-outputCollection', property: 'vupe:outputCollection', moddleElement: onLoop, label: 'Colección de resultados',
          description: 'Junto con el elemento de resultado: un valor por instancia, en el orden de la colección.', validate: validators.variableName }),
        textEntry({ id: 'vupe-outputElement', property: 'vupe:outputElement', moddleElement: onLoop, label: 'Elemento de resultado (FEEL)' }));
    }

    if (is(bo, 'bpmn:Activity')) {
      out.push(checkboxEntry({ id: 'vupe-async', property: 'vupe:async', label: 'Continuar en segundo plano',
        description: 'Confirma lo anterior y el ejecutor de trabajos continúa desde este elemento (continuación asíncrona).' }));
    }
    return out;
  }
}

VupePropertiesProvider.$inject = ['propertiesPanel', 'injector', 'vupeCatalog'];
