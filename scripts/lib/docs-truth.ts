// What check-docs.ts checks the docs against, read from the source files (TypeScript's parser, no import of
// app code): the schema's tables, cron.ts's jobs, the queues and Durable Objects of wrangler.toml and the
// worker, the ADR files; and the Markdown helpers the checks read the docs with.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const read = (path: string) => readFileSync(join(root, path), 'utf8');

export type Problem = { doc: string; where: string; message: string };

// ---- Markdown ------------------------------------------------------------------------------------------

/** The lines of the section that starts with `heading` (exactly) and ends at the next heading of its level or above. */
export function sectionLines(markdown: string, heading: string): string[] | undefined {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) return undefined;
  const level = heading.match(/^#+/)?.[0].length ?? 1;
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && (line.match(/^#+/)?.[0].length ?? 0) <= level);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** Backticked words of a line. */
export const codeSpans = (line: string) => [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

// ---- TypeScript sources --------------------------------------------------------------------------------

export const parse = (path: string) => ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/** The repo-relative file a relative specifier names (`./x` → x.ts or x/index.ts). */
function resolveModule(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = join(dirname(from), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(join(root, p)) && statSync(join(root, p)).isFile());
}

/** The initializer of `export const name = …`, followed through re-exports (`export { name } from './x'`) and imports. */
function exportedInitializer(file: string, name: string, depth = 0): { file: string; node: ts.Expression } | undefined {
  if (depth > 8) return undefined;
  const source = parse(file);
  for (const stmt of source.statements) {
    if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === name && decl.initializer) return { file, node: decl.initializer };
      }
    } else if (ts.isExportDeclaration(stmt) && !stmt.isTypeOnly) {
      const target = stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
      if (!stmt.exportClause && target) {
        const next = resolveModule(file, target);
        const found = next && exportedInitializer(next, name, depth + 1);
        if (found) return found;
      } else if (stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
        const el = stmt.exportClause.elements.find((e) => e.name.text === name);
        if (!el) continue;
        const local = el.propertyName?.text ?? name;
        if (target) {
          const next = resolveModule(file, target);
          return next ? exportedInitializer(next, local, depth + 1) : undefined;
        }
        if (local !== name) return exportedInitializer(file, local, depth + 1);
      }
    } else if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const named = stmt.importClause?.namedBindings;
      if (!named || !ts.isNamedImports(named)) continue;
      const el = named.elements.find((e) => e.name.text === name);
      if (!el) continue;
      const next = resolveModule(file, stmt.moduleSpecifier.text);
      return next ? exportedInitializer(next, el.propertyName?.text ?? name, depth + 1) : undefined;
    }
  }
  return undefined;
}

/** `{ a: 'x', [K.b]: … }` → its properties as [key node, value]. */
function objectLiteralOf(node: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  let n = node;
  while (n && (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isParenthesizedExpression(n))) n = n.expression;
  return n && ts.isObjectLiteralExpression(n) ? n : undefined;
}

const stringProperty = (obj: ts.ObjectLiteralExpression, key: string) => {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key && ts.isStringLiteralLike(p.initializer)) {
      return p.initializer.text;
    }
  }
  return undefined;
};

// ---- The truth -----------------------------------------------------------------------------------------

export type Table = { name: string; file: string };

/** Every `pgTable('name', …)` in worker/db/schema/. */
export function schemaTables(): Table[] {
  const dir = 'worker/db/schema';
  const tables: Table[] = [];
  for (const entry of readdirSync(join(root, dir)).sort()) {
    if (!entry.endsWith('.ts')) continue;
    const file = `${dir}/${entry}`;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'pgTable') {
        const arg = node.arguments[0];
        if (arg && ts.isStringLiteralLike(arg)) tables.push({ name: arg.text, file });
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return tables;
}

export type Cron = { schedule: string; job: string };

/** The jobs of `cronJobs` in worker/jobs/cron.ts, by schedule, with the `name` each job declares. */
export function cronJobs(problems: Problem[]): Cron[] {
  const file = 'worker/jobs/cron.ts';
  const source = parse(file);
  const literal = (name: string) => {
    for (const stmt of source.statements) {
      if (!ts.isVariableStatement(stmt)) continue;
      for (const d of stmt.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name) return objectLiteralOf(d.initializer);
      }
    }
    return undefined;
  };
  const schedules = literal('SCHEDULES');
  const table = literal('cronJobs');
  if (!table) {
    problems.push({ doc: file, where: 'cronJobs', message: 'no `cronJobs` object literal to read the jobs from' });
    return [];
  }
  const scheduleOf = (name: ts.PropertyName): string | undefined => {
    if (ts.isStringLiteralLike(name)) return name.text;
    if (ts.isComputedPropertyName(name)) {
      const e = name.expression;
      if (ts.isStringLiteralLike(e)) return e.text;
      if (ts.isPropertyAccessExpression(e) && schedules) return stringProperty(schedules, e.name.text);
    }
    return undefined;
  };
  const crons: Cron[] = [];
  for (const p of table.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isArrayLiteralExpression(p.initializer)) continue;
    const schedule = scheduleOf(p.name);
    if (!schedule) {
      problems.push({ doc: file, where: 'cronJobs', message: `cannot read the schedule of "${p.name.getText(source)}"` });
      continue;
    }
    for (const el of p.initializer.elements) {
      const found = ts.isIdentifier(el) ? exportedInitializer(file, el.text) : undefined;
      const obj = objectLiteralOf(found?.node);
      const job = obj && stringProperty(obj, 'name');
      if (job) crons.push({ schedule, job });
      else problems.push({ doc: file, where: 'cronJobs', message: `cannot find the \`name\` of job ${el.getText(source)}` });
    }
  }
  return crons;
}

