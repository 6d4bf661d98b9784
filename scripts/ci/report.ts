// Where CI's time went, printed at the end of every `.ci/run`: the phases, then the slowest unit files and
// browser specs with their seconds (ADR 094). Reads what the run left: the phase marks `.ci/run` wrote, vitest's
// JSON report and the browser suite's per-file timings. Missing inputs (a phase that did not run) are said, not guessed.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'Usage: node scripts/ci/report.ts --phases FILE [--unit-json FILE] [--e2e-timings FILE] [--top N]';

export interface Phase {
  name: string;
  /** Epoch seconds. */
  start: number;
  end: number;
}
export interface Timed {
  file: string;
  seconds: number;
  ok: boolean;
}

/** The non-empty lines of a tab-separated file, split into their fields. */
const tsvRows = (text: string): string[][] =>
  text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => line.split('\t'));

/** Phase marks, one `name<TAB>start<TAB>end` line each (epoch seconds), in the order they ended. */
export function parsePhases(text: string): Phase[] {
  return tsvRows(text).map(([name = '?', start = '0', end = '0']) => ({ name, start: Number(start), end: Number(end) }));
}

interface VitestJson {
  startTime?: number;
  testResults?: { name: string; startTime: number; endTime: number; status: string }[];
}

/** Each unit test file's wall time (its own start to end, as vitest reports it), relative to the repository. */
export function unitFileTimes(json: VitestJson, root: string): Timed[] {
  return (json.testResults ?? []).map((r) => ({
    file: r.name.startsWith(root) ? r.name.slice(root.length).replace(/^\//, '') : r.name,
    seconds: Math.max(0, r.endTime - r.startTime) / 1000,
    ok: r.status === 'passed',
  }));
}

/** Each browser spec file's wall time, from the lines `scripts/ci/spec-timings-reporter.ts` wrote. */
export function e2eFileTimes(tsv: string): Timed[] {
  return tsvRows(tsv).map(([file = '?', seconds = 'NaN', status]) => ({ file, seconds: Number(seconds), ok: status === 'ok' }));
}

const fmt = (s: number) => (Number.isFinite(s) ? s.toFixed(1).padStart(7) : '      ?');

export function table(title: string, rows: Timed[], top: number): string {
  if (!rows.length) return `${title}: none recorded\n`;
  const total = rows.reduce((sum, r) => sum + (Number.isFinite(r.seconds) ? r.seconds : 0), 0);
  const slowest = [...rows].sort((a, b) => b.seconds - a.seconds).slice(0, top);
  const body = slowest.map((r) => `${fmt(r.seconds)} s  ${r.ok ? '  ' : '✗ '}${r.file}`).join('\n');
  return `${title} (${slowest.length} slowest of ${rows.length} files; ${total.toFixed(0)} s summed over files run side by side)\n${body}\n`;
}

function main(argv: string[]): void {
  const { values: opts } = parseArgs({
    args: argv,
    options: { phases: { type: 'string' }, 'unit-json': { type: 'string' }, 'e2e-timings': { type: 'string' }, top: { type: 'string' } },
  });
  if (!opts.phases) {
    console.error(USAGE);
    process.exit(2);
  }
  const top = Number(opts.top ?? 15);
  const read = (path: string | undefined) => (path && existsSync(path) ? readFileSync(path, 'utf8') : null);

  const unit = read(opts['unit-json']);
  const json = unit ? (JSON.parse(unit) as VitestJson) : null;
  const phases = parsePhases(read(opts.phases) ?? '');
  const first = Math.min(...phases.map((p) => p.start));
  const lines = [
    'ci: where the time went (seconds; start → end since the first phase began)',
    ...phases.map((p) => `${fmt(p.end - p.start)} s  ${p.name}  (${(p.start - first).toFixed(0)} → ${(p.end - first).toFixed(0)})`),
    '',
  ];
  lines.push(json ? table('slowest unit test files', unitFileTimes(json, process.cwd()), top) : 'unit tests: no report');
  const e2e = read(opts['e2e-timings']);
  lines.push(e2e ? table('slowest browser specs', e2eFileTimes(e2e), top) : 'browser specs: no timings');
  console.log(lines.join('\n'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
