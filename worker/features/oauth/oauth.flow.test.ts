// OAuth 2.1 end to end (issue 59, ADR 107), driven by the MCP SDK's own OAuth client as an assistant connects: the
// 401 challenge, discovery, dynamic registration, PKCE, the consent page signed in, the code exchanged, the tools its
// scopes cover; then the athlete's list, a lapsed tier, Disconnect, Deny, a blocked account, and a deletion request.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { membershipGrants, users } from '../../db/schema';
import { Harness } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import { MCP_TOOLS } from '../mcp/mcp.server';
import { seedAthlete } from '../mcp/mcp.testing';
import { atIssuer, CALLBACK, connectWith, consent, ISSUER, openConsent, TestAssistant, transportFor } from './oauth.testing';

const callTool = async (client: Awaited<ReturnType<typeof connectWith>>, name: string) =>
  (await client.callTool({ name, arguments: {} })) as { isError?: boolean; structuredContent?: unknown };

/** The assistant meets the 401, registers and sends the athlete to the consent page; returns where it opened. */
async function startConnecting(assistant: TestAssistant): Promise<URL> {
  await expect(connectWith(assistant)).rejects.toThrow();
  if (!assistant.authorizationUrl) throw new Error('the client was not sent to sign in');
  return assistant.authorizationUrl;
}

describe('OAuth 2.1 for /mcp', () => {
  it('an assistant connects with DCR + PKCE, reads what was granted, and is listed, refused and disconnected', async () => {
    const h = Harness.init();
    const me = await h.signup({ displayName: 'Ada Runner' });
    await giveTier(h, me.user.id, 'pro');
    await seedAthlete(h, me.user.id);

    // Unauthenticated: the challenge names the resource's metadata, which names the issuer and the scope to ask.
    const bare = await h.call('/mcp', { method: 'POST', body: { jsonrpc: '2.0', id: 1, method: 'tools/list' } });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${ISSUER}/.well-known/oauth-protected-resource/mcp", scope="analytics:read"`,
    );
    const resource = await (await atIssuer('/.well-known/oauth-protected-resource/mcp')).json();
    expect(resource).toMatchObject({ resource: `${ISSUER}/mcp`, authorization_servers: [ISSUER] });
    const server = await (await atIssuer('/.well-known/oauth-authorization-server')).json();
    expect(server).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/oauth/authorize`,
      token_endpoint: `${ISSUER}/oauth/token`,
      registration_endpoint: `${ISSUER}/oauth/register`,
      code_challenge_methods_supported: ['S256'],
    });

    const assistant = new TestAssistant();
    const url = await startConnecting(assistant);
    expect(assistant.info?.client_id).toBeTruthy();
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('resource')).toBe(`${ISSUER}/mcp`);

    // Every read is offered, ticked; the athlete keeps activities and analytics, not wellness or the plan.
    const allowed = await consent(url, me.cookie, 'allow', ['activities:read']);
    expect(allowed.page).toContain('Connect Test Assistant?');
    expect(allowed.page).toContain('127.0.0.1');
    // The browser holds Allow's redirect to the page's form-action: the assistant's origin is added, nothing else.
    expect(allowed.csp).toContain("form-action 'self' http://127.0.0.1:33418;");
    expect(allowed.status, allowed.body).toBe(302);
    const back = new URL(allowed.location ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('iss')).toBe(ISSUER);
    await transportFor(assistant).finishAuth(back.searchParams);
    expect(assistant.saved?.access_token).toBeTruthy();

    const client = await connectWith(assistant);
    const tools = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(tools).toEqual(
      MCP_TOOLS.filter((t) => t.scope === 'activities:read' || t.scope === 'analytics:read')
        .map((t) => t.name)
        .sort(),
    );
    expect((await callTool(client, 'fitness')).structuredContent).toBeDefined();
    expect(tools).not.toContain('wellness_readiness');

    const listed = await h.json<{ assistants: { id: string; clientName: string; scopes: string[] }[] }>('/api/v1/me/assistants', {
      cookie: me.cookie,
    });
    expect(listed.body.assistants).toEqual([
      expect.objectContaining({
        clientName: 'Test Assistant',
        redirectHost: '127.0.0.1',
        scopes: ['activities:read', 'analytics:read'],
        lastUsedAt: expect.any(String),
      }),
    ]);
    const grant = listed.body.assistants[0]!;
    expect(await h.auditFor('oauth_client', assistant.info!.client_id)).toEqual([expect.objectContaining({ action: 'oauth.grant' })]);

    // The tier now, on every call: lapsed → 403; back on Pro → served again.
    await h.db.delete(membershipGrants).where(eq(membershipGrants.userId, me.user.id));
    await expect(client.listTools()).rejects.toThrow(/403|ENTITLEMENT/);
    await giveTier(h, me.user.id, 'pro');
    expect((await client.listTools()).tools.length).toBe(tools.length);

    // Someone else cannot disconnect it; the athlete can, and the next call is 401 with the challenge.
    const other = await h.signup();
    expect((await h.call(`/api/v1/me/assistants/${grant.id}`, { method: 'DELETE', cookie: other.cookie })).status).toBe(404);
    expect((await h.call(`/api/v1/me/assistants/${grant.id}`, { method: 'DELETE', cookie: me.cookie })).status).toBe(204);
    const revoked = await h.call('/mcp', {
      method: 'POST',
      body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      headers: { authorization: `Bearer ${assistant.saved?.access_token}`, accept: 'application/json, text/event-stream' },
    });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await h.json<{ assistants: unknown[] }>('/api/v1/me/assistants', { cookie: me.cookie })).body.assistants).toEqual([]);
  });

  it('Deny goes back with access_denied; a blocked account and a deletion request stop a connected assistant', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await giveTier(h, me.user.id, 'pro');

    const denied = await consent(await startConnecting(new TestAssistant()), me.cookie, 'deny');
    expect(denied.status).toBe(302);
    expect(new URL(denied.location ?? '').searchParams.get('error')).toBe('access_denied');

    const assistant = new TestAssistant();
    const ok = await consent(await startConnecting(assistant), me.cookie, 'allow');
    await transportFor(assistant).finishAuth(new URL(ok.location ?? '').searchParams);
    const client = await connectWith(assistant);
    await h.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, me.user.id));
    await expect(client.listTools()).rejects.toThrow();
    await h.db.update(users).set({ blockedAt: null }).where(eq(users.id, me.user.id));
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);

    const asked = await h.json('/api/v1/me/deletion', { body: { password: me.password, confirm: 'DELETE' }, cookie: me.cookie });
    expect(asked.status, JSON.stringify(asked.body)).toBeLessThan(300);
    await expect(client.listTools()).rejects.toThrow();
  });

  it('a Free athlete is offered Pro, not a consent form; an unknown client gets an error on our page, not a redirect', async () => {
    const h = Harness.init();
    const pro = await h.signup();
    await giveTier(h, pro.user.id, 'pro');
    const url = await startConnecting(new TestAssistant());

    const free = await h.signup();
    const offered = await openConsent(url, free.cookie);
    expect(offered.page.status).toBe(200);
    expect(offered.html).toContain('Upgrade to Pro');
    expect(offered.html).not.toContain('name="handle"');

    const forged = new URL(url);
    forged.searchParams.set('client_id', 'not-a-registered-client');
    const refused = await openConsent(forged, pro.cookie);
    expect(refused.page.status).toBe(400);
    expect(refused.html).toContain('This request cannot be used');
  });
});
