// Tiny static + fake-API server for the harness (no dependencies).
//   node harness/serve.mjs [port]      → http://127.0.0.1:5179/
// Serves harness/*.html, ../server/Vupe.Server/wwwroot/lib/vupe as /lib/vupe,
// and fixture JSON under /api/… shaped like the real server's contracts.
// The complete endpoint answers per ?respond=204|400|409|401|500.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lib = resolve(here, '../../server/Vupe.Server/wwwroot/lib/vupe');
const fixtures = join(here, 'fixtures');
const port = Number(process.argv[2] || process.env.PORT || 5179);
const CSRF = 'harness-csrf-token';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.bpmn': 'application/xml', '.svg': 'image/svg+xml' };

const json = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8' });
  res.end(body === undefined ? '' : JSON.stringify(body));
};
const problem = (res, status, title, errors) => json(res, status, { title, status, ...(errors ? { errors } : {}) });
const fixture = async (name) => JSON.parse(await readFile(join(fixtures, name), 'utf8'));

async function file(res, root, rel) {
  const path = normalize(join(root, rel));
  if (!path.startsWith(root)) { res.writeHead(403); res.end(); return; }
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found');
  }
}

function readBody(req) {
  return new Promise((ok, fail) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

let refreshCount = 0;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const p = url.pathname;
  try {
    if (req.method === 'GET' && (p === '/' || p === '/index.html')) return file(res, here, 'index.html');
    if (req.method === 'GET' && /^\/[\w-]+\.(html|js)$/.test(p)) return file(res, here, p.slice(1));
    if (req.method === 'GET' && p.startsWith('/lib/vupe/')) return file(res, lib, p.slice('/lib/vupe/'.length));
    if (req.method === 'GET' && p === '/ingresar') {
      console.log(`login redirect returnUrl=${url.searchParams.get('returnUrl')}`);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><title>Ingresar</title><h1 id="login">Ingresar</h1><p id="return">${url.searchParams.get('returnUrl') || ''}</p>`);
    }

    let m;
    if (req.method === 'GET' && (m = /^\/api\/cases\/([^/]+)\/diagram$/.exec(p))) {
      if (m[1] !== '123') return problem(res, 404, 'Caso no encontrado.');
      const xml = await readFile(join(fixtures, 'certificado-unico-laboral.bpmn'), 'utf8');
      return json(res, 200, { xml, ...(await fixture('diagram-state.json')) });
    }
    if (req.method === 'GET' && (m = /^\/api\/tasks\/([^/]+)$/.exec(p))) {
      const task = await fixture('task.json');
      if (m[1] === '43') return json(res, 200, { ...task, task: { ...task.task, id: '43' }, form: null, requiredDocuments: [] });
      if (m[1] !== '42') return problem(res, 404, 'Tarea no encontrada.');
      return json(res, 200, task);
    }
    if (req.method === 'POST' && (m = /^\/api\/tasks\/([^/]+)\/complete$/.exec(p))) {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      console.log(`complete ${m[1]} csrf=${req.headers['x-csrf-token']} body=${JSON.stringify(body)}`);
      if (req.headers['x-csrf-token'] !== CSRF) return problem(res, 400, 'Falta el token antifalsificación.');
      if (typeof body.version !== 'number' || typeof body.data !== 'object') return problem(res, 400, 'Cuerpo inválido.');
      const respond = url.searchParams.get('respond') || '204';
      if (respond === '400') return json(res, 400, await fixture('validation-problem.json'));
      if (respond === '409') return problem(res, 409, 'Conflicto de versión.');
      if (respond === '401') { res.writeHead(401); return res.end(); }
      if (respond === '500') return problem(res, 500, 'Error interno del servidor.');
      res.writeHead(204); return res.end();
    }
    if (req.method === 'GET' && p === '/api/document-kinds') return json(res, 200, await fixture('document-kinds.json'));
    if (req.method === 'POST' && (m = /^\/api\/cases\/([^/]+)\/documents$/.exec(p))) {
      const raw = (await readBody(req)).toString('latin1');
      const names = [...raw.matchAll(/Content-Disposition: form-data; name="([^"]+)"/g)].map((x) => x[1]);
      console.log(`upload case=${m[1]} csrf=${req.headers['x-csrf-token']} parts=${names.join(',')} bytes=${raw.length}`);
      if (req.headers['x-csrf-token'] !== CSRF) return problem(res, 400, 'Falta el token antifalsificación.');
      if (names.join(',') !== 'kind,title,file') return problem(res, 400, 'Orden de campos inválido.', { file: ['El archivo debe ir al final.'] });
      if (raw.includes('RECHAZAR')) return problem(res, 415, 'El contenido del archivo no corresponde al tipo declarado.');
      return json(res, 201, { id: 'd-1', kind: 'dni', title: 'subido', version: 1 });
    }
    if (req.method === 'GET' && p === '/fragments/inbox') {
      refreshCount++;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(`<ul class="inbox">
  <li><a id="tarea-42" href="/tareas/42">Revisar solicitud de CUL — C-2025-000123</a></li>
  <li><a id="tarea-44" href="/tareas/44">Derivar a servicio — C-2025-000130</a></li>
  <li><a id="tarea-${100 + refreshCount}" href="/tareas/${100 + refreshCount}">Nueva tarea ${refreshCount}</a></li>
</ul><p class="inbox-count">Actualizaciones: ${refreshCount}</p>`);
    }
    if (req.method === 'GET' && p === '/fragments/documents') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(`<ul><li>Copia de DNI (v1)</li><li id="nuevo-doc">Documento recién subido</li></ul>`);
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found');
  } catch (e) {
    console.error(e);
    problem(res, 500, 'Error del harness.');
  }
});

server.listen(port, '127.0.0.1', () => console.log(`harness on http://127.0.0.1:${port}/ (Ctrl+C to stop)`));
