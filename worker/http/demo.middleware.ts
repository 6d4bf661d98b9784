import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { AppError, ErrorCode } from '../lib/errors';

// The demo role reads only. One rule for the API and for page actions, checked before any
// route runs so a new mutation cannot forget it. Logging out stays possible.
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const API_ALLOWED = new Set(['/api/v1/auth/logout']);
const PAGE_ALLOWED = new Set(['/logout', '/logout.data']);

export const DEMO_READ_ONLY_MESSAGE = 'This is a read-only demo account: changes are switched off.';

/** Whether a request is a mutation the demo role may not make (signed-out and other roles: false). */
export async function isDemoMutation(c: { req: { method: string; path: string }; var: AppEnv['Variables'] }): Promise<boolean> {
  if (READS.has(c.req.method)) return false;
  const allowed = c.req.path.startsWith('/api/') ? API_ALLOWED : PAGE_ALLOWED;
  if (allowed.has(c.req.path)) return false;
  // Only requests with a session cookie can be a demo viewer; others skip the lookup.
  if (!c.var.auth.token) return false;
  const viewer = await c.var.auth.viewer();
  return viewer?.user.role === 'demo';
}

/** API: every non-read request of a demo viewer is 403 DEMO_READ_ONLY. */
export const refuseDemoWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (await isDemoMutation(c)) throw new AppError(ErrorCode.DEMO_READ_ONLY, DEMO_READ_ONLY_MESSAGE);
  await next();
});

/** Pages: a demo viewer's form post gets a plain, friendly 403 page instead of running the action. */
export function demoRefusalPage(): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Read-only demo · Cadence</title></head><body><main><h1>Read-only demo</h1>
<p>${DEMO_READ_ONLY_MESSAGE} Everything you can see is there to look at.</p>
<p><a href="/admin">Back to the console</a> · <a href="/">Home</a></p></main></body></html>`;
  return new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8', 'x-error-code': 'DEMO_READ_ONLY' } });
}
