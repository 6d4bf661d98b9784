// Issue 59's benchmark line "scripted tool calls equal to the REST answers exactly": every row of the MCP = REST
// script (mcp.equal.script.ts) through real MCP clients, both generations in turn, and the REST reads it wraps with
// the same session, on one athlete's ten weeks; every mapped field deep-equal, no tolerance.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness';
import { describeReport, type EqualTransport, runEqualScript } from './mcp.equal.run';
import type { Answer } from './mcp.equal.script';
import { equalWorld } from './mcp.equal.testing';
import { STRAVA_UNAVAILABLE } from './mcp.schema';
import { connect } from './mcp.testing';

describe('MCP = REST', () => {
  it('answers at least 50 scripted tool calls exactly as the REST reads they wrap; Strava’s API copy unavailable, as stated', async () => {
    const h = Harness.init();
    // Strava's 2026 policy (ADR 036): its API copies in no aggregate, so REST's analytics use and MCP's ai use count
    // the same sources. In the default mode REST's figures count them and the tools' cannot: unequal by design.
    const operator = await h.userWithRole('admin', ['ops.read', 'system.data_policy']);
    const strict = await h.json('/api/v1/admin/ops/data-policy', { method: 'PUT', cookie: operator.cookie, body: { mode: 'strict' } });
    expect(strict.status).toBe(200);
    const { cookie, strava } = await equalWorld(h);
    const clients = [await connect('modern', cookie), await connect('legacy', cookie)];
    let calls = 0;
    const seen = new Map<string, Answer[]>();
    const transport: EqualTransport = {
      callTool: async (name, args) => {
        const res = (await clients[calls++ % 2]!.callTool({ name, arguments: args })) as { structuredContent: Answer };
        seen.set(name, [...(seen.get(name) ?? []), res.structuredContent]);
        return res;
      },
      get: async (path) => {
        const r = await h.json(path, { cookie });
        return { status: r.status, body: r.body };
      },
    };

    const report = await runEqualScript(transport);
    console.log(describeReport(report));
    expect(report.mismatches, describeReport(report)).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.compared).toBeGreaterThanOrEqual(50);
    expect(report.equal).toBe(report.compared);
    // The world reaches what the newer tools' rows are there for: a Strava effort kept out of a PR and the ranks, a
    // segment cut from a Strava copy, steps in words, a predicted 10K paced and fuelled, an unsupported triathlon.
    const said = (tool: string) => JSON.stringify(seen.get(tool));
    expect(said('segments')).toContain('"left_out":{"count":1,"by_source":[{"source":"strava","count":1}]');
    expect(said('segments')).toContain('"source":"strava","unavailable"');
    expect(said('segments')).toMatch(/"distance_m":null,"climb_m":null,"grade_percent":null,"unavailable":\{/);
    expect(said('library')).toContain('at pace_s_per_100m 98–102');
    const plans = seen.get('race_plan')!;
    expect(plans.map((p) => [p.race.name, p.prediction.state, p.pacing.state, p.fuelling.state])).toContainEqual([
      'City 10K',
      'predicted',
      'planned',
      'planned',
    ]);
    expect(plans.map((p) => p.prediction.state)).toContain('unsupported');
    expect(plans.some((p) => p.fuelling.fluid_basis.some((b: string) => /sweat/i.test(b)))).toBe(true);

    // The stated difference, seen from both sides: REST shows the Strava copy's figures to its owner; MCP does not.
    const rest = await h.json<{ distanceM: number; source: string }>(`/api/v1/activities/${strava}`, { cookie });
    expect(rest.body).toMatchObject({ source: 'strava', distanceM: 12_345.6 });
    const tool = (await clients[0]!.callTool({ name: 'activity', arguments: { id: strava } })) as { structuredContent: unknown };
    expect(tool.structuredContent).toMatchObject({ activity: { id: strava, source: 'strava', unavailable: STRAVA_UNAVAILABLE } });
    for (const c of clients) await c.close();
  });
});
