// Issue 59 (ADR 107): an assistant connects by OAuth as a desktop MCP client does — it registers, listens on a
// loopback port, sends the athlete (signed out) to the consent page; they sign in and Allow, and the browser goes
// back to the assistant with a code (held to the page's CSP form-action: what only a browser enforces); the code
// becomes a token that reads through /mcp; Settings → API lists the assistant and Disconnect ends it (401).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createAccount, createInvite, giveAthletePro, launchBrowser, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('connecting an assistant', () => {
  let browser: Browser;
  let assistant: Server;
  let CALLBACK = '';
  before(async () => {
    browser = await launchBrowser();
    // The assistant's own callback listener, as Claude Desktop or Cursor open one.
    assistant = createServer((_, res) => res.end('back at the assistant'));
    await new Promise<void>((done) => assistant.listen(0, '127.0.0.1', done));
    CALLBACK = `http://127.0.0.1:${(assistant.address() as AddressInfo).port}/callback`;
  });
  after(async () => {
    await browser?.close();
    assistant?.close();
  });

  it('sign in from the assistant, Allow, read through /mcp, Disconnect: 401', async () => {
    const email = uniqueEmail('assistant');
    const setup = await browser.newContext();
    await createAccount(await setup.newPage(), { email, password: PASSWORD, displayName: 'Assistant Athlete' }, await createInvite());
    await setup.close();
    await giveAthletePro(email);

    // The assistant registers itself and opens the authorization URL (PKCE S256).
    const registered = await fetch(`${APP_URL}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Trail Assistant', redirect_uris: [CALLBACK], token_endpoint_auth_method: 'none' }),
    });
    assert.equal(registered.status, 201, await registered.clone().text());
    const { client_id: clientId } = (await registered.json()) as { client_id: string };
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${APP_URL}/oauth/authorize`);
    const params = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: CALLBACK,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'e2e-state',
      scope: 'analytics:read',
      resource: `${APP_URL}/mcp`,
    };
    for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);

    // The athlete's browser, signed out: the login page, then the consent page.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(authorize.toString());
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Connect Trail Assistant?' }).waitFor();
    await page.getByText('An app on your computer').waitFor();
    await capture(page, 'assistant-consent');
    await page.getByLabel('Read wellness').uncheck();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.href.startsWith(CALLBACK));
    const back = new URL(page.url());
    assert.equal(back.searchParams.get('state'), 'e2e-state');

    const token = await fetch(`${APP_URL}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: CALLBACK,
        client_id: clientId,
        code_verifier: verifier,
        resource: `${APP_URL}/mcp`,
      }),
    });
    const tokens = (await token.json()) as { access_token?: string; scope?: string };
    assert.ok(tokens.access_token, JSON.stringify(tokens));
    const listTools = () =>
      fetch(`${APP_URL}/mcp`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.access_token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2025-11-25',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
      });
    const listed = await listTools();
    assert.equal(listed.status, 200);
    // A 2025-era request may be answered as one server-sent event: its data line is the JSON-RPC answer.
    const text = await listed.text();
    const json = text.startsWith('event:') ? (/^data: (.*)$/m.exec(text)?.[1] ?? '') : text;
    const names = (JSON.parse(json) as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name);
    assert.ok(names.includes('fitness') && names.includes('recent_activities'), names.join());
    assert.ok(!names.includes('wellness_readiness'), 'wellness was not granted');

    // Settings → API: the assistant, then Disconnect.
    await page.goto(`${APP_URL}/settings/api`);
    await page.getByText('Trail Assistant').waitFor();
    await capture(page, 'assistant-connected');
    await page.getByRole('button', { name: 'Disconnect Trail Assistant' }).click();
    await page.getByText(/is disconnected/).waitFor();
    assert.equal((await listTools()).status, 401);
    await context.close();
  });
});
