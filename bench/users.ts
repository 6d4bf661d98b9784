// Bench users straight into Postgres (one password hash shared), then logged in through the API.
import pg from 'pg';
import { hashPassword } from '../worker/features/auth/password.ts';

export const BENCH_PASSWORD = 'bench password not common';

export async function createUsers(databaseUrl: string, n: number, tag: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const hash = await hashPassword(BENCH_PASSWORD);
    const emails = Array.from({ length: n }, (_, i) => `${tag}-${Date.now()}-${i}@bench.cadence.test`);
    await client.query('insert into users (email, password_hash, display_name) select e, $2, $3 from unnest($1::text[]) as e', [
      emails,
      hash,
      'Bench',
    ]);
    return emails;
  } finally {
    await client.end();
  }
}

export async function login(base: string, origin: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin,
      'cf-connecting-ip': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`bench login failed: ${res.status}`);
  return cookie;
}
