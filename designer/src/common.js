// Shared helpers for the VupeCases browser modules: CSRF header, JSON fetch
// with Spanish error messages, small DOM utilities. No framework.

export const MENSAJES = {
  red: 'No se pudo conectar con el servidor. Revise su conexión e inténtelo de nuevo.',
  servidor: 'El servidor no pudo procesar la solicitud. Inténtelo más tarde.',
  noAutorizado: 'Su sesión ha expirado. Ingrese nuevamente.',
  prohibido: 'No tiene permiso para realizar esta acción.',
  noEncontrado: 'No se encontró el recurso solicitado.',
  conflicto: 'Otro usuario cambió esta tarea; recargue.',
  validacion: 'Revise los datos ingresados.',
  respuestaInvalida: 'La respuesta del servidor no es válida.',
  demasiadas: 'Demasiadas solicitudes. Espere un momento e inténtelo de nuevo.'
};

/** Value of <meta name="csrf-token" content="…">, or '' when absent. */
export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') || '' : '';
}

/** Headers object carrying X-CSRF-TOKEN (when the page has one). */
export function csrfHeaders(extra = {}) {
  const token = csrfToken();
  return token ? { ...extra, 'X-CSRF-TOKEN': token } : { ...extra };
}

/** Spanish message for an HTTP status. */
export function messageForStatus(status) {
  if (status === 0) return MENSAJES.red;
  if (status === 400 || status === 422) return MENSAJES.validacion;
  if (status === 401) return MENSAJES.noAutorizado;
  if (status === 403) return MENSAJES.prohibido;
  if (status === 404) return MENSAJES.noEncontrado;
  if (status === 409) return MENSAJES.conflicto;
  if (status === 429) return MENSAJES.demasiadas;
  return MENSAJES.servidor;
}

/** Error thrown by fetchJson; carries status, parsed problem body and a Spanish message. */
export class HttpError extends Error {
  constructor(status, problem, message) {
    super(message || messageForStatus(status));
    this.name = 'HttpError';
    this.status = status;
    this.problem = problem || null;
  }
}

/** URL of the sign-in page, returning to the current page afterwards. */
export function loginUrl() {
  return '/ingresar?returnUrl=' + encodeURIComponent(location.pathname + location.search);
}

async function readBody(response) {
  const type = response.headers.get('content-type') || '';
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  if (type.includes('json')) {
    try { return JSON.parse(text); } catch { return null; }
  }
  return text;
}

/**
 * fetch() a JSON resource with same-origin credentials. Non-GET requests get
 * the CSRF header, and a `json` option is serialised as the body.
 * Resolves with { status, data }; rejects with HttpError on network failure
 * or a non-2xx status (error.problem holds a ProblemDetails body if any).
 */
export async function fetchJson(url, { method = 'GET', json, headers = {}, signal } = {}) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...headers },
    signal
  };
  if (method !== 'GET' && method !== 'HEAD') Object.assign(init.headers, csrfHeaders());
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new HttpError(0, null, MENSAJES.red);
  }
  const data = await readBody(response);
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : null;
    throw new HttpError(response.status, problem, messageForStatus(response.status));
  }
  return { status: response.status, data };
}

/** Problem `title` (if any) or the Spanish message for the status. */
/**
 * Posts one file as a multipart deployment (field "files", optional "name": the shape /api/deployments and
 * /api/deployments/validate read). Resolves to { status, body } (status 0 when the network failed; body null when
 * the answer is not JSON); a 401 sends the browser to the sign-in page.
 */
export async function postFile(url, fileName, text, name, type = 'application/xml') {
  const form = new FormData();
  form.append('files', new Blob([text], { type }), fileName);
  if (name) form.append('name', name);
  let response;
  try {
    response = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: csrfHeaders() });
  } catch {
    return { status: 0, body: null };
  }
  if (response.status === 401) window.location.assign(loginUrl());
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  return { status: response.status, body };
}

export function problemMessage(err) {
  if (err && err.problem && typeof err.problem.title === 'string' && err.problem.title) {
    return err.problem.title;
  }
  return err && err.message ? err.message : MENSAJES.servidor;
}

/** Flattened list of messages from a ValidationProblem `errors` object. */
export function problemErrors(problem) {
  const out = [];
  if (problem && problem.errors && typeof problem.errors === 'object') {
    for (const [key, msgs] of Object.entries(problem.errors)) {
      for (const m of [].concat(msgs)) out.push({ key, message: String(m) });
    }
  }
  return out;
}

/** document.createElement with attributes and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/**
 * A message box (role="alert" for errors, role="status" otherwise).
 * kind: 'error' | 'success' | 'info'
 */
export function messageBox(kind, text, extra = []) {
  return el('div', {
    class: `vupe-message vupe-message--${kind}`,
    role: kind === 'error' ? 'alert' : 'status'
  }, el('p', { text }), ...extra);
}

/** Run init(element) for every element matching selector once the DOM is ready. */
export function autoInit(selector, init, name) {
  const run = (root = document) => {
    const nodes = [];
    if (root.matches && root.matches(selector)) nodes.push(root);
    nodes.push(...root.querySelectorAll(selector));
    for (const node of nodes) {
      if (node.__vupeInit) continue;
      node.__vupeInit = true;
      try {
        init(node);
      } catch (e) {
        console.error(`[vupe:${name}]`, e);
      }
    }
  };
  const Vupe = (window.Vupe = window.Vupe || {});
  Vupe[name] = { init: run };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => run(), { once: true });
  } else {
    run();
  }
  return run;
}
