// Production code takes no parameter that only tests use. For every named function or method in production
// code (worker/, web/app/), each optional parameter — and each optional property of an options parameter — must
// be passed by some call outside the tests if any test passes it. A scope that exists only so a test can narrow
// a cron tick or a queue drain is the usual offender: the tests' database is their own (ADR 025), so a test
// runs the tick as production does.
// Call sites are matched by name (`name(…)`, or `.name(…)` for methods), anywhere in the repository. What a call
// does not show (a variable for the options, a spread) counts as passing for a production call and as not
// passing for a test's, so an unclear call never makes a finding; a function no production code calls is
// skipped. Prints `file:line name` for each finding and exits 1 if there is any. A parameter kept on purpose is excused, with its reason, in
// check-test-only-params.allowlist.json (an entry that excuses nothing fails too). A self-test on planted
// samples runs first.
//
//   node scripts/check-test-only-params.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { filesUnder, isSource } from './lib/files.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = ['worker', 'web/app', 'scripts', 'bench', 'e2e'];

export type Finding = { file: string; line: number; name: string };
/** `method`: a method or a function-valued property, called as `x.name(…)`; `function`: also as `name(…)`. */
type Param = { file: string; line: number; fn: string; kind: 'method' | 'function'; index: number; property?: string };
type Call = { file: string; viaProperty: boolean; args: readonly ts.Expression[] };

/** Tests and what only they load: test files, browser specs, and test support. */
export function isTestCode(file: string): boolean {
  if (/\.(test|spec|fake|fixtures)\.tsx?$/.test(file) || /(^|[/.-])testing[/.-]/.test(file)) return true;
  return file.startsWith('worker/testing/') || file.startsWith('e2e/');
}

/** Code whose parameters are checked; scripts and benchmarks only count as callers. */
const isProduction = (file: string) => (file.startsWith('worker/') || file.startsWith('web/app/')) && !isTestCode(file);

const parse = (file: string, text: string) =>
  ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

function nameOf(node: ts.Node): { fn: string; kind: Param['kind'] } | undefined {
  if (ts.isFunctionDeclaration(node) && node.name) return { fn: node.name.text, kind: 'function' };
  if (ts.isMethodDeclaration(node) && ts.isIdentifier(node.name)) return { fn: node.name.text, kind: 'method' };
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parent) {
    const p = node.parent;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return { fn: p.name.text, kind: 'function' };
    if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return { fn: p.name.text, kind: 'method' };
  }
  return undefined;
}

/** The optional members of an options type: a literal `{ a?: … }`, or a type or interface of that file by name. */
function optionalMembers(type: ts.TypeNode | undefined, locals: Map<string, readonly ts.TypeElement[]>): string[] {
  let members: readonly ts.TypeElement[] | undefined;
  if (type && ts.isTypeLiteralNode(type)) members = type.members;
  else if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) members = locals.get(type.typeName.text);
  return (members ?? []).flatMap((m) => (ts.isPropertySignature(m) && m.questionToken && ts.isIdentifier(m.name) ? [m.name.text] : []));
}

