// Entry components for the VUPE group: one attribute of a moddle element (the element's own business object, or
// e.g. its multi-instance characteristics) as a text field (optionally with suggestions), a select or a checkbox.
// Empty values remove the attribute, so untouched files keep exactly what they had.
import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect } from '@bpmn-io/properties-panel/preact/hooks';
import {
  TextFieldEntry, SelectEntry, CheckboxEntry, isTextFieldEntryEdited, isSelectEntryEdited, isCheckboxEntryEdited
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';

const target = (props) => (props.moddleElement ? props.moddleElement(props.element) : getBusinessObject(props.element));

function useAttribute(props) {
  const commandStack = useService('commandStack');
  const moddleElement = target(props);
  const getValue = () => {
    const value = moddleElement.get(props.property);
    return value === undefined || value === null ? '' : String(value);
  };
  const setValue = (value) => {
    const text = typeof value === 'string' ? value.trim() : value;
    if ((text || '') === getValue()) return;
    const properties = { [props.property]: text === '' || text === undefined || text === null ? undefined : text };
    // Choosing something else than a pinned version drops the stale version number with it.
    if (props.clears) for (const other of props.clears(text)) properties[other] = undefined;
    commandStack.execute('element.updateModdleProperties', { element: props.element, moddleElement, properties });
  };
  return { getValue, setValue };
}

function AttributeText(props) {
  const { element, id, label, description, validate, suggestions } = props;
  const debounce = useService('debounceInput');
  const { getValue, setValue } = useAttribute(props);
  const listId = `vupe-sugerencias-${id}`;
  const options = suggestions ? suggestions() : [];
  // TextFieldEntry has no `list` prop; attach the datalist to its input after it rendered.
  useEffect(() => {
    const input = document.getElementById(`bio-properties-panel-${id}`);
    if (input && options.length) input.setAttribute('list', listId);
  });
  const field = TextFieldEntry({ element, id, label, description, getValue, setValue, debounce, validate });
  if (!options.length) return field;
  return [field, h('datalist', { id: listId }, options.map((o) => h('option', { value: o.value }, o.label)))];
}

function AttributeSelect(props) {
  const { element, id, label, description, options } = props;
  const { getValue, setValue } = useAttribute(props);
  const getOptions = () => {
    const list = options();
    const current = getValue();
    // A value the catalogue does not know (not deployed yet, or typed in the XML) stays selectable.
    if (current && !list.some((o) => o.value === current)) list.push({ value: current, label: `${current} (no está en el catálogo)` });
    return list;
  };
  return SelectEntry({ element, id, label, description, getValue, setValue, getOptions });
}

function AttributeCheckbox(props) {
  const { element, id, label, description } = props;
  const { getValue, setValue } = useAttribute(props);
  return CheckboxEntry({
    element, id, label, description,
    getValue: () => getValue() === 'true',
    setValue: (checked) => setValue(checked ? 'true' : '')
  });
}

/** A text entry for `property` (e.g. 'vupe:dueDate'); `suggestions()` gives [{ value, label }] for a datalist. */
export const textEntry = (spec) => ({ component: AttributeText, isEdited: isTextFieldEntryEdited, ...spec });
/** A select entry; `options()` gives [{ value, label }] ('' = not set). */
export const selectEntry = (spec) => ({ component: AttributeSelect, isEdited: isSelectEntryEdited, ...spec });
/** A checkbox written as "true" or removed. */
export const checkboxEntry = (spec) => ({ component: AttributeCheckbox, isEdited: isCheckboxEntryEdited, ...spec });

// ---- light checks (the engine's validation stays the authority; these only hint while typing) ----
const isFeel = (v) => v.startsWith('=');
export const validators = {
  wholeAtLeastOne: (v) => (!v || /^\d+$/.test(v) && Number(v) >= 1 ? undefined : 'Un número entero mayor o igual a 1.'),
  priority: (v) => (!v || isFeel(v) || /^\d+$/.test(v) && Number(v) <= 100 ? undefined : 'Un número de 0 a 100 o una expresión FEEL (=…).'),
  isoDuration: (v) => (!v || /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(v) ? undefined : 'Una duración ISO 8601, p. ej. PT30S.'),
  dateOrDuration: (v) => (!v || isFeel(v) || /^P/.test(v) || /^\d{4}-\d{2}-\d{2}/.test(v) ? undefined
    : 'Una duración ISO 8601 (P5D), una fecha (2025-12-31), una fecha y hora o una expresión FEEL (=…).'),
  variableName: (v) => (!v || /^[A-Za-z_][\w]*$/.test(v) ? undefined : 'Un nombre de variable: letras, números y _ (sin espacios).')
};
