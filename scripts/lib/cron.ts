// Local cron ticker: `wrangler dev` never fires scheduled handlers by itself, so the dev stack
// reads the crons from wrangler.toml and fires the ones due each UTC minute.
import { existsSync, readFileSync } from 'node:fs';

const FIELDS = [
  { min: 0, max: 59, names: [] as string[] }, // minute
  { min: 0, max: 23, names: [] }, // hour
  { min: 1, max: 31, names: [] }, // day of month
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] }, // 7 is Sunday too
];

export interface CronMatcher {
  expr: string;
  matches: (date: Date) => boolean;
}

/** Parses a 5-field cron (`*`, `*\/n`, numbers, names, lists, ranges, `a-b/n`); throws on anything else. */
export function parseCron(expr: string): CronMatcher {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expr}": expected 5 fields`);
  const sets = parts.map((part, i) => {
    const f = FIELDS[i]!;
    const value = (s: string): number => {
      const named = f.names.indexOf(s.toUpperCase());
      const n = named >= 0 ? named + (i === 3 ? 1 : 0) : /^\d+$/.test(s) ? Number(s) : NaN;
      if (!(n >= f.min && n <= f.max)) throw new Error(`cron "${expr}": bad value "${s}"`);
      return n;
    };
    const allowed = new Set<number>();
    for (const item of part.split(',')) {
      const m = /^([^/]+)(?:\/(\d+))?$/.exec(item);
      if (!m) throw new Error(`cron "${expr}": bad item "${item}"`);
      const [range = '', stepText] = [m[1], m[2]];
      const step = stepText ? Number(stepText) : 1;
      if (step < 1) throw new Error(`cron "${expr}": bad step in "${item}"`);
      let lo: number;
      let hi: number;
      if (range === '*') [lo, hi] = [f.min, f.max];
      else if (range.includes('-')) [lo, hi] = range.split('-').map(value) as [number, number];
      else [lo, hi] = [value(range), stepText ? f.max : value(range)];
      if (lo > hi) throw new Error(`cron "${expr}": range "${range}" runs backwards`);
      for (let n = lo; n <= hi; n += step) allowed.add(i === 4 && n === 7 ? 0 : n);
    }
    return allowed;
  });
  const [minute, hour, dom, month, dow] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const domAny = parts[2] === '*';
  const dowAny = parts[4] === '*';
  return {
    expr,
    matches: (d) => {
      if (!minute.has(d.getUTCMinutes()) || !hour.has(d.getUTCHours()) || !month.has(d.getUTCMonth() + 1)) return false;
      // Classic cron: when both day fields are restricted, either one matching is enough.
      const domOk = dom.has(d.getUTCDate());
      const dowOk = dow.has(d.getUTCDay());
      if (domAny || dowAny) return domOk && dowOk;
      return domOk || dowOk;
    },
  };
}

/** `crons = [...]` from the top-level `[triggers]` table of wrangler.toml (env tables are ignored). */
export function readWranglerCrons(tomlPath: string): string[] {
  if (!existsSync(tomlPath)) return [];
  let section = '';
  let collecting = false;
  let buffer = '';
  for (const rawLine of readFileSync(tomlPath, 'utf8').split('\n')) {
    const line = stripComment(rawLine).trim();
    if (!collecting && /^\[.*\]$/.test(line)) {
      section = line.replace(/^\[+|\]+$/g, '').trim();
      continue;
    }
    if (collecting || (section === 'triggers' && /^crons\s*=/.test(line))) {
      collecting = true;
      buffer += ` ${line}`;
      if (line.includes(']')) break;
    }
  }
  return [...buffer.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter(Boolean);
}

/** Drops a `#` comment unless the `#` sits inside a string (Cloudflare crons may use `#` for nth weekday). */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

export interface CronTicker {
  stop: () => void;
}

/** Fires each due cron at second 0 of every UTC minute through `fire`; unsupported expressions are reported once and skipped. */
export function startCronTicker(
  crons: string[],
  fire: (expr: string, at: Date) => Promise<string>,
  log: (line: string) => void,
): CronTicker {
  const matchers: CronMatcher[] = [];
  for (const expr of crons) {
    try {
      matchers.push(parseCron(expr));
    } catch (err) {
      log(`[cron] skipping ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    // Re-aim at the next minute boundary each time, so timer drift never accumulates.
    const wait = 60_000 - (Date.now() % 60_000) + 20;
    timer = setTimeout(tick, wait);
  };
  const tick = () => {
    const at = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    for (const m of matchers.filter((x) => x.matches(at))) {
      fire(m.expr, at).then(
        (result) => log(`[cron] ${at.toISOString().slice(11, 16)} UTC fired "${m.expr}" → ${result}`),
        (err) =>
          log(`[cron] ${at.toISOString().slice(11, 16)} UTC "${m.expr}" failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
    schedule();
  };
  if (matchers.length) schedule();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
