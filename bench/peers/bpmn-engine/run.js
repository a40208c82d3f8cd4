// Runs VupeCases' benchmark processes (bench/processes/*.bpmn, the very files our engine runs) on
// bpmn-engine 25.0.1 in node and prints one line per measurement, like bench/Vupe.Bench does:
//   bpmn_engine.reference instances_per_s=... / bpmn_engine.straight-100 ms_per_instance=...
// Usage: node run.js [--quick]      (bench/engine.sh runs it; see docs/benchmarks.md)
//
// What is adapted, and nothing else:
// * FEEL. bpmn-engine cannot read FEEL, so the file is loaded as is and ONLY the bodies of its
//   <conditionExpression> elements are rewritten into bpmn-engine's expression syntax, e.g. the FEEL
//   `amount > 100` becomes `${environment.variables.amount > 100}` (see feelToBpmnEngine below).
//   bpmn-engine's stock expression resolver only resolves paths and function calls, so such a
//   comparison would always be falsy; `comparisonExpressions` plugs a small resolver into the
//   engine's documented `expressions` option that evaluates `${<path> <op> <literal>}` and hands
//   everything else to the stock resolver.
// * Service tasks. Ours name a handler with vupe:type="bench.work"; here an engine extension (the
//   documented `extensions` option) gives every bpmn:ServiceTask a service that, like our handler,
//   does nothing and completes at once.
// * The user task is completed programmatically: the listener's `wait` event signals it.
// * The XML is parsed and serialized once per process (moddle-context-serializer's context, passed as
//   `sourceContext`), as our engine parses once at deploy: each instance is then a new Engine over
//   that context. A second line for the reference process parses the XML for every instance
//   (`source`), as bpmn-engine's README examples do, for information.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import BpmnModdle from 'bpmn-moddle';
import serializer, { TypeResolver } from 'moddle-context-serializer';

const here = dirname(fileURLToPath(import.meta.url));
const processesDir = join(here, '..', '..', 'processes');
const quick = process.argv.includes('--quick');

// Iterations (upper bound) and seconds (time box) per measurement, as in the .NET harness.
const size = quick
  ? { warmup: 200, runs: 1000, seconds: 2, straightWarmup: 10, straightRuns: 100, repeats: 1 }
  : { warmup: 2000, runs: 10000, seconds: 5, straightWarmup: 50, straightRuns: 1000, repeats: 3 };

// ---------------------------------------------------------------------------------------------
// FEEL condition bodies -> bpmn-engine expressions

const CONDITION = /(<(?:[\w-]+:)?conditionExpression\b[^>]*>)([\s\S]*?)(<\/(?:[\w-]+:)?conditionExpression>)/g;
const FEEL_COMPARISON = /^([A-Za-z_][\w]*)\s*(<=|>=|!=|=|<|>)\s*(-?\d+(?:\.\d+)?|"[^"]*"|true|false|null)$/;

const unescapeXml = (s) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Translates one FEEL comparison `name op literal` (all the bench processes use); anything else is refused. */
export function feelToBpmnEngine(xmlBody) {
  const feel = unescapeXml(xmlBody).trim();
  const m = FEEL_COMPARISON.exec(feel);
  if (!m) throw new Error(`run.js cannot translate the FEEL condition "${feel}" for bpmn-engine`);
  const op = m[2] === '=' ? '==' : m[2];
  return escapeXml(`\${environment.variables.${m[1]} ${op} ${m[3]}}`);
}

/** The BPMN file with only its condition bodies rewritten. */
export function loadForBpmnEngine(file) {
  const xml = readFileSync(join(processesDir, file), 'utf8');
  let rewritten = 0;
  const out = xml.replace(CONDITION, (_, open, body, close) => {
    rewritten++;
    return open + feelToBpmnEngine(body) + close;
  });
  return { xml: out, rewritten };
}

