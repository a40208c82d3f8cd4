// Drafts of the modeler (PUT/GET/DELETE /api/drafts/{key}, POST /api/drafts/{key}/deploy): "Guardar borrador" keeps
// the file on the server without changing what runs; the page opens one with ?borrador=KEY. The key is the draft's
// when one is open, otherwise the file's name without ".bpmn" (the process key). Saving always sends the version it
// last saw (0 = "no draft yet"), so two people saving the same key never overwrite each other silently: the second
// gets a 409 and a Spanish explanation. Deploying an open draft saves it and publishes it (the server then removes it).
import { el, csrfHeaders, loginUrl, messageForStatus } from '../common.js';

const TEXT = {
  guardar: 'Guardar borrador',
  guardando: 'Guardando el borrador…',
  guardado: (key, when) => `Borrador «${key}» guardado (${when}). No cambia lo que está en producción.`,
  abierto: (key, by, when) => `Borrador «${key}», guardado por ${by} el ${when}.`,
  conflicto: (key) => `Otra persona guardó el borrador «${key}» después de que usted lo abriera (o ya existía uno con esa clave). `
    + 'Descargue su versión con «Descargar .bpmn» si quiere conservarla y abra de nuevo el borrador desde el diseñador.',
  noAbre: (key) => `No se pudo abrir el borrador «${key}».`
};

const when = (iso) => {
  try {
    return new Date(iso).toLocaleString('es-PE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Lima' });
  } catch { return iso; }
};

async function call(url, method, json) {
  const headers = { Accept: 'application/json', ...(method === 'GET' ? {} : csrfHeaders()) };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, { method, credentials: 'same-origin', headers, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch {
    return { status: 0, body: null };
  }
  if (response.status === 401) window.location.assign(loginUrl());
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  return { status: response.status, body };
}

/**
 * root's data-drafts-url (e.g. /api/drafts) and data-draft-key (the draft to open, may be empty).
 * fileName() / setFileName(name), xml() and say(kind, text) come from the modeler.
 */
export function createDrafts({ root, fileName, setFileName, xml, say }) {
  const base = (root.dataset.draftsUrl || '/api/drafts').replace(/\/$/, '');
  let key = root.dataset.draftKey || '';
  let version = 0;
  const url = (k) => `${base}/${encodeURIComponent(k)}`;
  const keyFor = () => key || fileName().replace(/\.bpmn$/i, '');

  const button = el('button', { type: 'button', class: 'secondary', 'data-action': 'guardar-borrador' }, TEXT.guardar);

  function remember(draft) {
    key = draft.key;
    version = draft.version;
    root.dataset.draftKey = key;
    root.dataset.draftVersion = String(version);
    const address = new URL(window.location.href);
    if (address.searchParams.get('borrador') !== key) {
      address.searchParams.set('borrador', key);
      window.history.replaceState(null, '', address);
    }
  }

  async function save() {
    const target = keyFor();
    const result = await call(url(target), 'PUT', { fileName: fileName(), content: await xml(), version });
    if (result.status === 200) {
      remember(result.body);
      return { ok: true, draft: result.body };
    }
    if (result.status === 409) {
      // Two 409s: a newer version (our message says what to do) or another office's draft (the server's words).
      const detail = result.body?.title && !/Otro usuario/.test(result.body.title) ? result.body.title : TEXT.conflicto(target);
      return { ok: false, message: detail };
    }
    const errors = result.body?.errors && typeof result.body.errors === 'object' ? Object.values(result.body.errors).flat() : [];
    return { ok: false, message: errors.length ? errors.join(' ') : (result.body?.title || messageForStatus(result.status)) };
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    say('info', TEXT.guardando);
    try {
      const saved = await save();
      if (saved.ok) say('success', TEXT.guardado(saved.draft.key, when(saved.draft.updatedAt)));
      else say('error', saved.message);
    } finally {
      button.disabled = false;
    }
  });

  return {
    button,
    get active() { return Boolean(key) && version > 0; },
    /** The open draft's XML (data-draft-key), or null when the page opens no draft. Throws a Spanish Error. */
    async open() {
      if (!key) return null;
      const result = await call(url(key), 'GET');
      if (result.status !== 200) throw new Error(`${TEXT.noAbre(key)} ${result.body?.title || messageForStatus(result.status)}`);
      remember(result.body);
      setFileName(result.body.fileName);
      return { xml: result.body.content, notice: TEXT.abierto(key, result.body.updatedBy, when(result.body.updatedAt)) };
    },
    /** Saves the open draft and publishes it: { status, body } as a deployment's answer, or a refused save. */
    async deploy() {
      const saved = await save();
      if (!saved.ok) return { status: 409, body: { title: saved.message } };
      const result = await call(`${url(key)}/deploy`, 'POST');
      if (result.status === 201) {
        key = '';
        version = 0;
        delete root.dataset.draftKey;
        const address = new URL(window.location.href);
        address.searchParams.delete('borrador');
        window.history.replaceState(null, '', address);
      }
      return result;
    }
  };
}
