// The demo role's sample athlete (issue 16): the read-only "demo" account's own Home, Training and
// Analytics show a copy of the demo athlete's file history under the name "Sample Athlete", so a
// walkthrough sees real product pages without anyone's personal data and without acting as anyone.
// Only file-sourced rows are copied: Strava data may not be shown to anyone but its athlete. The copy
// is made in SQL (the demo account cannot upload: it is read-only), then the owner rebuilds its
// analytics through the operators' API so every derived figure comes from the app's own code.
import pg from 'pg';
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
    const has = await client.query('SELECT 1 FROM activities WHERE user_id = $1 LIMIT 1', [to]);
    if (has.rowCount) return 'already';
    const cols = (
      await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = 'activities' AND column_name NOT IN ('id', 'user_id', 'duplicate_of')`,
      )
    ).rows.map((r) => `"${r.column_name}"`);
    await client.query('BEGIN');
    const copied = await client.query(
      `INSERT INTO activities (user_id, ${cols.join(', ')})
       SELECT $2, ${cols.join(', ')} FROM activities
        WHERE user_id = $1 AND source <> 'strava' AND duplicate_of IS NULL`,
      [from, to],
    );
    await client.query(
      `INSERT INTO activity_streams (activity_id, streams)
       SELECT n.id, s.streams
         FROM activities o
         JOIN activity_streams s ON s.activity_id = o.id
         JOIN activities n ON n.user_id = $2 AND n.source = o.source AND n.external_id = o.external_id
        WHERE o.user_id = $1`,
      [from, to],
    );
    await client.query('COMMIT');
    return copied.rowCount ?? 0;
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
