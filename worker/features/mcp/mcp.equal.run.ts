// Runs the MCP = REST script through any transport (the workerd test's app fetch, the bench's live stack): the
// world read from REST once, then each row's tool call and REST reads one at a time, compared by deep equality.
import type { EqualWorld } from './mcp.equal.map.ts';
import { type Answer, EQUAL_SCRIPT, type EqualCall, type RestAnswer } from './mcp.equal.script.ts';

export interface EqualTransport {
  /** A tools/call through a real MCP client: its result as the client returns it. */
  callTool(name: string, args: Record<string, unknown>): Promise<unknown>;
  /** A GET of the REST API with the same athlete's credentials. */
  get(path: string): Promise<RestAnswer>;
}

export interface Mismatch {
  label: string;
  tool: string;
  args: unknown;
  rest: string[];
  differences: string[];
}

export interface EqualReport {
  compared: number;
  equal: number;
  skipped: string[];
  mismatches: Mismatch[];
}

/** ADR 036: the `ai` data use keeps Strava's API copies from an assistant in both policy modes. */
export const KEPT_FROM_AI: ReadonlySet<string> = new Set(['strava']);

async function worldOf(t: EqualTransport): Promise<EqualWorld> {
  const ok = async (path: string) => {
    const r = await t.get(path);
    if (r.status !== 200) throw new Error(`MCP = REST: ${path} answered ${r.status}`);
    return r.body;
  };
  const [me, list, fitness, active, segments, races] = await Promise.all([
    ok('/api/v1/me'),
    ok('/api/v1/activities?limit=200'),
    ok('/api/v1/analytics/fitness?days=1'),
    t.get('/api/v1/plans/active'),
    ok('/api/v1/segments'),
    ok('/api/v1/races'),
  ]);
  return {
    timeZone: me.user.timeZone,
    activities: list.activities,
    today: fitness.today,
    planId: active.status === 200 ? active.body.id : null,
    segments: (segments.segments as { id: string }[]).map((x) => x.id),
    races: races.races,
    keptFromAi: KEPT_FROM_AI,
  };
}

/** Where two JSON values differ, path by path (the first few): `$.days[3].load: tool 41 ≠ REST 40.6`. */
export function differences(rest: unknown, tool: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= 6 || Object.is(rest, tool)) return out;
  const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v)?.slice(0, 120));
  if (Array.isArray(rest) && Array.isArray(tool)) {
    if (rest.length !== tool.length) out.push(`${path}: tool has ${tool.length} items, REST ${rest.length}`);
    for (let i = 0; i < Math.min(rest.length, tool.length); i++) differences(rest[i], tool[i], `${path}[${i}]`, out);
  } else if (rest && tool && typeof rest === 'object' && typeof tool === 'object' && !Array.isArray(rest) && !Array.isArray(tool)) {
    const r = rest as Record<string, unknown>;
    const x = tool as Record<string, unknown>;
    for (const k of new Set([...Object.keys(r), ...Object.keys(x)])) differences(r[k], x[k], `${path}.${k}`, out);
  } else out.push(`${path}: tool ${show(tool)} ≠ REST ${show(rest)}`);
  return out;
}

/** JSON as it travels: what the mapping left undefined is absent, as in the tool's structured content. */
const asJson = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** Every row, sequentially (a page 2 needs its page 1; one request at a time, as a client does). */
export async function runEqualScript(t: EqualTransport, script: EqualCall[] = EQUAL_SCRIPT): Promise<EqualReport> {
  const w = await worldOf(t);
  const answers = new Map<string, Answer>();
  const report: EqualReport = { compared: 0, equal: 0, skipped: [], mismatches: [] };
  for (const row of script) {
    const args = row.args(w, answers);
    if (!args) {
      report.skipped.push(row.label);
      continue;
    }
    const res = (await t.callTool(row.tool, args)) as { structuredContent?: Answer; isError?: boolean; content?: { text?: string }[] };
    if (res.structuredContent) answers.set(row.label, res.structuredContent);
    const paths = row.rest(w, args, answers);
    const rest: RestAnswer[] = [];
    for (const p of paths) rest.push(await t.get(p));
    report.compared++;
    const fail = (differences: string[]) => report.mismatches.push({ label: row.label, tool: row.tool, args, rest: paths, differences });
    const refused = rest.find((r, i) => r.status !== 200 && !(r.status === 404 && paths[i] === '/api/v1/plans/active'));
    if (res.isError || !res.structuredContent) fail([`the tool refused: ${res.content?.[0]?.text ?? 'no structured content'}`]);
    else if (refused) fail([`REST answered ${refused.status}: ${JSON.stringify(refused.body).slice(0, 200)}`]);
    else {
      const got = asJson((row.compared ?? ((x) => x))(res.structuredContent));
      const diff = differences(asJson(row.expected(rest, w, args)), got);
      if (diff.length) fail(diff);
      else report.equal++;
    }
  }
  return report;
}

/** The report as lines: the headline, then each mismatch with its call, REST paths and differences. */
export function describeReport(r: EqualReport): string {
  const lines = [
    `MCP = REST: ${r.equal}/${r.compared} calls equal${r.skipped.length ? ` (skipped, nothing to ask here: ${r.skipped.join('; ')})` : ''}`,
  ];
  for (const m of r.mismatches)
    lines.push(`✗ ${m.label}: ${m.tool}(${JSON.stringify(m.args)}) vs ${m.rest.join(' + ')}`, ...m.differences.map((d) => `    ${d}`));
  return lines.join('\n');
}
