// The FEEL condition of a sequence flow (<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">), which
// BPMN's own properties provider does not offer. Only flows whose condition the engine evaluates get the entry:
// out of exclusive and inclusive gateways and out of activities (conditional flows).
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { is, getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';

export function hasCondition(element) {
  const bo = getBusinessObject(element);
  if (!is(bo, 'bpmn:SequenceFlow')) return false;
  const source = bo.get('sourceRef');
  return !source || is(source, 'bpmn:ExclusiveGateway') || is(source, 'bpmn:InclusiveGateway') || is(source, 'bpmn:Activity');
}

function Condition(props) {
  const { element, id } = props;
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  const bo = getBusinessObject(element);
  const getValue = () => bo.get('conditionExpression')?.get('body') || '';
  const setValue = (value) => {
    const text = (value || '').trim();
    const current = bo.get('conditionExpression');
    if (current && text) {
      commandStack.execute('element.updateModdleProperties', { element, moddleElement: current, properties: { body: text } });
      return;
    }
    let conditionExpression;
    if (text) {
      conditionExpression = bpmnFactory.create('bpmn:FormalExpression', { body: text });
      conditionExpression.$parent = bo;
    }
    commandStack.execute('element.updateModdleProperties', { element, moddleElement: bo, properties: { conditionExpression } });
  };
  return TextFieldEntry({
    element, id, getValue, setValue, debounce,
    label: 'Condición (FEEL)',
    description: 'Verdadero o falso, p. ej. =edad >= 18 o =decision = "aprobado". Vacía: el flujo se toma siempre (o es el flujo por defecto).'
  });
}

export const conditionEntry = () => ({ id: 'vupe-condition', component: Condition, isEdited: isTextFieldEntryEdited });