/** bpmn-engine's stock expressions plus `${path op literal}` comparisons (literal as JSON). */
export function comparisonExpressions() {
  const base = new Elements.Environment().expressions;
  const COMPARISON = /^\$\{\s*([\w.[\]]+)\s*(==|!=|>=|<=|>|<)\s*(.+?)\s*\}$/;
  const parsed = new Map();
  const parse = (text) => {
    let p = parsed.get(text);
    if (p === undefined) {
      const m = typeof text === 'string' ? COMPARISON.exec(text) : null;
      p = m ? { path: `\${${m[1]}}`, op: m[2], right: JSON.parse(m[3]) } : null;
      parsed.set(text, p);
    }
    return p;
  };
  return {
    isExpression: base.isExpression,
    hasExpression: base.hasExpression,
    resolveExpression(text, context, fnContext) {
      const p = parse(text);
      if (!p) return base.resolveExpression(text, context, fnContext);
      const left = base.resolveExpression(p.path, context, fnContext);
      switch (p.op) {
        case '==': return left === p.right;
        case '!=': return left !== p.right;
        case '>': return left > p.right;
        case '>=': return left >= p.right;
        case '<': return left < p.right;
        default: return left <= p.right;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Running instances

/** Service calls per element id, to check that the model ran as intended. */
const calls = new Map();

/** The service every bpmn:ServiceTask gets: does nothing, completes at once (like our "bench.work" handler). */
function BenchWorkService(activity) {
  this.activity = activity;
}
BenchWorkService.prototype.execute = function execute(_executeMessage, callback) {
  const id = this.activity.id;
  calls.set(id, (calls.get(id) || 0) + 1);
  callback(null);
};

const extensions = {
  benchWork(activity) {
    if (activity.type === 'bpmn:ServiceTask') activity.behaviour.Service = BenchWorkService;
  },
};
const expressions = comparisonExpressions();

/** A logger that drops everything (the documented `Logger` option), as our engine runs with a null logger; bpmn-engine's default `debug` logger costs time even when disabled. */
const noop = () => {};
const SilentLogger = () => ({ debug: noop, error: noop, warn: noop });

/** Completes every user task as soon as it waits. */
const listener = new EventEmitter();
listener.on('wait', (api) => {
  if (api.type === 'bpmn:UserTask') api.signal();
});

async function serializedContext(xml) {
  const moddleContext = await new BpmnModdle().fromXML(xml);
  if (moddleContext.warnings?.length) throw new Error(`bpmn-moddle warnings: ${moddleContext.warnings.map((w) => w.message).join('; ')}`);
  return serializer(moddleContext, TypeResolver(Elements));
}

/** One instance on a new Engine: start with the variables, wait for its end. */
async function runInstance(source, variables) {
  const engine = new Engine({ name: 'bench', ...source, extensions, expressions, Logger: SilentLogger });
  const ended = engine.waitFor('end');
  await engine.execute({ listener, variables });
  await ended;
  if (engine.state !== 'idle') throw new Error(`instance ended in state ${engine.state}`);
}

const amountFor = (i) => (i % 2 === 0 ? 150 : 50); // both branches, alternately, as the .NET harness does

async function verifyReference(source) {
  for (const [amount, taken, skipped] of [[150, 'checkHigh', 'checkLow'], [50, 'checkLow', 'checkHigh']]) {
    calls.clear();
    await runInstance(source, { amount });
    for (const id of [taken, 'branchA', 'branchB']) {
      if (calls.get(id) !== 1) throw new Error(`reference with amount ${amount}: service ${id} ran ${calls.get(id) || 0} times, not once`);
    }
    if (calls.has(skipped)) throw new Error(`reference with amount ${amount}: ran ${skipped}, the branch it should skip`);
  }
}

/** Runs body(i) up to `max` times or until `seconds` have passed; returns {count, ms}. */
async function timed(max, seconds, body) {
  if (global.gc) global.gc();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let i = 0;
  while (i < max && process.hrtime.bigint() < deadline) await body(i++);
  return { count: i, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const best = (timings) => timings.reduce((a, b) => (b.count / b.ms > a.count / a.ms ? b : a));
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4));

async function main() {
  console.log(`# bpmn-engine ${bpmnEngineVersion()} node ${process.version} mode=${quick ? 'quick' : 'normal'}`);

  // Reference process.
  const reference = loadForBpmnEngine('reference.bpmn');
  if (reference.rewritten !== 1) throw new Error(`expected 1 FEEL condition in reference.bpmn, rewrote ${reference.rewritten}`);
  const referenceContext = { sourceContext: await serializedContext(reference.xml) };
  await verifyReference(referenceContext);
  await verifyReference({ source: reference.xml });
  await timed(size.warmup, size.seconds, (i) => runInstance(referenceContext, { amount: amountFor(i) }));
  const runs = [];
  for (let r = 0; r < size.repeats; r++) runs.push(await timed(size.runs, size.seconds, (i) => runInstance(referenceContext, { amount: amountFor(i) })));
  let b = best(runs);
  console.log(
    `bpmn_engine.reference instances_per_s=${fmt((b.count * 1000) / b.ms)} us_per_instance=${fmt((b.ms * 1000) / b.count)} n=${b.count} repeats=${size.repeats}` +
      ` all_runs_per_s=${runs.map((t) => ((t.count * 1000) / t.ms).toFixed(0)).join('/')} source=parsed_once`
  );

  // The same, parsing the XML for every instance.
  const referenceSource = { source: reference.xml };
  await timed(Math.ceil(size.warmup / 4), size.seconds / 2, (i) => runInstance(referenceSource, { amount: amountFor(i) }));
  b = await timed(Math.ceil(size.runs / 4), size.seconds, (i) => runInstance(referenceSource, { amount: amountFor(i) }));
  console.log(`bpmn_engine.reference.parse_each instances_per_s=${fmt((b.count * 1000) / b.ms)} n=${b.count} source=xml_per_instance`);

  // 100 service tasks in sequence.
  const straight = loadForBpmnEngine('straight-100.bpmn');
  const straightContext = { sourceContext: await serializedContext(straight.xml) };
  calls.clear();
  await runInstance(straightContext, {});
  if (calls.size !== 100 || [...calls.values()].some((c) => c !== 1)) throw new Error(`straight-100 ran ${calls.size} distinct service tasks, not 100 once each`);
  await timed(size.straightWarmup, size.seconds, () => runInstance(straightContext, {}));
  const straightRuns = [];
  for (let r = 0; r < size.repeats; r++) straightRuns.push(await timed(size.straightRuns, size.seconds, () => runInstance(straightContext, {})));
  b = best(straightRuns);
  console.log(
    `bpmn_engine.straight-100 ms_per_instance=${fmt(b.ms / b.count)} instances_per_s=${fmt((b.count * 1000) / b.ms)} n=${b.count} repeats=${size.repeats}`
  );
}

function bpmnEngineVersion() {
  return JSON.parse(readFileSync(join(here, 'node_modules', 'bpmn-engine', 'package.json'), 'utf8')).version;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
