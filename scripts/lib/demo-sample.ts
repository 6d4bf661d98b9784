// The demo role's sample athlete: the read-only "demo" account's own Home, Training and
// Analytics show a copy of the demo athlete's file history under the name "Sample Athlete", so a
// walkthrough sees real product pages without anyone's personal data and without acting as anyone.
// Only file-sourced rows are copied: Strava data may not be shown to anyone but its athlete. The copy
// is made in SQL (the demo account cannot upload: it is read-only), then the owner rebuilds its
// analytics through the operators' API so every derived figure comes from the app's own code.
import pg from 'pg';
import { copyFileHistory } from './demo-sample-copy.ts';
import { demoLogin } from './demo-strava.ts';
import type { Stack } from './stack.ts';

const idOf = async (client: pg.Client, email: string) =>
  (await client.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email])).rows[0]?.id ?? null;

/** Copies the source athlete's file activities and streams to the sample account once; returns how many. */
export async function copySampleHistory(databaseUrl: string, fromEmail: string, toEmail: string): Promise<number | 'already'> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const from = await idOf(client, fromEmail);
    const to = await idOf(client, toEmail);
    if (!from || !to) throw new Error('the demo athlete or the demo account is missing (seed first)');
    await client.query('BEGIN');
    const copied = await copyFileHistory((text, params) => client.query(text, params), from, to);
    await client.query('COMMIT');
    return copied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** The copy, then a full rebuild (derive: re-read every stream) by the owner, through the API. */
export async function ensureSampleAthlete(
  stack: Stack,
  logins: { athlete: { email: string }; demo: { email: string }; owner: { email: string; password: string } },
): Promise<number | 'already'> {
  const copied = await copySampleHistory(stack.databaseUrl, logins.athlete.email, logins.demo.email);
  if (copied === 'already' || copied === 0) return copied;
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  client.on('error', () => {});
  await client.connect();
  const userId = await idOf(client, logins.demo.email).finally(() => client.end());
  const cookie = await demoLogin(stack, logins.owner);
  const res = await fetch(`${stack.workerUrl}/api/v1/admin/analytics/rebuild`, {
    method: 'POST',
    headers: { cookie, origin: stack.appUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ userId, derive: true }),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`the analytics rebuild answered ${res.status}`);
  return copied;
}
