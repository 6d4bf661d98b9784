// Where the production code under worker/ runs long: functions and closures over 120 lines, and files over
// 250 lines, longest first. A report for choosing where to cut along a seam, not a gate: nothing fails on it
// (house style: "cut files where responsibilities part, not at a line count"). Tests and test support are left out.
// A function's lines include those of closures nested in it; "factory" marks one that returns an object literal
// holding functions (a repo or service built as one closure rather than a module of named functions).
//
//   node scripts/report-closures.ts [--functions N] [--files N]
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { filesUnder, isSource } from './lib/files.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FUNCTION_LINES = 120;
const FILE_LINES = 250;

const rel = (abs: string) => relative(root, abs).split(sep).join('/');

function isTestOrSupport(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || file.startsWith('worker/testing/') || /(^|[/.-])testing[/.-]/.test(file) || file.endsWith('.d.ts');
}

const walk = (dir: string) => filesUnder(dir, isSource).filter((path) => !isTestOrSupport(rel(path)));

type Fn = { file: string; line: number; name: string; lines: number; factory: boolean };

/** The name a function is known by: its own, the variable or property it is assigned to, or `<anonymous>`. */
function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (ts.isCallExpression(parent)) return `${parent.expression.getText().slice(0, 40)}(…)`;
  return '<anonymous>';
}

/** True when the function returns an object literal with at least one function in it. */
function isFactory(node: ts.FunctionLikeDeclaration): boolean {
  const body = node.body;
  if (!body) return false;
  // Functions declared in the body, so `return { create, remove }` counts and `return { sections, queues }` does not.
  const local = new Set<string>();
  const collect = (n: ts.Node) => {
    if (ts.isFunctionDeclaration(n) && n.name) local.add(n.name.text);
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.initializer &&
      (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
    )
      local.add(n.name.text);
    if (n === body || !ts.isFunctionLike(n)) ts.forEachChild(n, collect);
  };
  collect(body);
  const holdsFunctions = (obj: ts.ObjectLiteralExpression) =>
    obj.properties.some(
      (p) =>
        ts.isMethodDeclaration(p) ||
        (ts.isShorthandPropertyAssignment(p) && local.has(p.name.text)) ||
        (ts.isPropertyAssignment(p) && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer))),
    );
  const unwrap = (e: ts.Expression): ts.Expression =>
    ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e;
  if (!ts.isBlock(body)) {
    const e = unwrap(body);
    return ts.isObjectLiteralExpression(e) && holdsFunctions(e);
  }
  let found = false;
  const visit = (n: ts.Node) => {
    if (found || (n !== body && ts.isFunctionLike(n))) return;
    if (ts.isReturnStatement(n) && n.expression) {
      const e = unwrap(n.expression);
      if (ts.isObjectLiteralExpression(e) && holdsFunctions(e)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

const functions: Fn[] = [];
const files: { file: string; lines: number }[] = [];

for (const abs of walk(join(root, 'worker'))) {
  const file = rel(abs);
  const text = readFileSync(abs, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const total = source.getLineAndCharacterOfPosition(source.getEnd()).line + (text.endsWith('\n') ? 0 : 1);
  if (total > FILE_LINES) files.push({ file, lines: total });
  const visit = (node: ts.Node) => {
    if (
      (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) &&
      node.body
    ) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > FUNCTION_LINES) {
        functions.push({ file, line: start + 1, name: nameOf(node), lines, factory: isFactory(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

functions.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
files.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));

const limit = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : Number.POSITIVE_INFINITY;
};

console.log(`Functions and closures over ${FUNCTION_LINES} lines (production code under worker/):`);
for (const f of functions.slice(0, limit('--functions'))) {
  console.log(`  ${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}${f.factory ? '  [factory]' : ''}`);
}
console.log(`\nFiles over ${FILE_LINES} lines:`);
for (const f of files.slice(0, limit('--files'))) console.log(`  ${String(f.lines).padStart(4)}  ${f.file}`);

const factories = functions.filter((f) => f.factory).length;
const band = files.filter((f) => f.lines <= 300).length;
console.log(
  `\n${functions.length} functions over ${FUNCTION_LINES} lines (${factories} of them factories returning an object of functions); ` +
    `${files.length} files over ${FILE_LINES} lines (${band} of them at most 300).`,
);
