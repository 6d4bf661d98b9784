// The lists in the docs, checked against the app they describe, so a new table, cron job, queue, Durable
// Object or ADR cannot ship undocumented (and a removed one cannot linger):
//   - tables: every pgTable('…') in worker/db/schema/ has a bullet in docs/architecture.md, "### Tables",
//     under a group that names its owning feature;
//   - cron jobs: every job of worker/jobs/cron.ts's `cronJobs` has a row (schedule, name) in
//     worker/jobs/README.md and is named in docs/architecture.md, "## Background work";
//   - queues: every queue of wrangler.toml and worker/jobs/queues.ts is in both of those;
//   - Durable Objects: every class bound in wrangler.toml or exported by worker/index.ts has a bullet with
//     its binding in docs/architecture.md, "## Background work";
//   - ADRs: every docs/decisions/*.md is linked from README.md's Docs list;
//   - router counts: each "<n> are mounted at `<prefix>`" in docs/architecture.md matches the number of
//     `app.route('<prefix>', …)` calls in worker/app.ts.
// The truth is read from the source files (TypeScript's parser, no import of app code), so it runs in Node
// in well under a second. Prints each gap with where it belongs; exits 1 if there is any.
//
//   node scripts/check-docs.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const ARCHITECTURE = 'docs/architecture.md';
const JOBS_README = 'worker/jobs/README.md';
const README = 'README.md';

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
const codeSpans = (line: string) => [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

// ---- TypeScript sources --------------------------------------------------------------------------------

const parse = (path: string) => ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

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

const featureExists = (feature: string) => existsSync(join(root, 'worker/features', feature));

// ---- The checks ----------------------------------------------------------------------------------------

function checkTables(problems: Problem[]): void {
  const where = '### Tables';
  const lines = sectionLines(read(ARCHITECTURE), where);
  if (!lines) {
    problems.push({ doc: ARCHITECTURE, where, message: 'the section is missing (under "## Data")' });
    return;
  }
  // A group line is "**Title** (feature `x`, `schema.ts`)"; a table line is "- `table`: what one row is".
  const documented = new Map<string, string | undefined>();
  let group: string | undefined;
  for (const line of lines) {
    if (line.startsWith('**')) {
      group = line.match(/feature `([^`]+)`/)?.[1];
      if (!group)
        problems.push({ doc: ARCHITECTURE, where, message: `group "${line.slice(0, 60)}…" names no owner: add "feature \`<name>\`"` });
      else if (!featureExists(group))
        problems.push({ doc: ARCHITECTURE, where, message: `group owner "${group}" is not a folder of worker/features/` });
      continue;
    }
    const table = line.match(/^- `([a-z0-9_]+)`/)?.[1];
    if (table) documented.set(table, group);
  }
  const tables = schemaTables();
  for (const t of tables) {
    if (!documented.has(t.name)) {
      problems.push({
        doc: ARCHITECTURE,
        where,
        message: `table \`${t.name}\` (${t.file}) has no line: add "- \`${t.name}\`: <what one row is>" under its owning feature's group`,
      });
    }
  }
  const real = new Set(tables.map((t) => t.name));
  for (const name of documented.keys()) {
    if (!real.has(name))
      problems.push({ doc: ARCHITECTURE, where, message: `\`${name}\` is listed but no pgTable('${name}') exists in worker/db/schema/` });
  }
}

function checkCrons(problems: Problem[], crons: Cron[]): void {
  // worker/jobs/README.md's table: "| `<schedule>` | `<job name>`: what it does |".
  const rows = read(JOBS_README)
    .split('\n')
    .map((line) => line.match(/^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ first: m[1] ?? '', second: m[2] ?? '' }));
  for (const c of crons) {
    if (!rows.some((r) => r.first === c.schedule && r.second === c.job)) {
      problems.push({
        doc: JOBS_README,
        where: 'the queue / cron table',
        message: `cron job \`${c.job}\` has no row: add "| \`${c.schedule}\` | \`${c.job}\`: … |"`,
      });
    }
  }
  const known = new Set(crons.map((c) => `${c.schedule} ${c.job}`));
  for (const r of rows) {
    const isCron = r.first.split(' ').length === 5;
    if (isCron && !known.has(`${r.first} ${r.second}`)) {
      problems.push({
        doc: JOBS_README,
        where: 'the queue / cron table',
        message: `row "${r.first} | ${r.second}" is not a job of worker/jobs/cron.ts at that schedule`,
      });
    }
  }
  const where = '## Background work';
  const background = sectionLines(read(ARCHITECTURE), where)?.join('\n') ?? '';
  for (const c of crons) {
    if (!background.includes(`\`${c.job}\``)) {
      problems.push({ doc: ARCHITECTURE, where, message: `cron job \`${c.job}\` (${c.schedule}) is not named in the "Crons (UTC)" list` });
    }
  }
  // Every schedule wrangler.toml fires should run something, and every schedule with jobs should fire.
  const scheduled = new Set(crons.map((c) => c.schedule));
  for (const e of tomlEntries(read('wrangler.toml'))) {
    const list = e.values.crons;
    if (!/(^|\.)triggers$/.test(e.header) || !Array.isArray(list)) continue;
    for (const s of list) {
      if (!scheduled.has(s))
        problems.push({ doc: 'wrangler.toml', where: `[${e.header}]`, message: `cron "${s}" runs no job of worker/jobs/cron.ts` });
    }
    for (const s of scheduled) {
      if (!list.includes(s))
        problems.push({ doc: 'wrangler.toml', where: `[${e.header}]`, message: `cron "${s}" of worker/jobs/cron.ts is not in crons` });
    }
  }
}

