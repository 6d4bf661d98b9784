// The boundary rule (docs/architecture.md, "Features"), checked on every relative import of production code:
//   - a file under worker/features/<A>/ reaches another feature <B> only through worker/features/<B>/index.ts;
//   - a file under web/app/ reaches worker code only through a feature's index.ts, its browser.ts (the plain
//     modules the browser bundle may load), a feature's *.schema.ts,
//     worker/lib/, worker/http/guards.ts, or (as types only) the load-context contract: worker/context.ts and
//     worker/services.ts.
// Tests (*.test.ts[x]) and test support (worker/testing/, *testing*.ts inside features) are exempt.
// Prints file:line → target and the rule's reason for each violation; exits 1 if there is any.
//
//   node scripts/check-boundaries.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FEATURES = 'worker/features/';
const SOURCE = /\.(ts|tsx)$/;

type Import = { specifier: string; line: number; typeOnly: boolean };
type Violation = { file: string; line: number; target: string; reason: string };

/** Repo-relative path with forward slashes. */
const rel = (abs: string) => relative(root, abs).split(sep).join('/');

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

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

/** Static imports and re-exports (`import type` and `export type` marked), and dynamic `import('…')`. */
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
const isFeatureBrowserSurface = (path: string) => /^worker\/features\/[^/]+\/browser\.ts$/.test(path);
const isSchema = (path: string) => path.startsWith(FEATURES) && path.endsWith('.schema.ts');

/** The reason an import breaks the rule, or undefined when it is allowed. */
export function breach(file: string, target: string, typeOnly: boolean): string | undefined {
  const from = featureOf(file);
  const to = featureOf(target);
  if (from !== undefined) {
    if (to === undefined || to === from || isFeatureIndex(target)) return undefined;
    return `feature "${from}" reaches into feature "${to}": import it through worker/features/${to}/index.ts`;
  }
  if (file.startsWith('web/app/') && target.startsWith('worker/')) {
    if (isFeatureIndex(target) || isFeatureBrowserSurface(target) || isSchema(target)) return undefined;
    if (target.startsWith('worker/lib/') || target === 'worker/http/guards.ts') return undefined;
    if (typeOnly && (target === 'worker/context.ts' || target === 'worker/services.ts')) return undefined;
    if (to !== undefined)
      return `the web app reaches into feature "${to}": import it through worker/features/${to}/index.ts (browser.ts in code the browser loads; or its *.schema.ts)`;
    return 'the web app imports worker internals: only features (index.ts, browser.ts, *.schema.ts), worker/lib, worker/http/guards.ts and, as types, worker/context.ts and worker/services.ts';
  }
  return undefined;
}

export function check(): Violation[] {
  const files = [...walk(join(root, 'worker/features')), ...walk(join(root, 'web/app'))];
  const violations: Violation[] = [];
  for (const abs of files) {
    const file = rel(abs);
    if (isExempt(file)) continue;
    for (const imp of importsOf(file, readFileSync(abs, 'utf8'))) {
      const target = resolveImport(abs, imp.specifier);
      if (target === undefined) continue;
      const reason = breach(file, target, imp.typeOnly);
      if (reason) violations.push({ file, line: imp.line, target, reason });
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = check();
  for (const v of violations) console.log(`${v.file}:${v.line} → ${v.target}\n  ${v.reason}`);
  if (violations.length > 0) {
    console.error(`check-boundaries: ${violations.length} import(s) cross a feature boundary (docs/architecture.md, "Features").`);
    process.exit(1);
  }
  console.log('check-boundaries: every cross-feature import goes through an index.ts.');
}
