// The MCP endpoint through real clients of both protocol generations (the v2 client, 2026-07-28; the 1.x SDK's
// Streamable HTTP client, 2025-era) over the app's own fetch: every tool listed and called, each result valid
// against its output schema with receipts, local dates right around midnight in two zones, a Strava API copy
// `unavailable` with its reason and no figure, another athlete's id not found, and a signed-out call refused.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness';
import { MCP_TOOLS } from './mcp.server';
import { BERLIN, connect, LA, seedAthlete } from './mcp.testing';
import { STRAVA_UNAVAILABLE } from './mcp.schema';

type Result = { structuredContent?: Record<string, unknown>; content: { type: string; text?: string }[]; isError?: boolean };
type Item = Record<string, unknown> & { id: string };

/** An athlete with the seeded activities, signed in, and another athlete's activity id. */
async function world() {
  const h = Harness.init();
  const me = await h.signup();
  const ids = await seedAthlete(h, me.user.id);
  const other = await h.signup();
  const otherActivity = (await seedAthlete(h, other.user.id)).la;
  return { h, cookie: me.cookie, ids, otherActivity };
}

const ARGS: Record<string, Record<string, unknown>> = {
  recent_activities: { limit: 50 },
  fitness: { days: 180 },
  weekly_volume: { weeks: 26 },
  wellness_readiness: { days: 28 },
  plan: { days: 28 },
  plan_changes: { limit: 30 },
};

