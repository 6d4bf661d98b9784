// The fault injector in front of every provider: 5xx, 429 with Retry-After and a hang, for one provider (or one
// matching path) while it lasts; control and outbox routes stay readable; counts per provider and mode.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.faults.clear());

const emailSend = () =>
  fetch(`${sandbox.url}/email/emails`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'a@cadence.example', to: ['b@cadence.example'], subject: 's', text: 't' }),
  });

describe('sandbox faults', () => {
  it('answers 503 for the faulted provider only, and the provider again once cleared', async () => {
    sandbox.faults.inject({ prefix: 'email', mode: 'error', seconds: 30 });
    const faulted = await emailSend();
    expect(faulted.status).toBe(503);
    expect(((await faulted.json()) as { sandboxFault: string }).sandboxFault).toBe('error');
    // Another provider is untouched; the outbox (a test's read) is never faulted.
    expect((await fetch(`${sandbox.url}/llm/_control/state`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/email/outbox.json`)).status).toBe(200);
    expect(sandbox.outbox()).toHaveLength(0);
    expect(sandbox.faults.state().faulted).toEqual({ email: { error: 1 } });

    sandbox.faults.clear('email');
    expect((await emailSend()).status).toBe(200);
    expect(sandbox.outbox()).toHaveLength(1);
  });

  it('rate-limits with Retry-After, and ends by itself when its time is up', async () => {
    sandbox.faults.inject({ prefix: 'email', mode: 'ratelimit', seconds: 0.3, retryAfter: 7 });
    const limited = await emailSend();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    await new Promise((r) => setTimeout(r, 350));
    expect((await emailSend()).status).toBe(200);
    expect(sandbox.faults.state().active).toEqual([]);
  });

  it('holds a request until the client gives up, and releases held requests on clear', async () => {
    sandbox.faults.inject({ prefix: 'email', mode: 'timeout', seconds: 60 });
    const gaveUp = await fetch(`${sandbox.url}/email/emails`, { method: 'POST', signal: AbortSignal.timeout(200) }).catch(
      (e: Error) => e.name,
    );
    expect(gaveUp).toBe('TimeoutError');
    const held = fetch(`${sandbox.url}/email/emails`, { method: 'POST' }).then(
      (r) => r.status,
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 100));
    sandbox.faults.clear();
    expect(await held).toBe('cut');
  });

  it('faults only the matching path when asked to, and takes specs over HTTP', async () => {
    const set = await fetch(`${sandbox.url}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: 'strava', mode: 'error', seconds: 30, status: 500, match: '/activities/42' }),
    });
    expect(set.status).toBe(200);
    const token = 'Bearer nobody';
    expect((await fetch(`${sandbox.url}/strava/api/v3/activities/42`, { headers: { authorization: token } })).status).toBe(500);
    // Not the matching path: Strava itself answers (401 for a token it never issued).
    expect((await fetch(`${sandbox.url}/strava/api/v3/activities/43`, { headers: { authorization: token } })).status).toBe(401);
    const bad = await fetch(`${sandbox.url}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prefix":"strava","mode":"melt","seconds":1}',
    });
    expect(bad.status).toBe(400);
  });
});