type TomlEntry = { header: string; values: Record<string, string | string[]> };

/** wrangler.toml as [header, key → value] entries; enough of TOML for its strings and string arrays. */
export function tomlEntries(text: string): TomlEntry[] {
  const entries: TomlEntry[] = [{ header: '', values: {} }];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = line.match(/^\[\[?([^\]]+)\]\]?$/);
    if (header) {
      entries.push({ header: header[1] ?? '', values: {} });
      continue;
    }
    const kv = line.match(/^([A-Za-z0-9_]+)\s*=\s*(.+)$/);
    const current = entries[entries.length - 1];
    if (!kv || !current) continue;
    const value = kv[2] ?? '';
    current.values[kv[1] ?? ''] = value.startsWith('[')
      ? [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '')
      : (value.match(/^"(.*)"$/)?.[1] ?? value);
  }
  return entries;
}

const envSuffix = /-(staging|production)$/;

/** Queue names without the per-environment suffix: wrangler.toml's producers and consumers, and queues.ts's `consumers`. */
export function queueNames(): string[] {
  const names = new Set<string>();
  for (const e of tomlEntries(read('wrangler.toml'))) {
    if (/(^|\.)queues\.(producers|consumers)$/.test(e.header) && typeof e.values.queue === 'string') {
      names.add(e.values.queue.replace(envSuffix, ''));
    }
  }
  const source = parse('worker/jobs/queues.ts');
  for (const stmt of source.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      const obj = ts.isIdentifier(d.name) && d.name.text === 'consumers' ? objectLiteralOf(d.initializer) : undefined;
      for (const p of obj?.properties ?? []) {
        if (ts.isPropertyAssignment(p) && (ts.isStringLiteralLike(p.name) || ts.isIdentifier(p.name))) names.add(p.name.text);
      }
    }
  }
  return [...names].sort();
}

export type DurableObject = { className: string; bindings: string[] };

/** Durable Object classes: wrangler.toml's bindings (with their binding names) and worker/index.ts's class exports. */
export function durableObjects(): DurableObject[] {
  const byClass = new Map<string, Set<string>>();
  for (const e of tomlEntries(read('wrangler.toml'))) {
    if (!/(^|\.)durable_objects\.bindings$/.test(e.header)) continue;
    const className = e.values.class_name;
    const binding = e.values.name;
    if (typeof className !== 'string') continue;
    const bindings = byClass.get(className) ?? new Set<string>();
    if (typeof binding === 'string') bindings.add(binding);
    byClass.set(className, bindings);
  }
  // worker/index.ts must export every bound class; an exported class without a binding is listed too.
  for (const stmt of parse('worker/index.ts').statements) {
    if (!ts.isExportDeclaration(stmt) || !stmt.exportClause || !ts.isNamedExports(stmt.exportClause)) continue;
    for (const el of stmt.exportClause.elements) {
      const name = el.name.text;
      if (/^[A-Z]/.test(name) && !byClass.has(name)) byClass.set(name, new Set());
    }
  }
  return [...byClass.entries()]
    .map(([className, bindings]) => ({ className, bindings: [...bindings].sort() }))
    .sort((a, b) => a.className.localeCompare(b.className));
}

/** docs/decisions/*.md, by file name. */
export const adrFiles = () =>
  readdirSync(join(root, 'docs/decisions'))
    .filter((f) => /^\d{3}-.+\.md$/.test(f))
    .sort();

export const featureExists = (feature: string) => existsSync(join(root, 'worker/features', feature));
