// The bpmnlint configuration the modeler runs in the browser, "packed" by hand ({ config, resolver }, what
// bpmn-js-bpmnlint expects; bpmnlint-pack-config does the same at build time with rollup). The rules are bpmnlint's
// `recommended` set, imported one by one so esbuild bundles exactly these. Severities follow `recommended` except
// where this engine differs: a missing name or a missing diagram (DI) does not stop a process from running, so they
// are warnings. Every report is rewritten in Spanish here (rule id → sentence), so the overlays and the page's list
// show the same text.
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';

// rule id → [factory, severity]
const RULES = {
  'ad-hoc-sub-process': [adHocSubProcess, 'error'],
  'conditional-flows': [conditionalFlows, 'error'],
  'end-event-required': [endEventRequired, 'error'],
  'event-based-gateway': [eventBasedGateway, 'error'],
  'event-sub-process-typed-start-event': [eventSubProcessTypedStartEvent, 'error'],
  'fake-join': [fakeJoin, 'warn'],
  'global': [global, 'warn'],
  'label-required': [labelRequired, 'warn'],
  'link-event': [linkEvent, 'error'],
  'no-bpmndi': [noBpmndi, 'warn'],
  'no-complex-gateway': [noComplexGateway, 'error'],
  'no-disconnected': [noDisconnected, 'error'],
  'no-duplicate-sequence-flows': [noDuplicateSequenceFlows, 'error'],
  'no-gateway-join-fork': [noGatewayJoinFork, 'error'],
  'no-implicit-split': [noImplicitSplit, 'error'],
  'no-implicit-end': [noImplicitEnd, 'error'],
  'no-implicit-start': [noImplicitStart, 'error'],
  'no-inclusive-gateway': [noInclusiveGateway, 'warn'],
  'no-overlapping-elements': [noOverlappingElements, 'warn'],
  'single-blank-start-event': [singleBlankStartEvent, 'error'],
  'single-event-definition': [singleEventDefinition, 'error'],
  'start-event-required': [startEventRequired, 'error'],
  'sub-process-blank-start-event': [subProcessBlankStartEvent, 'error'],
  'superfluous-gateway': [superfluousGateway, 'warn'],
  'superfluous-label': [superfluousLabel, 'warn'],
  'superfluous-termination': [superfluousTermination, 'warn']
};

// One Spanish sentence per rule; a function where the rule reports several different things (it gets bpmnlint's
// English message and picks by it).
const SPANISH = {
  'ad-hoc-sub-process': (m) => /End Event/.test(m)
    ? 'Un subproceso ad hoc no puede tener evento de fin.' : 'Un subproceso ad hoc no puede tener evento de inicio.',
  'conditional-flows': 'A este flujo le falta la condición: sale de una bifurcación o de una actividad con flujos condicionales.',
  'end-event-required': 'Falta un evento de fin en el proceso.',
  'event-based-gateway': (m) => /must not be conditional/.test(m)
    ? 'Un flujo que sale de una compuerta basada en eventos no puede tener condición.'
    : 'Una compuerta basada en eventos necesita al menos dos flujos de salida.',
  'event-sub-process-typed-start-event': 'El evento de inicio de un subproceso de evento debe tener un tipo (mensaje, temporizador, error…).',
  'fake-join': 'Varios flujos entran a esta actividad sin una compuerta que los una.',
  'global': (m) => /unused/.test(m) ? 'El elemento global no se usa.'
    : /not unique/.test(m) ? 'El nombre del elemento global se repite.' : 'Al elemento global le falta el nombre.',
  'label-required': 'Al elemento le falta un nombre.',
  'link-event': (m) => /missing link name/.test(m) ? 'Al evento de enlace le falta el nombre del enlace.'
    : /Duplicate/.test(m) ? 'Hay dos eventos de enlace de captura con el mismo nombre.'
      : 'Falta el evento de enlace correspondiente (mismo nombre) en este nivel.',
  'no-bpmndi': 'El elemento no tiene diagrama (BPMN DI): no se dibuja.',
  'no-complex-gateway': 'La compuerta compleja no está permitida.',
  'no-disconnected': 'El elemento no está conectado con el resto del proceso.',
  'no-duplicate-sequence-flows': 'Hay flujos duplicados entre los mismos elementos.',
  'no-gateway-join-fork': 'La compuerta une y bifurca a la vez; use dos compuertas.',
  'no-implicit-split': 'El flujo se bifurca sin compuerta; use una compuerta.',
  'no-implicit-end': 'El elemento termina el camino sin un evento de fin.',
  'no-implicit-start': 'El elemento inicia un camino sin un evento de inicio.',
  'no-inclusive-gateway': 'La compuerta inclusiva no se recomienda.',
  'no-overlapping-elements': (m) => /outside/.test(m) ? 'El elemento está fuera de su contenedor.' : 'El elemento se superpone con otro.',
  'single-blank-start-event': 'Hay más de un evento de inicio simple (sin tipo) en el proceso.',
  'single-event-definition': 'El evento tiene más de una definición de evento.',
  'start-event-required': 'Falta un evento de inicio en el proceso.',
  'sub-process-blank-start-event': 'El evento de inicio de un subproceso debe ser simple (sin tipo).',
  'superfluous-gateway': 'La compuerta sobra: tiene una sola entrada y una sola salida.',
  'superfluous-label': 'El flujo tiene un nombre que no se usa (no tiene condición).',
  'superfluous-termination': 'El evento de terminación sobra; un evento de fin simple basta.'
};

/** The Spanish sentence for a rule's report (bpmnlint's English message when the rule is unknown). */
export function spanishMessage(rule, message) {
  const text = SPANISH[rule];
  return typeof text === 'function' ? text(message || '') : (text || message);
}

/** The rule's check with its reports rewritten in Spanish (checks are a function or { enter, leave }). */
function translated(ruleId, factory) {
  return (config) => {
    const rule = factory(config);
    const wrapReporter = (reporter) => ({
      ...reporter,
      report: (id, message, path) => reporter.report(id, spanishMessage(ruleId, message), path)
    });
    const wrap = (fn) => fn && ((node, reporter) => fn(node, wrapReporter(reporter)));
    const check = typeof rule.check === 'function' ? wrap(rule.check)
      : { enter: wrap(rule.check.enter), leave: wrap(rule.check.leave) };
    if (!check.enter) delete check.enter;
    if (!check.leave) delete check.leave;
    return { ...rule, check };
  };
}

const resolved = Object.fromEntries(Object.entries(RULES).map(([id, [factory]]) => [id, translated(id, factory)]));

export const lintConfig = {
  config: { rules: Object.fromEntries(Object.entries(RULES).map(([id, [, severity]]) => [id, severity])) },
  resolver: {
    resolveRule: (pkg, ruleName) => (pkg === 'bpmnlint' ? resolved[ruleName] : undefined) || null,
    resolveConfig: () => null
  }
};
