// List groups for the extension elements the engine reads: <vupe:input source target/> and <vupe:output …/>
// (input/output mappings) and <vupe:header key value/> (static settings for the task handler). Rows are added and
// removed in place inside bpmn:extensionElements, keeping the order and every other extension element untouched.
import { ListGroup, TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';
import { validators } from './entries.js';

const KINDS = {
  'vupe:Input': {
    group: 'vupe-inputs', title: 'Entradas (variables locales)', noun: 'entrada',
    fields: [
      ['source', 'Expresión de origen (FEEL)', 'p. ej. =solicitante.dni; se evalúa al entrar en el elemento.'],
      ['target', 'Variable local', 'El nombre con que el elemento (o el proceso llamado) la lee.']
    ]
  },
  'vupe:Output': {
    group: 'vupe-outputs', title: 'Salidas (al procedimiento)', noun: 'salida',
    fields: [
      ['source', 'Expresión de origen (FEEL)', 'p. ej. =resultado; se evalúa al terminar el elemento.'],
      ['target', 'Variable del procedimiento', 'Con salidas, solo lo mapeado sale del elemento.']
    ]
  },
  'vupe:Header': {
    group: 'vupe-headers', title: 'Cabeceras del manejador', noun: 'cabecera',
    fields: [['key', 'Clave', ''], ['value', 'Valor', 'Texto fijo que recibe el manejador.']]
  }
};

const rows = (bo, type) => (bo.get('extensionElements')?.get('values') || []).filter((v) => v.$type === type);

function RowField(props) {
  const { element, id, row, field, label, description } = props;
  const commandStack = useService('commandStack');
  const debounce = useService('debounceInput');
  return TextFieldEntry({
    element: row, id, label, description, debounce,
    validate: field === 'target' ? validators.variableName : undefined,
    getValue: () => row.get(field) || '',
    setValue: (value) => commandStack.execute('element.updateModdleProperties', {
      element, moddleElement: row, properties: { [field]: value === '' ? undefined : value }
    })
  });
}

function add(element, type, injector) {
  return (event) => {
    event.stopPropagation();
    const bpmnFactory = injector.get('bpmnFactory');
    const bo = getBusinessObject(element);
    const commands = [];
    let extensionElements = bo.get('extensionElements');
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = bo;
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements } } });
    }
    const row = bpmnFactory.create(type, {});
    row.$parent = extensionElements;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: extensionElements, properties: { values: [...extensionElements.get('values'), row] } }
    });
    injector.get('commandStack').execute('properties-panel.multi-command-executor', commands);
  };
}

function remove(element, row, injector) {
  return (event) => {
    event.stopPropagation();
    const bo = getBusinessObject(element);
    const extensionElements = bo.get('extensionElements');
    const values = extensionElements.get('values').filter((v) => v !== row);
    const commands = [{ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extensionElements, properties: { values } } }];
    // An empty <bpmn:extensionElements/> left behind would be a change the user did not ask for.
    if (!values.length) commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: undefined } } });
    injector.get('commandStack').execute('properties-panel.multi-command-executor', commands);
  };
}

/** The list group for one kind of row ('vupe:Input', 'vupe:Output' or 'vupe:Header') on an element. */
export function listGroup(element, type, injector) {
  const kind = KINDS[type];
  const items = rows(getBusinessObject(element), type).map((row, index) => {
    const id = `${element.id}-${kind.group}-${index}`;
    const [first, second] = kind.fields;
    const title = [row.get(first[0]), row.get(second[0])].filter(Boolean);
    return {
      id,
      label: title.length === 2 ? (type === 'vupe:Header' ? `${title[0]} = ${title[1]}` : `${title[0]} → ${title[1]}`) : (title[0] || `(${kind.noun} nueva)`),
      entries: kind.fields.map(([field, label, description]) => ({
        id: `${id}-${field}`, component: RowField, isEdited: isTextFieldEntryEdited, row, field, label, description
      })),
      autoFocusEntry: `${id}-${kind.fields[0][0]}`,
      remove: remove(element, row, injector)
    };
  });
  return { id: kind.group, label: kind.title, component: ListGroup, items, add: add(element, type, injector) };
}
