// A coach's assistant (ADR 108): the clients who share their training, every read naming its client and checked
// against the org's consent on each call — another org's client, an ended link, a missing client_id all refused;
// wellness only while shared; whose data it is in every answer; both client generations; a team key and a session.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import { makeKey } from '../../api-keys/api-keys.testing';
import { connect, type McpClient, seedAthlete } from '../mcp.testing';
import { COACH_TOOL_NAMES } from './coach-mcp.server';

const PATH = '/api/v1/coach/mcp';
type Called = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: { text?: string }[] };
const call = async (client: McpClient, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as Called;

async function world(h: Harness) {
  const shares = await h.signup({ displayName: 'Sol Shares' });
  const ids = await seedAthlete(h, shares.user.id);
  const quiet = await h.signup({ displayName: 'Quinn Quiet' });
  const org = await coachOrg(h, { name: 'MCP Coaching' });
  const sol = await org.addClient('Sol Client');
  await org.linkAthlete(sol.id, shares);
  const [link] = (await h.json<{ links: { id: string }[] }>('/api/v1/me/coach-links', { cookie: shares.cookie })).body.links;
  const shared = await h.call(`/api/v1/me/coach-links/${link!.id}/wellness-share`, { method: 'PUT', cookie: shares.cookie });
  expect(shared.status).toBeLessThan(300);
  const quinn = await org.addClient('Quinn Client');
  await org.linkAthlete(quinn.id, quiet);
  const notLinked = await org.addClient('Never Linked');
  const other = await coachOrg(h, { name: 'Other Coaching' });
  const stranger = await h.signup({ displayName: 'Stranger' });
  const theirs = await other.addClient('Their Client');
  await other.linkAthlete(theirs.id, stranger);
  return { shares, ids, org, sol, quinn, notLinked, theirs, link: link! };
}

describe('a coach’s assistant at /api/v1/coach/mcp', () => {
  it('lists the sharing clients; every read names its client, refuses anyone else’s, and says whose it is', async () => {
    const h = Harness.init();
    const w = await world(h);
    const key = await makeKey(h, w.org.coach.cookie, ['coach:read'], { team: true });
    for (const generation of ['modern', 'legacy'] as const) {
      const client = await connect(generation, null, [], key.secret, PATH);
      const tools = (await client.listTools()).tools;
      expect(tools.map((t) => t.name).sort()).toEqual(['clients', ...COACH_TOOL_NAMES].sort());
      for (const t of tools.filter((x) => x.name !== 'clients'))
        expect((t as { inputSchema?: { required?: string[] } }).inputSchema?.required, t.name).toContain('client_id');

      const listed = (await call(client, 'clients', {})).structuredContent as {
        clients: { client_id: string; shares_wellness: boolean }[];
      };
      expect(listed.clients.map((c) => c.client_id).sort()).toEqual([w.sol.id, w.quinn.id].sort());
      expect(listed.clients.find((c) => c.client_id === w.quinn.id)?.shares_wellness).toBe(false);

      const recent = await call(client, 'recent_activities', { client_id: w.sol.id });
      expect(recent.isError).toBeFalsy();
      expect(recent.structuredContent).toMatchObject({ client_id: w.sol.id, client_name: 'Sol Shares' });
      const items = (recent.structuredContent as { activities: { id: string; unavailable?: unknown; distance_m?: number }[] }).activities;
      expect(items.find((a) => a.id === w.ids.la)?.distance_m).toBe(10_000);
      // Strava's API copy: done, never figures.
      expect(items.find((a) => a.id === w.ids.strava)).toMatchObject({ unavailable: expect.any(Object) });
      expect(items.find((a) => a.id === w.ids.strava)).not.toHaveProperty('distance_m');

      for (const [clientId, why] of [
        [w.theirs.id, 'another org’s client'],
        [w.notLinked.id, 'a client who never shared'],
        [crypto.randomUUID(), 'no such client'],
      ] as const) {
        const refused = await call(client, 'fitness', { client_id: clientId });
        expect(refused.isError, why).toBe(true);
        expect(refused.structuredContent, why).toBeUndefined();
      }
      // The client's activity by id, and Sol's activity asked for under Quinn: not found.
      expect((await call(client, 'activity', { client_id: w.sol.id, id: w.ids.la })).isError).toBeFalsy();
      expect((await call(client, 'activity', { client_id: w.quinn.id, id: w.ids.la })).isError).toBe(true);
      // Wellness: its own consent.
      expect((await call(client, 'wellness_readiness', { client_id: w.sol.id })).isError).toBeFalsy();
      const quiet = await call(client, 'wellness_readiness', { client_id: w.quinn.id });
      expect(quiet.isError).toBe(true);
      expect(quiet.content?.[0]?.text).toContain('does not share their wellness');
      // No client_id: the protocol refuses the call; it never falls back to the coach's own data.
      const missing = await call(client, 'fitness', {}).catch((e: unknown) => e);
      expect(missing).toSatisfy((r: unknown) => (r as Called).isError === true || (r as { code?: number }).code === -32602);
      await client.close();
    }

    // The athlete ends the link: the next read is refused at once.
    expect((await h.call(`/api/v1/me/coach-links/${w.link.id}/revoke`, { method: 'POST', cookie: w.shares.cookie })).status).toBeLessThan(
      300,
    );
    const after = await connect('modern', w.org.coach.cookie, [], null, PATH);
    expect((await call(after, 'fitness', { client_id: w.sol.id })).isError).toBe(true);
    await after.close();
  });

  it('needs coach:read: a personal key is refused, and an athlete with no org is not found', async () => {
    const h = Harness.init();
    const w = await world(h);
    const init = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
    const headers = { accept: 'application/json, text/event-stream' };
    const athlete = await h.call(PATH, { method: 'POST', body: init, headers, cookie: w.shares.cookie });
    expect(athlete.status).toBe(404);
    const { giveTier } = await import('../../../testing/scenarios');
    await giveTier(h, w.shares.user.id, 'pro');
    const personal = await makeKey(h, w.shares.cookie, ['analytics:read']);
    const refused = await h.call(PATH, { method: 'POST', body: init, headers: { ...headers, authorization: `Bearer ${personal.secret}` } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('SCOPE_REQUIRED');
  });
});
