// The boundary rules (docs/architecture.md, "Features"), checked on every relative import of production code:
//   - a file under worker/features/<A>/ reaches another feature <B> only through worker/features/<B>/index.ts;
//   - a file under web/app/ reaches worker code only through a feature's index.ts, its browser.ts (the plain
//     modules the browser bundle may load), a feature's *.schema.ts,
//     worker/lib/, worker/http/guards.ts, or (as types only) the load-context contract, worker/context.ts;
//   - worker/db/ imports nothing from worker/features/, and worker/context.ts nothing from features or the wiring;
//   - a feature's mount.ts (its routers, queue consumers and cron jobs) is imported only by what mounts them:
//     worker/app.ts, worker/jobs/, worker/wiring/; a feature's index.ts loads no routes, neither directly nor
//     through the feature's own modules (ADR 026);
//   - the graph of worker/'s production files, type imports included, has no import cycle at all: each
//     strongly connected component of more than one file is reported, as the shortest chain of imports
//     through one of its files (through the composition root first, where one is in it).
// Tests (*.test.ts[x]) and test support (worker/testing/, *testing*.ts inside features) are exempt.
// Prints file:line → target and the rule's reason for each violation; exits 1 if there is any.
//
//   node scripts/check-boundaries.ts
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { filesUnder, isSource } from './lib/files.ts';
import { type Edge, shortestCycle, stronglyConnected } from './lib/import-cycles.ts';

export { shortestCycle, stronglyConnected } from './lib/import-cycles.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FEATURES = 'worker/features/';
const WIRING = 'worker/wiring/';
const CONTEXT = 'worker/context.ts';

type Import = { specifier: string; line: number; typeOnly: boolean };
type Violation = { file: string; line: number; target: string; reason: string };

/** Repo-relative path with forward slashes. */
const rel = (abs: string) => relative(root, abs).split(sep).join('/');

const walk = (dir: string) => filesUnder(dir, isSource);

/** Tests and test support are exempt: they may reach into any feature. */
export function isExempt(file: string): boolean {
  if (/\.test\.tsx?$/.test(file) || file.startsWith('worker/testing/')) return true;
  return file.startsWith(FEATURES) && /(^|[/.-])testing[/.-]/.test(file);
}

/** `import type { A }` or `import { type A, type B }`: nothing of the target runs. */
function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    !clause.name &&
    named !== undefined &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((e) => e.isTypeOnly)
  );
}