function collectParams(file: string, source: ts.SourceFile): Param[] {
  const locals = new Map<string, readonly ts.TypeElement[]>();
  for (const s of source.statements) {
    if (ts.isInterfaceDeclaration(s)) locals.set(s.name.text, s.members);
    else if (ts.isTypeAliasDeclaration(s) && ts.isTypeLiteralNode(s.type)) locals.set(s.name.text, s.type.members);
  }
  const out: Param[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const named = nameOf(node);
      if (named) {
        const { fn, kind } = named;
        node.parameters.forEach((p, index) => {
          const line = source.getLineAndCharacterOfPosition(p.getStart(source)).line + 1;
          if (p.dotDotDotToken || !ts.isIdentifier(p.name)) return;
          const optional = Boolean(p.questionToken || p.initializer);
          const props = optionalMembers(p.type, locals);
          if (props.length) for (const property of props) out.push({ file, line, fn, kind, index, property });
          else if (optional) out.push({ file, line, fn, kind, index });
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function collectCalls(file: string, source: ts.SourceFile, into: Map<string, Call[]>): void {
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name) {
        const list = into.get(name) ?? [];
        list.push({ file, viaProperty: !ts.isIdentifier(callee), args: node.arguments ?? [] });
        into.set(name, list);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/**
 * Whether this call passes the parameter (or the options property). What cannot be told from the call (a
 * spread, a variable for the options) is `unknown`: it counts as passing for a production call and as not
 * passing for a test's, so an unclear call never makes a finding.
 */
function passes(call: Call, param: Param, unknown: boolean): boolean {
  const spreadAt = call.args.findIndex((a) => ts.isSpreadElement(a));
  if (spreadAt !== -1 && spreadAt <= param.index) return unknown;
  const arg = call.args[param.index];
  if (!arg || (ts.isIdentifier(arg) && arg.text === 'undefined')) return false;
  if (param.property === undefined) return true;
  if (!ts.isObjectLiteralExpression(arg)) return unknown;
  const named = arg.properties.some(
    (p) =>
      (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p)) &&
      ts.isIdentifier(p.name) &&
      p.name.text === param.property,
  );
  return named || (unknown && arg.properties.some((p) => ts.isSpreadAssignment(p)));
}

/** The findings for a set of files (repository-relative path → text). */
export function findTestOnlyParams(files: Map<string, string>): Finding[] {
  const params: Param[] = [];
  const calls = new Map<string, Call[]>();
  for (const [file, text] of files) {
    const source = parse(file, text);
    if (isProduction(file)) params.push(...collectParams(file, source));
    collectCalls(file, source, calls);
  }
  const findings: Finding[] = [];
  for (const param of params) {
    const all = (calls.get(param.fn) ?? []).filter((c) => param.kind === 'function' || c.viaProperty);
    // A function that only tests call is not on a production path; what its parameters are for is moot here.
    if (all.every((c) => isTestCode(c.file))) continue;
    const byTests = all.some((c) => isTestCode(c.file) && passes(c, param, false));
    const byProduction = all.some((c) => !isTestCode(c.file) && passes(c, param, true));
    if (byTests && !byProduction) {
      const name = `${param.fn}(#${param.index + 1}${param.property ? ` .${param.property}` : ''})`;
      findings.push({ file: param.file, line: param.line, name });
    }
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const walk = (dir: string) => filesUnder(dir, isSource);

/** Planted samples: each kind of finding is caught, and what production passes (or cannot be told) is not. */
function selfTest(): void {
  const planted = new Map<string, string>([
    [
      'worker/features/x/x.repo.ts',
      [
        'export function createXRepo(db: Db) {',
        '  return {',
        '    async takeDue(now: Date, limit: number, userIds?: string[]) { return []; },',
        '    async trim(now: Date, keepDays = 90) { return 0; },',
        '    async sweep(now: Date, opts: { limit?: number; onlyUsers?: string[] } = {}) { return 0; },',
        '    async tick(now: Date, scope: Scope = {}) { return 0; },',
        '    async plain(now: Date, extra?: string) { return 0; },',
        '  };',
        '}',
        'interface Scope { orgIds?: string[] }',
      ].join('\n'),
    ],
    [
      'worker/features/x/x.jobs.ts',
      [
        'export const job = async (s: S, now: Date) => {',
        '  await s.x.takeDue(now, 10);',
        '  await s.x.trim(now, 30);',
        '  await s.x.sweep(now, { limit: 5 });',
        '  await s.x.tick(now);',
        '  await s.x.plain(now, undefined);',
        '};',
      ].join('\n'),
    ],
    [
      'worker/features/x/x.test.ts',
      [
        "it('', async () => {",
        '  await repo.takeDue(now, 10, [id]);',
        '  await repo.trim(now, 1);',
        '  await repo.sweep(now, { limit: 1, onlyUsers: [id] });',
        '  await repo.tick(now, { orgIds: [id] });',
        "  await repo.plain(now, 'x');",
        '});',
      ].join('\n'),
    ],
    ['bench/x.entry.ts', 'await repo.plain(now, "bench");'],
  ]);
  const found = findTestOnlyParams(planted).map((f) => `${f.file}:${f.line} ${f.name}`);
  assert.deepEqual(found, [
    'worker/features/x/x.repo.ts:3 takeDue(#3)',
    'worker/features/x/x.repo.ts:5 sweep(#2 .onlyUsers)',
    'worker/features/x/x.repo.ts:6 tick(#2 .orgIds)',
  ]);
  // A production call through a variable may carry any property: not a finding.
  planted.set('worker/features/x/x.service.ts', 'export const f = (o: O) => repo.sweep(now, o);');
  assert.deepEqual(
    findTestOnlyParams(planted).map((f) => f.name),
    ['takeDue(#3)', 'tick(#2 .orgIds)'],
  );
}

type Excuse = { file: string; name: string; reason: string };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  selfTest();
  const files = new Map<string, string>();
  for (const dir of DIRS)
    for (const abs of walk(join(root, dir))) files.set(relative(root, abs).split(sep).join('/'), readFileSync(abs, 'utf8'));
  const excuses = JSON.parse(readFileSync(join(root, 'scripts/check-test-only-params.allowlist.json'), 'utf8')) as Excuse[];
  const excused = (f: Finding) => excuses.some((e) => e.file === f.file && e.name === f.name);
  const all = findTestOnlyParams(files);
  const findings = all.filter((f) => !excused(f));
  const stale = excuses.filter((e) => !all.some((f) => f.file === e.file && f.name === e.name));
  for (const f of findings) console.log(`${f.file}:${f.line} ${f.name}`);
  for (const e of stale) console.log(`check-test-only-params.allowlist.json: ${e.file} ${e.name} excuses nothing; remove it`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (findings.length > 0 || stale.length > 0) {
    console.error(
      `check-test-only-params: ${findings.length} parameter(s) of production code only tests pass, ${stale.length} stale excuse(s). Drop the parameter and let the test run what production runs (ADR 025).`,
    );
    process.exit(1);
  }
  console.log(
    `check-test-only-params: no production parameter is passed only by tests (${files.size} files, ${excuses.length} excused, ${seconds} s).`,
  );
}
