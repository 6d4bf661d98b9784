// An assistant connects with an API key (ADRs 105, 106): it is offered only the tools its scopes cover, a key
// without `analytics:read` does not reach the endpoint, and a revoked key is refused at once.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import { makeKey, withKey } from '../api-keys/api-keys.testing';
import { MCP_TOOLS } from './mcp.server';
import { connect, seedAthlete } from './mcp.testing';

describe('the MCP endpoint with an API key', () => {
  it('lists and calls only the tools its scopes cover; without analytics:read 403, revoked 401', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await giveTier(h, me.user.id, 'pro');
    await seedAthlete(h, me.user.id);
    const key = await makeKey(h, me.cookie, ['analytics:read', 'wellness:read']);
    const client = await connect('modern', null, [], key.secret);
    const listed = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(listed).toEqual(
      MCP_TOOLS.filter((t) => t.scope === 'analytics:read' || t.scope === 'wellness:read')
        .map((t) => t.name)
        .sort(),
    );
    const fitness = (await client.callTool({ name: 'fitness', arguments: { days: 90 } })) as {
      isError?: boolean;
      structuredContent?: unknown;
    };
    expect(fitness.isError).toBeFalsy();
    expect(fitness.structuredContent).toBeDefined();
    const refused = (await client.callTool({ name: 'recent_activities', arguments: {} }).catch((e: unknown) => e)) as unknown;
    // A tool the key's scopes do not cover is not there at all: the protocol's "no such tool" (-32602).
    expect(refused).toMatchObject({ code: -32602 });
    await client.close();

    const noAnalytics = await makeKey(h, me.cookie, ['activities:read']);
    const init = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
    const r = await withKey(h, noAnalytics, '/mcp', {
      method: 'POST',
      body: init,
      headers: { accept: 'application/json, text/event-stream' },
    });
    expect(r.status).toBe(403);
    expect(await r.text()).toContain('SCOPE_REQUIRED');

    expect((await h.json(`/api/v1/me/api-keys/${key.id}`, { method: 'DELETE', cookie: me.cookie })).status).toBe(200);
    const gone = await withKey(h, key, '/mcp', { method: 'POST', body: init, headers: { accept: 'application/json, text/event-stream' } });
    expect(gone.status).toBe(401);
  });
});
