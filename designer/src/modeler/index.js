// Everything the process modeler adds to bpmn-js: the properties panel (BPMN's own groups + the VUPE group), the
// vupe: moddle descriptor (so the engine's attributes and extension elements are read, edited and written back as
// they were) and the Spanish translation. process-modeler.js spreads modelerOptions() into `new Modeler({...})`.
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import vupeModdle from './vupe-moddle.json';
import spanishTranslate from './i18n/spanish-translate.js';
import VupeCatalog from './properties/catalog.js';
import VupePropertiesProvider from './properties/VupePropertiesProvider.js';

export const VupePropertiesProviderModule = {
  __init__: ['vupeCatalog', 'vupePropertiesProvider'],
  vupeCatalog: ['type', VupeCatalog],
  vupePropertiesProvider: ['type', VupePropertiesProvider]
};

export { vupeModdle };

/**
 * Modeler options for a panel rendered into `panel`, with lists from `catalogUrl` (GET /api/designer/catalog).
 * The general and VUPE groups start open; the others (documentation, timer, message, …) collapsed.
 */
export function modelerOptions({ panel, catalogUrl }) {
  return {
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, VupePropertiesProviderModule, spanishTranslate],
    moddleExtensions: { vupe: vupeModdle },
    propertiesPanel: { parent: panel, layout: { groups: { general: { open: true }, vupe: { open: true } } } },
    vupeCatalog: { url: catalogUrl }
  };
}