describe.each(['modern', 'legacy'] as const)('the MCP endpoint, %s client', (generation) => {
  it('lists every tool read-only with its output schema, and calls each: valid structured content, well under 25 000 tokens', async () => {
    const { cookie, ids } = await world();
    const versions: string[] = [];
    const client = await connect(generation, cookie, versions);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(MCP_TOOLS.map((t) => t.name).sort());
    for (const t of tools) {
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      expect(t.outputSchema, t.name).toBeTruthy();
      expect(t._meta?.['cadence/scope'], t.name).toMatch(/:read$/);
    }
    for (const tool of MCP_TOOLS) {
      const args = tool.name === 'activity' ? { id: ids.la } : (ARGS[tool.name] ?? {});
      const res = (await client.callTool({ name: tool.name, arguments: args })) as Result;
      expect(res.isError ?? false, `${tool.name}: ${res.content[0]?.text}`).toBe(false);
      const parsed = tool.output.safeParse(res.structuredContent);
      expect(parsed.success, `${tool.name}: ${parsed.error?.message}`).toBe(true);
      expect(JSON.stringify(res.structuredContent).length / 4, tool.name).toBeLessThan(25_000);
    }
    console.log(`${generation}: protocol ${[...new Set(versions)].join(', ')}`);
    expect(new Set(versions)).toEqual(new Set([generation === 'modern' ? '2026-07-28' : '2025-11-25']));
    await client.close();
  });

  it('dates each activity on its own local day with its zone and the UTC instant, in SI units; Strava’s API copy is unavailable', async () => {
    const { cookie, ids } = await world();
    const client = await connect(generation, cookie);
    const res = (await client.callTool({ name: 'recent_activities', arguments: { limit: 50 } })) as Result;
    const list = (res.structuredContent as { activities: Item[] }).activities;
    const byId = new Map(list.map((a) => [a.id, a]));
    expect(byId.get(ids.la)).toMatchObject({
      date: LA.date,
      time_zone: LA.zone,
      start_utc: LA.startUtc,
      distance_m: 10_000,
      moving_time_s: 3000,
      pace_s_per_km: 300,
    });
    expect(byId.get(ids.berlin)).toMatchObject({
      date: BERLIN.date,
      time_zone: BERLIN.zone,
      start_utc: BERLIN.startUtc,
      pace_s_per_km: 300,
    });
    expect(byId.get(ids.swim)).toMatchObject({ pace_s_per_100m: 120, pace_s_per_km: null });
    expect(byId.get(ids.ride)).toMatchObject({ speed_km_per_h: 30, avg_power_w: 210 });
    // The Strava API copy: where and when, the reason and the fix, and not one figure (no zeros either).
    expect(byId.get(ids.strava)).toEqual({
      id: ids.strava,
      date: '2026-11-23',
      time_zone: 'Europe/London',
      source: 'strava',
      unavailable: STRAVA_UNAVAILABLE,
    });
    const one = (await client.callTool({ name: 'activity', arguments: { id: ids.strava } })) as Result;
    expect(one.structuredContent).toEqual({ activity: byId.get(ids.strava) });
    expect(JSON.stringify(one)).not.toMatch(/21100|6000|"avg_power_w"|"distance_m"/);
    await client.close();
  });

  it('counts only what the ai use allows, with receipts and what was left out', async () => {
    const { cookie, ids } = await world();
    const client = await connect(generation, cookie);
    const fit = (await client.callTool({ name: 'fitness', arguments: { days: 180 } })) as Result;
    const f = fit.structuredContent as {
      days: { date: string; load: number; activity_ids: string[] }[];
      left_out: { count: number; reason: string };
    };
    const receipts = f.days.flatMap((d) => d.activity_ids);
    expect(receipts).toEqual(expect.arrayContaining([ids.la, ids.berlin, ids.swim, ids.ride]));
    expect(receipts).not.toContain(ids.strava);
    // Every day with load names the activities it rests on.
    for (const d of f.days) if (d.load > 0) expect(d.activity_ids.length, d.date).toBeGreaterThan(0);
    expect(f.days.find((d) => d.date === LA.date)?.activity_ids).toEqual([ids.la]);
    expect(f.days.find((d) => d.date === BERLIN.date)?.activity_ids).toEqual([ids.berlin]);
    expect(f.left_out).toMatchObject({ count: 1, by_source: [{ source: 'strava', count: 1 }], reason: STRAVA_UNAVAILABLE.reason });
    const vol = (await client.callTool({ name: 'weekly_volume', arguments: { weeks: 26 } })) as Result;
    const weeks = (
      vol.structuredContent as { weeks: { week_start: string; total: { distance_m: number; count: number }; activity_ids: string[] }[] }
    ).weeks;
    const counted = weeks.flatMap((w) => w.activity_ids);
    expect(counted.sort()).toEqual([ids.la, ids.berlin, ids.swim, ids.ride].sort());
    expect(weeks.reduce((s, w) => s + w.total.distance_m, 0)).toBe(10_000 + 5000 + 2000 + 40_000);
    const curves = (await client.callTool({ name: 'curves', arguments: {} })) as Result;
    const c = curves.structuredContent as { ride: { efforts: { activity_id: string }[] }; run: { efforts: { activity_id: string }[] } };
    expect([...c.ride.efforts, ...c.run.efforts].map((e) => e.activity_id)).not.toContain(ids.strava);
    await client.close();
  });

  it('never reads another athlete’s activity: their id is not found', async () => {
    const { cookie, otherActivity } = await world();
    const client = await connect(generation, cookie);
    const res = (await client.callTool({ name: 'activity', arguments: { id: otherActivity } })) as Result;
    expect(res.isError).toBe(true);
    expect(res.content[0]?.text).toMatch(/not found/i);
    expect(JSON.stringify(res)).not.toMatch(/LA late run|10000/);
    await client.close();
  });
});

describe('the MCP endpoint over HTTP', () => {
  it('refuses a signed-out call (401) and answers GET and DELETE 405 (stateless)', async () => {
    const { h, cookie } = await world();
    const init = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
    const out = await h.call('/mcp', { body: init, headers: { accept: 'application/json, text/event-stream' } });
    expect(out.status).toBe(401);
    expect(((await out.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    for (const method of ['GET', 'DELETE']) {
      const res = await h.call('/mcp', { method, cookie, headers: { accept: 'text/event-stream' } });
      expect(res.status, method).toBe(405);
      expect(((await res.json()) as { error: { code: string } }).error.code, method).toBe('METHOD_NOT_ALLOWED');
    }
  });
});
