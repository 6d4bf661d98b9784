// Calls through the real fetch handler with the database swapped for one the test proxy fakes
// (scripts/lib/ws-proxy.ts): `refusing` closes every connection at once (Postgres stopped or restarting) and answers
// Neon's /sql as an unreachable compute does; `silent` accepts and never answers (a stuck server).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../index';
import { ORIGIN } from './harness';

export const REFUSING_DATABASE_URL = 'postgres://postgres:postgres@refusing-database.invalid:5432/cadence';
export const SILENT_DATABASE_URL = 'postgres://postgres:postgres@silent-database.invalid:5432/cadence';

/** The test env with the database swapped (and any other settings given). */
export const envWithDatabase = (databaseUrl: string, extra: Record<string, string> = {}) =>
  ({ ...env, DATABASE_URL: databaseUrl, ...extra }) as unknown as typeof env;

/** One request with `testEnv`; the deferred work (closing the pool) must settle too, not hold the request open. */
export async function callWith(testEnv: typeof env, path: string, init: RequestInit & { headers: Record<string, string> }) {
  const { res, settled } = await answerWith(testEnv, path, init);
  await settled;
  return res;
}

/** The answer as soon as it is given, and the request's deferred work (`settled`) to wait for apart. */
export async function answerWith(testEnv: typeof env, path: string, init: RequestInit & { headers: Record<string, string> }) {
  const ctx = createExecutionContext();
  const headers = { host: 'cadence.test', 'cf-connecting-ip': `10.8.${Math.floor(Math.random() * 250)}.1`, ...init.headers };
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }) as Parameters<typeof worker.fetch>[0], testEnv, ctx);
  return { res, settled: waitOnExecutionContext(ctx) };
}