/** Static imports and re-exports (`import type` and `export type` marked), dynamic `import('…')` and import types. */
export function importsOf(fileName: string, text: string): Import[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    false,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: Import[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node) ? isTypeOnlyImport(node) : node.isTypeOnly;
      out.push({ specifier: node.moduleSpecifier.text, line: lineOf(node), typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) out.push({ specifier: arg.text, line: lineOf(node), typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      // `import('./x').T` in a type position: a type import like any other.
      out.push({ specifier: node.argument.literal.text, line: lineOf(node), typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The file a relative (or `~/`) specifier names, as the bundler resolves it; undefined for packages. */
function resolveImport(fromAbs: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = resolve(dirname(fromAbs), specifier);
  else if (specifier.startsWith('~/')) base = join(root, 'web/app', specifier.slice(2));
  else return undefined;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return found ? rel(found) : rel(base);
}

const featureOf = (path: string) => (path.startsWith(FEATURES) ? path.slice(FEATURES.length).split('/')[0] : undefined);
const isFeatureIndex = (path: string) => /^worker\/features\/[^/]+\/index\.tsx?$/.test(path);
export const isFeatureMount = (path: string) => /^worker\/features\/[^/]+\/mount\.ts$/.test(path);
/** Who may import a feature's mount.ts: the app, the dispatchers and the wiring. */
const mayMount = (path: string) => path === 'worker/app.ts' || path.startsWith('worker/jobs/') || path.startsWith(WIRING);
const isRoutes = (path: string) => /\.routes\.tsx?$/.test(path) || isFeatureMount(path);
const isFeatureBrowserSurface = (path: string) => /^worker\/features\/[^/]+\/browser\.ts$/.test(path);
const isSchema = (path: string) => path.startsWith(FEATURES) && path.endsWith('.schema.ts');

/** The reason an import breaks the rule, or undefined when it is allowed. */
export function breach(file: string, target: string, typeOnly: boolean): string | undefined {
  const from = featureOf(file);
  const to = featureOf(target);
  if (isFeatureMount(target) && !mayMount(file))
    return `${file} imports feature "${to}"'s mount.ts: only worker/app.ts, worker/jobs/ and worker/wiring/ mount routers, consumers and jobs; use its index.ts`;
  if (file.startsWith('worker/db/') && to !== undefined)
    return `the database layer imports feature "${to}": what the schema needs (column types) lives in worker/db/schema/`;
  if (file === CONTEXT && (to !== undefined || target.startsWith(WIRING)))
    return 'worker/context.ts imports a feature or the wiring: it declares what a request carries and imports neither (ADR 026)';
  if (from !== undefined) {
    if (to === undefined || to === from || isFeatureIndex(target)) return undefined;
    return `feature "${from}" reaches into feature "${to}": import it through worker/features/${to}/index.ts`;
  }
  if (file.startsWith('web/app/') && target.startsWith('worker/')) {
    if (isFeatureIndex(target) || isFeatureBrowserSurface(target) || isSchema(target)) return undefined;
    if (target.startsWith('worker/lib/') || target === 'worker/http/guards.ts') return undefined;
    if (typeOnly && target === CONTEXT) return undefined;
    if (to !== undefined)
      return `the web app reaches into feature "${to}": import it through worker/features/${to}/index.ts (browser.ts in code the browser loads; or its *.schema.ts)`;
    return 'the web app imports worker internals: only features (index.ts, browser.ts, *.schema.ts), worker/lib, worker/http/guards.ts and, as types, worker/context.ts';
  }
  return undefined;
}

function edgesOf(abs: string): Edge[] {
  const out: Edge[] = [];
  for (const imp of importsOf(abs, readFileSync(abs, 'utf8'))) {
    const target = resolveImport(abs, imp.specifier);
    if (target !== undefined) out.push({ target, line: imp.line, typeOnly: imp.typeOnly });
  }
  return out;
}

export const isCompositionRoot = (path: string) => path.startsWith(WIRING) || path === CONTEXT;

/** The import graph of worker/'s production files (type imports included): file → the files it imports. */
export function importGraph(): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  for (const abs of walk(join(root, 'worker'))) {
    const file = rel(abs);
    if (!isExempt(file)) graph.set(file, edgesOf(abs));
  }
  for (const [file, edges] of graph)
    graph.set(
      file,
      edges.filter((e) => graph.has(e.target)),
    );
  return graph;
}

const chain = (steps: { file: string; line: number }[]) => [...steps.map((s) => `${s.file}:${s.line}`), steps[0]?.file].join(' → ');

/** One violation per import cycle component: its shortest chain, started at a composition-root file if one is in it. */
export function cycles(graph: Map<string, Edge[]>): Violation[] {
  const violations: Violation[] = [];
  for (const component of stronglyConnected(graph)) {
    const members = new Set(component);
    const start = component.find(isCompositionRoot) ?? component[0]!;
    const steps = shortestCycle(graph, members, start);
    const where = component.some(isCompositionRoot) ? ' through the composition root' : '';
    violations.push({
      file: start,
      line: steps[0]?.line ?? 0,
      target: steps[1]?.file ?? start,
      reason: `an import cycle${where} (${component.length} files in it): ${chain(steps)}`,
    });
  }
  return violations;
}

/** Each feature index.ts that loads a routes or mount module through the feature's own files, with the chain. */
export function indexesLoadingRoutes(graph: Map<string, Edge[]>): Violation[] {
  const violations: Violation[] = [];
  for (const index of [...graph.keys()].filter(isFeatureIndex).sort()) {
    const feature = featureOf(index);
    const via = new Map<string, { from: string; line: number }>([[index, { from: '', line: 0 }]]);
    const queue = [index];
    let hit: string | undefined;
    for (let i = 0; i < queue.length && !hit; i++) {
      for (const { target, line } of graph.get(queue[i]!) ?? []) {
        if (featureOf(target) !== feature || via.has(target)) continue;
        via.set(target, { from: queue[i]!, line });
        if (isRoutes(target)) {
          hit = target;
          break;
        }
        queue.push(target);
      }
    }
    if (!hit) continue;
    const steps: { file: string; line: number }[] = [];
    for (let at = hit; at !== index; at = via.get(at)!.from) steps.unshift({ file: via.get(at)!.from, line: via.get(at)!.line });
    violations.push({
      file: index,
      line: steps[0]!.line,
      target: hit,
      reason: `a feature's index.ts loads routes (${[...steps.map((s) => `${s.file}:${s.line}`), hit].join(' → ')}): export routers, consumers and jobs from mount.ts`,
    });
  }
  return violations;
}

export function check(): Violation[] {
  const files = [
    ...walk(join(root, 'worker/features')),
    ...walk(join(root, 'worker/db')),
    join(root, CONTEXT),
    ...walk(join(root, 'web/app')),
  ];
  const violations: Violation[] = [];
  for (const abs of files) {
    const file = rel(abs);
    if (isExempt(file)) continue;
    for (const edge of edgesOf(abs)) {
      const reason = breach(file, edge.target, edge.typeOnly);
      if (reason) violations.push({ file, line: edge.line, target: edge.target, reason });
    }
  }
  const graph = importGraph();
  violations.push(...cycles(graph), ...indexesLoadingRoutes(graph));
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = check();
  for (const v of violations) console.log(`${v.file}:${v.line} → ${v.target}\n  ${v.reason}`);
  if (violations.length > 0) {
    console.error(`check-boundaries: ${violations.length} import(s) break a boundary rule (docs/architecture.md, "Features").`);
    process.exit(1);
  }
  console.log(
    'check-boundaries: every cross-feature import goes through an index.ts, no index.ts loads routes, mount.ts is mounted only by the app, jobs and wiring, and no production file is in an import cycle.',
  );
}