function checkQueues(problems: Problem[]): void {
  const where = '## Background work';
  const background = sectionLines(read(ARCHITECTURE), where)?.join('\n') ?? '';
  const jobsReadme = read(JOBS_README);
  for (const q of queueNames()) {
    if (!background.includes(`\`${q}\``)) {
      problems.push({
        doc: ARCHITECTURE,
        where,
        message: `queue \`${q}\` is not described: add what its messages are and who consumes them`,
      });
    }
    if (!new RegExp(`^\\|\\s*\`${q}\``, 'm').test(jobsReadme)) {
      problems.push({
        doc: JOBS_README,
        where: 'the queue / cron table',
        message: `queue \`${q}\` has no row: add "| \`${q}\` | <consumer>: … |"`,
      });
    }
  }
}

function checkDurableObjects(problems: Problem[]): void {
  const where = '## Background work';
  const bullets = (sectionLines(read(ARCHITECTURE), where) ?? []).filter((l) => l.startsWith('- '));
  for (const d of durableObjects()) {
    const bullet = bullets.find((b) => codeSpans(b)[0] === d.className);
    if (!bullet) {
      problems.push({
        doc: ARCHITECTURE,
        where: `${where}, Durable Objects`,
        message: `Durable Object \`${d.className}\` has no bullet: add "- \`${d.className}\` (\`${d.bindings[0] ?? '<BINDING>'}\`, feature \`…\`): one per …"`,
      });
    }
    for (const binding of d.bindings) {
      if (bullet && !codeSpans(bullet).includes(binding)) {
        problems.push({
          doc: ARCHITECTURE,
          where: `${where}, Durable Objects`,
          message: `\`${d.className}\`'s bullet does not name its binding \`${binding}\``,
        });
      }
    }
    if (d.bindings.length === 0) {
      problems.push({
        doc: 'wrangler.toml',
        where: '[[durable_objects.bindings]]',
        message: `\`${d.className}\` is exported by worker/index.ts but has no binding`,
      });
    }
  }
}

function checkAdrs(problems: Problem[]): void {
  const readme = read(README);
  const linked = new Set([...readme.matchAll(/\(docs\/decisions\/([^)#]+\.md)\)/g)].map((m) => m[1] ?? ''));
  const files = adrFiles();
  for (const f of files) {
    if (!linked.has(f)) {
      problems.push({
        doc: README,
        where: '## Docs',
        message: `ADR ${f.slice(0, 3)} is not listed: add "  - [${f.slice(0, 3)}](docs/decisions/${f}) — <its decision in a line>."`,
      });
    }
  }
  for (const l of linked) {
    if (!files.includes(l)) problems.push({ doc: README, where: '## Docs', message: `docs/decisions/${l} is linked but does not exist` });
  }
}

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
];

/** Each "<n> are mounted at `<prefix>`" claim of a markdown text, with the number it states. */
export function mountClaims(markdown: string): { prefix: string; stated: number; text: string }[] {
  return [...markdown.matchAll(/\b(\w+) are\s+mounted at `([^`]+)`/g)].flatMap((m) => {
    const word = (m[1] ?? '').toLowerCase();
    const stated = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.indexOf(word);
    return stated < 0 ? [] : [{ prefix: m[2] ?? '', stated, text: m[0].replace(/\s+/g, ' ') }];
  });
}

/** How many routers worker/app.ts mounts at exactly `prefix`. */
export function mountedAt(appSource: string, prefix: string): number {
  return [...appSource.matchAll(/app\.route\(\s*'([^']*)'/g)].filter((m) => m[1] === prefix).length;
}

function checkRouterCounts(problems: Problem[]): void {
  const app = read('worker/app.ts');
  for (const claim of mountClaims(read(ARCHITECTURE))) {
    const actual = mountedAt(app, claim.prefix);
    if (actual !== claim.stated)
      problems.push({
        doc: ARCHITECTURE,
        where: '### Routers and the OpenAPI document',
        message: `"${claim.text}": worker/app.ts mounts ${actual} router(s) at ${claim.prefix}`,
      });
  }
}

export function check(): Problem[] {
  const problems: Problem[] = [];
  checkTables(problems);
  checkCrons(problems, cronJobs(problems));
  checkQueues(problems);
  checkDurableObjects(problems);
  checkAdrs(problems);
  checkRouterCounts(problems);
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = check();
  for (const p of problems) console.log(`${p.doc} (${p.where}): ${p.message}`);
  if (problems.length > 0) {
    console.error(`check-docs: ${problems.length} gap(s) between the docs and the app.`);
    process.exit(1);
  }
  console.log('check-docs: every table, cron job, queue, Durable Object and ADR is documented, and the router counts are right.');
}
