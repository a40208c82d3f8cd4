// Builds the VupeCases browser bundles into server/Vupe.Server/wwwroot/lib/vupe.
// Usage: node build.mjs   (or ./build.sh to run `npm ci` first)
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
// VUPE_UI_OUTDIR builds elsewhere (scripts/check-ui-bundles.sh compares that with the committed bundles).
const outdir = resolve(here, process.env.VUPE_UI_OUTDIR || '../server/Vupe.Server/wwwroot/lib/vupe');
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));

// entry source -> output base name
const entries = {
  'vupe-diagram': 'src/case-diagram.js',
  'vupe-task-form': 'src/task-form.js',
  'vupe-upload': 'src/document-upload.js',
  'vupe-live': 'src/inbox-refresh.js',
  'vupe-charts': 'src/charts.js',
  'vupe-modeler': 'src/process-modeler.js',
  'vupe-diff': 'src/process-diff.js',
  'vupe-dmn': 'src/decision-editor.js'
};
const cssEntries = {
  'vupe': 'src/vupe.css',
  'vupe-diagram': 'src/case-diagram.css',
  'vupe-task-form': 'src/task-form.css',
  'vupe-modeler': 'src/process-modeler.css',
  'vupe-diff': 'src/process-diff.css',
  'vupe-dmn': 'src/decision-editor.css',
  'vupe-form-editor': 'src/form-editor.css'
};

const banner = `/*! VupeCases ${pkg.version} — third-party licences: THIRD-PARTY-NOTICES.txt */`;

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  legalComments: 'none',
  banner: { js: banner, css: banner },
  outdir,
  metafile: true,
  logLevel: 'warning',
  charset: 'utf8'
};

const js = await esbuild.build({
  ...common,
  entryPoints: Object.entries(entries).map(([out, in_]) => ({ in: in_, out })),
  format: 'iife',
  target: 'es2020',
  treeShaking: true,
  define: { 'process.env.NODE_ENV': '"production"' }
});
// The form editor is a build of its own: @bpmn-io/form-js-editor 1.23 needs preact <= 10.15.1 while the rest of
// node_modules (form-js-viewer, properties-panel) has 10.29, and two preacts — or the editor on 10.29 — render a blank
// editor. Every preact import of this bundle (preact, preact/hooks, preact/compat, preact/jsx-runtime…: esbuild's
// alias also maps subpaths) goes to the editor's own copy, so the editor, the viewer it embeds and the preview share one.
const formEditorJs = await esbuild.build({
  ...common,
  entryPoints: [{ in: 'src/form-editor.js', out: 'vupe-form-editor' }],
  format: 'iife',
  target: 'es2020',
  treeShaking: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { preact: './node_modules/@bpmn-io/form-js-editor/node_modules/preact' }
});
const css = await esbuild.build({
  ...common,
  entryPoints: Object.entries(cssEntries).map(([out, in_]) => ({ in: in_, out })),
  target: ['chrome90', 'firefox90', 'safari14'],
  loader: { '.svg': 'dataurl', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file' }
});

// ---- third-party notices: every npm package with code in a bundle ----
const packages = new Map();
for (const meta of [js.metafile, formEditorJs.metafile, css.metafile]) {
  for (const input of Object.keys(meta.inputs)) {
    const m = /^(.*node_modules\/(@[^/]+\/[^/]+|[^/]+))\//.exec(input);
    if (!m) continue;
    const root = join(here, m[1]);
    if (packages.has(root)) continue;
    const pj = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    packages.set(root, pj);
  }
}
const licenceFile = (root) => readdirSync(root).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
const sections = [...packages.entries()]
  .sort((a, b) => a[1].name.localeCompare(b[1].name))
  .map(([root, pj]) => {
    const file = licenceFile(root);
    const text = file ? readFileSync(join(root, file), 'utf8').trim()
      : `(no licence file shipped in the package; package.json declares: ${pj.license || 'unknown'})`;
    const repo = typeof pj.repository === 'string' ? pj.repository : pj.repository?.url;
    return [`${pj.name} ${pj.version}`, `Licence: ${pj.license || 'see below'}`, repo ? `Source: ${repo}` : null,
      '', text].filter((l) => l !== null).join('\n');
  });
const header = `THIRD-PARTY SOFTWARE NOTICES — VupeCases browser bundles (lib/vupe)

The minified files in this folder were built by designer/build.mjs (esbuild
${esbuild.version}) from the npm packages listed below. Their licence texts
follow, exactly as shipped in each package.

IMPORTANT: bpmn-js, dmn-js, @bpmn-io/form-js-viewer and @bpmn-io/form-js-editor
are distributed under the bpmn.io licence (diagram-js is MIT), which requires
that the bpmn.io watermark ("powered by bpmn.io" logo/link) rendered by these
libraries stays fully visible and unaltered. The vupe-*.css files do not hide
or cover it; do not add styles that do.

Packages (${packages.size}):
${[...packages.values()].map((p) => `${p.name}@${p.version}`).sort().join(', ').replace(/(.{1,76})(, |$)/g, '  $1,\n').replace(/,\n$/, '\n')}`;
writeFileSync(join(outdir, 'THIRD-PARTY-NOTICES.txt'),
  header + '\n' + sections.map((s) => '='.repeat(78) + '\n' + s + '\n').join('\n'));

// ---- report ----
const rows = readdirSync(outdir).sort().map((f) => {
  const buf = readFileSync(join(outdir, f));
  return [f, buf.length, gzipSync(buf, { level: 9 }).length];
});
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`built into ${relative(process.cwd(), outdir) || outdir}:`);
for (const [f, size, gz] of rows) {
  console.log(`  ${f.padEnd(width)}  ${String(size).padStart(8)} B  (gzip ${String(gz).padStart(7)} B)`);
}
