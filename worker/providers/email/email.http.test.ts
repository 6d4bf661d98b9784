// The email adapter against the sandbox: a send the provider holds is given up on in bounded time (the caller
// retries it with the same Idempotency-Key), and that key makes a send that did land deliver once.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../env';
import { HttpEmailSender } from './email.http';

const base = () => parseEnv(env).EMAIL_API_URL.replace(/\/?$/, '/');
const outboxTo = async (to: string) =>
  ((await (await fetch(`${base()}outbox.json?to=${encodeURIComponent(to)}`)).json()) as { messages: { id: string }[] }).messages;

describe('HttpEmailSender', () => {
  it('gives up on a held send in bounded time; the retry with the same key is delivered once', async () => {
    // A path of this test's own: the sandbox holds its sends (the fault matches it) and no one else's.
    const lane = `held-${crypto.randomUUID()}`;
    await fetch(`${new URL(base()).origin}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: 'email', mode: 'timeout', seconds: 5, match: lane }),
    });
    const to = `held-${crypto.randomUUID()}@example.com`;
    const message = { to, subject: 'Your week', text: 'Three runs.', tag: 'weekly', idempotencyKey: crypto.randomUUID() };
    const t0 = Date.now();
    await expect(new HttpEmailSender(`${base()}${lane}/`, 'key', 'Cadence <hi@cadence.example>', 300).send(message)).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(4_000);

    // The provider answers again; the first real send and a second one (its answer lost) make one email.
    const sender = new HttpEmailSender(base(), 'key', 'Cadence <hi@cadence.example>');
    const a = await sender.send(message);
    const b = await sender.send(message);
    expect(b.id).toBe(a.id);
    expect(await outboxTo(to)).toHaveLength(1);
  });
});
