// bpmnlint in the modeler (bpmn-js-bpmnlint): issues drawn on the elements as the user edits, its button and
// dropdowns in Spanish, and the issues flattened for the page's problem list (live-validation.js).
import lintModule from 'bpmn-js-bpmnlint';
import { lintConfig } from './lint-config.js';

export { lintModule };

/** Modeler options: lint active from the start with the packed configuration. */
export const lintingOptions = { bpmnlint: lintConfig, active: true };

const UI = {
  '{errors} Errors, {warnings} Warnings': '{errors} errores, {warnings} advertencias',
  'No Issues': 'Sin observaciones',
  'Toggle linting overlays': 'Mostrar u ocultar las observaciones de bpmnlint',
  'Issues for child elements': 'Observaciones de elementos internos'
};

/**
 * bpmn-js-bpmnlint translates through the diagram's `translate` service, which the whole modeler shares; rather than
 * replacing it for every module, only the linting's own strings are switched (messages are Spanish already).
 */
export function spanishLinting(modeler) {
  const linting = modeler.get('linting');
  const base = linting._translate;
  linting._translate = (template, replacements) => base(UI[template] || template, replacements);
  if (linting._button) linting._button.title = UI['Toggle linting overlays'];
  linting._updateButton?.();
  return linting;
}

/**
 * `linting.completed`'s issues ({ shownOnId: [report] }) as a flat list:
 * { elementId (where it is drawn), actualElementId, rule, severity: 'error'|'warning'|'info', message }.
 */
export function flattenIssues(issues) {
  const list = [];
  for (const [shownOn, reports] of Object.entries(issues || {})) {
    for (const report of reports) {
      list.push({
        elementId: shownOn,
        actualElementId: report.actualElementId || report.id || shownOn,
        rule: report.rule,
        severity: report.category === 'warn' ? 'warning' : report.category === 'info' ? 'info' : 'error',
        message: report.message
      });
    }
  }
  return list;
}
