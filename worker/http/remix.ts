import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/cloudflare';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { demoRefusalPage, isDemoMutation } from './demo.middleware';
import { databaseUnavailableSeconds, unavailableAsResponse } from './page-unavailable';
// @ts-ignore -- produced by `npm run build` (remix vite:build) before the worker is bundled.
import * as build from '../../web/build/server/index.js';

const handleRemix = createRequestHandler(build as unknown as ServerBuild, 'production');

/** Every non-API path renders through Remix; loaders get the same services the API uses (no HTTP hop). */
export async function renderPage(c: Context<AppEnv>): Promise<Response> {
  // The demo role reads only: page actions are refused here, before Remix runs them.
  if (await isDemoMutation(c)) return demoRefusalPage();
  const noteUnavailable = (retryAfterSeconds: number) => {
    context.unavailable = { retryAfterSeconds };
  };
  const context: AppLoadContext = {
    services: unavailableAsResponse(c.var.services, noteUnavailable),
    auth: unavailableAsResponse(c.var.auth, noteUnavailable),
    requestId: c.var.requestId,
    cspNonce: c.var.secureHeadersNonce ?? '',
    waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p),
    clientIp: c.req.header('cf-connecting-ip') ?? 'local',
    databaseUnavailable: databaseUnavailableSeconds,
    unavailable: null,
    allowFormAction: (origin: string) => {
      const url = new URL(origin);
      // Only a web origin: the CSP source expression must not carry a path, a quote or a space.
      if (url.protocol === 'https:' || url.protocol === 'http:')
        c.set('formActionOrigins', [...(c.var.formActionOrigins ?? []), url.origin]);
    },
  };
  const res = await handleRemix(c.req.raw, context);
  // A loader or action met the database down: the page (or its data request) answers 503 + Retry-After, like the API.
  if (!context.unavailable || res.status < 500) return res;
  const headers = new Headers(res.headers);
  headers.set('Retry-After', String(context.unavailable.retryAfterSeconds));
  return new Response(res.body, { status: 503, headers });
}
