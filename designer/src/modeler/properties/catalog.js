// What the server can run, for the panel's selects and suggestions: GET /api/designer/catalog →
// { taskTypes: [""], offices: [{ code, name }], groupPatterns: ["{oficina}-consultor"…],
//   forms|decisions|processes: [{ key, name, versions: [n…] }] }.
// Loaded once per modeler; the panel re-renders when it arrives, and works with free text until then.
const EMPTY = { taskTypes: [], offices: [], groupPatterns: [], forms: [], decisions: [], processes: [] };

export default class VupeCatalog {
  constructor(config, eventBus) {
    this._eventBus = eventBus;
    this.data = EMPTY;
    this.loaded = false;
    this.failed = false;
    const url = config && config.url;
    if (url) this._load(url);
  }

  async _load(url) {
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      this.data = { ...EMPTY, ...(await response.json()) };
      this.loaded = true;
    } catch {
      // The panel still edits every attribute as text; the hint says the lists are missing.
      this.failed = true;
    }
    this._eventBus.fire('propertiesPanel.providersChanged');
    this._eventBus.fire('vupe.catalog.loaded', { catalog: this });
  }

  /** Versions deployed for a key, newest first (forms, decisions or processes). */
  versions(kind, key) {
    const item = (this.data[kind] || []).find((i) => i.key === key);
    return item ? [...item.versions].sort((a, b) => b - a) : [];
  }

  /**
   * Candidate-group suggestions: each pattern as the FEEL expression for the case's office ("{oficina}-consultor" →
   * =officeCode + "-consultor"), then the concrete groups of every office for the consultant and supervisor roles.
   */
  groupSuggestions() {
    const out = [];
    for (const pattern of this.data.groupPatterns || []) {
      const suffix = pattern.replace('{oficina}', '');
      out.push({ value: `=officeCode + "${suffix}"`, label: `${pattern} (oficina del expediente)` });
    }
    for (const office of this.data.offices || []) {
      for (const role of ['consultor', 'supervisor']) out.push({ value: `${office.code}-${role}`, label: `${office.name}: ${role}` });
    }
    return out;
  }
}

VupeCatalog.$inject = ['config.vupeCatalog', 'eventBus'];
