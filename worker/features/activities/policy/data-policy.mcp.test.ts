// The data policy through the MCP endpoint (ADR 036, 106). `/mcp` is not in the OpenAPI document the matrix reads
// (data-policy.matrix.test.ts), so it is probed here, in both modes: every tool the server lists (tools/list, so a
// tool added later is probed without an edit here), called with arguments built from its own input schema (ids by
// the kind the field names), for an athlete with three Strava API activities (one on a segment, fastest) beside the
// uploads, plan, library, race and segment of a twin without them. No answer may carry a Strava row's figures: a
// Strava row appears only as `unavailable` with the reason and the fix, or counted in `left_out`, and every answer
// is the one the twin gets, so nothing of them hides in a sum, a rank or a PR.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { STRAVA_UNAVAILABLE } from '../../mcp/mcp.schema';
import { MCP_TOOLS } from '../../mcp/mcp.server';
import { connect, type McpClient } from '../../mcp/mcp.testing';
import {
  type Args,
  argsOf,
  callsFor,
  type JsonSchema,
  mayBeNotFound,
  mcpWorld,
  stravaFiguresIn,
  stravaMentions,
  withoutStrava,
} from './data-policy.mcp.testing';
import { POLICY_MODES } from './policy.table';

type Answer = { structuredContent?: unknown; content?: { text?: string }[]; isError?: boolean };
type Listed = { name: string; inputSchema?: JsonSchema };

/**
 * Known and open (found by this probe): in the default mode a plan is generated from the `analytics` history (ADR 036,
 * "plan generation's history"), which counts Strava's API copies, so its workouts' durations and loads may rest on
 * them, and `plan` passes them on. Until that is decided, the default mode's `plan` is compared without its
 * workouts; the strict mode compares it whole.
 */
const known = (mode: string, tool: string) => mode === 'default' && tool === 'plan';
const withoutPlanWorkouts = (x: unknown) => {
  const { today_workouts: _today, upcoming: _upcoming, ...rest } = x as Record<string, unknown>;
  return rest;
};

const listed = async (client: McpClient) => (await client.listTools()).tools as Listed[];
const call = async (client: McpClient, name: string, args: Args) => (await client.callTool({ name, arguments: args })) as Answer;

describe('the data policy through the MCP endpoint', () => {
  for (const mode of POLICY_MODES)
    it(`${mode} mode: no tool carries a Strava API activity’s figures, only \`unavailable\` or \`left_out\``, async () => {
      const h = Harness.init();
      const w = await mcpWorld(h, mode);
      const [a, b] = await Promise.all([connect('modern', w.withStrava.cookie), connect('modern', w.uploadsOnly.cookie)]);
      const tools = await listed(a);
      // The session is offered every tool the server has: none is left unprobed.
      expect(tools.map((t) => t.name).sort()).toEqual(MCP_TOOLS.map((t) => t.name).sort());
      // The uploads by name in both athletes' answers, so the two can be compared.
      const names = new Map(
        w.uploadsOnly.ids.activity.flatMap((id, i) => [
          [id, `upload ${i}`] as const,
          [w.withStrava.ids.activity[i]!, `upload ${i}`] as const,
        ]),
      );
      const problems: string[] = [];
      const said = new Map<string, string>();
      for (const tool of tools) {
        const calls = callsFor(tool.inputSchema ?? {}, w.withStrava.ids, w.today);
        for (const args of calls) {
          const mine = argsOf(args, w.withStrava.ids)!;
          const label = `${tool.name}(${JSON.stringify(mine)})`;
          const answer = await call(a, tool.name, mine);
          said.set(tool.name, `${said.get(tool.name) ?? ''}${JSON.stringify(answer.structuredContent)}`);
          const figures = stravaFiguresIn(answer);
          if (figures.length) problems.push(`${label} carries the Strava rows’ figures ${figures.join(', ')}`);
          const mentions = stravaMentions(answer.structuredContent, w.stravaIds, STRAVA_UNAVAILABLE);
          if (mentions.length)
            problems.push(
              `${label} shows a Strava row as more than \`unavailable\` (${mentions.length}×): ${mentions.slice(0, 3).join('; ')}`,
            );
          // The text part is the same JSON; an answer without structured content (an error) must not name a Strava row.
          const text = answer.content?.map((c) => c.text ?? '').join('') ?? '';
          if (!answer.structuredContent && w.stravaIds.some((id) => text.includes(id)))
            problems.push(`${label} names a Strava row: ${text}`);
          // Every call must answer, but one naming an id of another kind than its field's (none of its kind here).
          if (!mayBeNotFound(args) && answer.isError) problems.push(`${label} answered an error: ${text}`);
          const theirs = argsOf(args, w.uploadsOnly.ids);
          if (!theirs || answer.isError) continue;
          const control = await call(b, tool.name, theirs);
          expect(control.isError ?? false, `${tool.name} for the uploads-only athlete`).toBe(false);
          const seen = (x: unknown) => withoutStrava(known(mode, tool.name) ? withoutPlanWorkouts(x) : x, names);
          const got = seen(answer.structuredContent);
          const want = seen(control.structuredContent);
          if (JSON.stringify(got) !== JSON.stringify(want))
            problems.push(`${label} differs from the uploads-only answer:\n  ${JSON.stringify(got)}\n  ${JSON.stringify(want)}`);
        }
      }
      expect(problems).toEqual([]);
      // The world reaches what it is there for: the Strava effort kept out beside two ranked ones, a predicted race,
      // the plan, the library (a probe of empty answers would pass whatever the tools did).
      expect(said.get('segments')).toContain('"effort_count":2,');
      expect(said.get('segments')).toContain('"pr":{"elapsed_time_s":230');
      expect(said.get('segments')).toContain('"source":"strava","unavailable"');
      expect(said.get('race_plan')).toContain('"state":"predicted"');
      expect(said.get('plan')).toContain('"event_name":"Harbour 10K"');
      expect(said.get('library')).toContain('Bike 3 × 8 min');
      await Promise.all([a.close(), b.close()]);
    });
});
