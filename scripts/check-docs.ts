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
// The truth is read from the source files (lib/docs-truth.ts: TypeScript's parser, no import of app code), so it runs in Node
// in well under a second. Prints each gap with where it belongs; exits 1 if there is any.
//
//   node scripts/check-docs.ts
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  adrFiles,
  codeSpans,
  cronJobs,
  type Cron,
  durableObjects,
  featureExists,
  type Problem,
  queueNames,
  read,
  schemaTables,
  sectionLines,
  tomlEntries,
} from './lib/docs-truth.ts';

export type { Problem } from './lib/docs-truth.ts';

const ARCHITECTURE = 'docs/architecture.md';
const JOBS_README = 'worker/jobs/README.md';
const README = 'README.md';

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
