// document-upload: <form class="vupe-upload" data-upload-url="/api/cases/{id}/documents"
//   data-kinds-url="/api/document-kinds"> with <select name="kind">, optional
// <input name="title">, <input type="file" name="file">.
// Checks size/type against the kind before sending; uploads with XHR
// (multipart: kind, title, then file), shows a <progress>, reports errors.
import { autoInit, csrfToken, el, fetchJson, loginUrl, messageForStatus, MENSAJES } from './common.js';

const MSG = {
  cargandoTipos: 'Cargando tipos de documento…',
  errorTipos: 'No se pudieron cargar los tipos de documento.',
  elijaTipo: 'Seleccione el tipo de documento.',
  elijaArchivo: 'Seleccione un archivo.',
  vacio: 'El archivo está vacío.',
  muyGrande: (max) => `El archivo supera el tamaño máximo permitido (${max}).`,
  tipoNoPermitido: (tipos) => `Tipo de archivo no permitido para este documento. Tipos aceptados: ${tipos}.`,
  subiendo: 'Subiendo documento…',
  progreso: (p) => `Subiendo: ${p} %`,
  exito: 'Documento subido correctamente.',
  seleccione: 'Seleccione…',
  enviar: 'Subir documento'
};

// Extensions accepted for each media type (used when the browser reports no
// file.type, or reports a generic one).
const EXTENSIONS = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/tiff': ['tif', 'tiff'],
  'image/heic': ['heic'],
  'text/plain': ['txt'],
  'text/csv': ['csv'],
  'application/xml': ['xml'],
  'text/xml': ['xml'],
  'application/json': ['json'],
  'application/zip': ['zip'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods']
};

export function formatBytes(n) {
  if (!Number.isFinite(n) || n <= 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toLocaleString('es-PE', { maximumFractionDigits: i ? 1 : 0 })} ${units[i]}`;
}

function extensionOf(name) {
  const m = /\.([A-Za-z0-9]+)$/.exec(name || '');
  return m ? m[1].toLowerCase() : '';
}

function describeTypes(types) {
  const exts = new Set();
  for (const t of types) for (const e of EXTENSIONS[t] || [t]) exts.add(e.toUpperCase());
  return [...exts].join(', ');
}

/** Returns a Spanish error message, or null when the file fits the kind. */
export function checkFile(file, kind) {
  if (!file) return MSG.elijaArchivo;
  if (file.size === 0) return MSG.vacio;
  if (kind && Number.isFinite(kind.maxBytes) && kind.maxBytes > 0 && file.size > kind.maxBytes) {
    return MSG.muyGrande(formatBytes(kind.maxBytes));
  }
  const allowed = kind && Array.isArray(kind.allowedMediaTypes) ? kind.allowedMediaTypes.map((t) => String(t).toLowerCase()) : [];
  if (allowed.length && !allowed.includes('*/*')) {
    const type = (file.type || '').toLowerCase();
    const ext = extensionOf(file.name);
    const byType = type && allowed.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))));
    const byExt = ext && allowed.some((a) => (EXTENSIONS[a] || []).includes(ext));
    // Either the browser's type or the extension must match (the server sniffs the content anyway).
    if (!byType && !byExt) {
      return MSG.tipoNoPermitido(describeTypes(allowed));
    }
  }
  return null;
}

// After an upload: refresh `[data-refresh-on-upload]` if present — a
// .vupe-live element refreshes itself from its data-refresh-url; any other
// element is reloaded from the URL in the attribute's value — else reload.
function refreshAfterUpload() {
  const target = document.querySelector('[data-refresh-on-upload]');
  if (!target) { location.reload(); return; }
  if (target.classList.contains('vupe-live') && target.__vupeRefresh) {
    target.__vupeRefresh();
    return;
  }
  const url = target.getAttribute('data-refresh-on-upload') || target.getAttribute('data-refresh-url');
  if (!url) { location.reload(); return; }
  fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
    .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
    .then((html) => { target.innerHTML = html; })
    .catch(() => location.reload());
}

function initUpload(form) {
  const uploadUrl = form.dataset.uploadUrl;
  const kindsUrl = form.dataset.kindsUrl;
  const select = form.querySelector('select[name="kind"]');
  const titleInput = form.querySelector('input[name="title"]');
  const fileInput = form.querySelector('input[type="file"][name="file"]');
  if (!select || !fileInput) {
    console.error('[vupe:document-upload] missing select[name=kind] or input[type=file][name=file]');
    return;
  }
  const submitBtn = form.querySelector('button[type="submit"], input[type="submit"]') ||
    form.appendChild(el('button', { type: 'submit', class: 'vupe-btn vupe-btn--primary' }, MSG.enviar));
  const status = el('div', { class: 'vupe-upload-status', 'aria-live': 'polite' });
  const progress = el('progress', { class: 'vupe-upload-progress', max: '100', value: '0', hidden: true, 'aria-label': 'Progreso de la subida' });
  form.append(progress, status);
  form.noValidate = true;

  let kinds = [];
  const kindByCode = () => kinds.find((k) => String(k.code) === select.value) || null;
  const show = (kind, text, list = []) => {
    status.replaceChildren(el('div', { class: `vupe-message vupe-message--${kind}`, role: kind === 'error' ? 'alert' : 'status' },
      el('p', { text }), list.length ? el('ul', {}, list.map((t) => el('li', { text: t }))) : ''));
  };
  const setAccept = () => {
    const kind = kindByCode();
    const types = kind && Array.isArray(kind.allowedMediaTypes) ? kind.allowedMediaTypes : [];
    const accept = [...types, ...types.flatMap((t) => (EXTENSIONS[t] || []).map((e) => '.' + e))];
    if (accept.length) fileInput.setAttribute('accept', accept.join(','));
    else fileInput.removeAttribute('accept');
  };

  if (kindsUrl) {
    select.setAttribute('aria-busy', 'true');
    fetchJson(kindsUrl).then(({ data }) => {
      kinds = Array.isArray(data) ? data : [];
      const hasOptions = [...select.options].some((o) => o.value);
      if (!hasOptions) {
        select.replaceChildren(el('option', { value: '' }, MSG.seleccione),
          ...kinds.map((k) => el('option', { value: k.code }, k.name || k.code)));
      }
      setAccept();
    }).catch((e) => {
      if (e && e.status === 401) { location.assign(loginUrl()); return; }
      show('error', MSG.errorTipos);
    }).finally(() => select.removeAttribute('aria-busy'));
  }
  select.addEventListener('change', () => { setAccept(); status.replaceChildren(); });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files && fileInput.files[0];
    const err = file && select.value ? checkFile(file, kindByCode()) : null;
    if (err) show('error', err); else status.replaceChildren();
  });

  let sending = false;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (sending) return;
    const file = fileInput.files && fileInput.files[0];
    if (!select.value) { show('error', MSG.elijaTipo); select.focus(); return; }
    const problem = checkFile(file, kindByCode());
    if (problem) { show('error', problem); fileInput.focus(); return; }

    // Field order matters: the server streams the body and needs kind/title before the file.
    const body = new FormData();
    body.append('kind', select.value);
    body.append('title', titleInput ? titleInput.value : '');
    body.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', uploadUrl);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-TOKEN', token);

    sending = true;
    submitBtn.disabled = true;
    form.setAttribute('aria-busy', 'true');
    progress.hidden = false;
    progress.value = 0;
    show('info', MSG.subiendo);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) { progress.removeAttribute('value'); return; }
      const pct = Math.round((e.loaded / e.total) * 100);
      progress.value = pct;
      progress.textContent = MSG.progreso(pct);
    });
    const finish = () => {
      sending = false;
      submitBtn.disabled = false;
      form.removeAttribute('aria-busy');
      progress.hidden = true;
    };
    xhr.addEventListener('load', () => {
      finish();
      let data = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { /* not JSON */ }
      if (xhr.status === 201 || (xhr.status >= 200 && xhr.status < 300)) {
        show('success', MSG.exito);
        const kind = select.value;
        form.reset();
        document.dispatchEvent(new CustomEvent('vupe:document-uploaded', { detail: { document: data, kind, form } }));
        refreshAfterUpload();
        return;
      }
      if (xhr.status === 401) { location.assign(loginUrl()); return; }
      const list = [];
      if (data && data.errors && typeof data.errors === 'object') {
        for (const msgs of Object.values(data.errors)) list.push(...[].concat(msgs).map(String));
      }
      const title = data && typeof data.title === 'string' && data.title ? data.title : messageForStatus(xhr.status);
      show('error', title, list);
    });
    xhr.addEventListener('error', () => { finish(); show('error', MENSAJES.red); });
    xhr.addEventListener('abort', () => { finish(); });
    xhr.send(body);
  });
}

autoInit('form.vupe-upload[data-upload-url]', initUpload, 'documentUpload');
