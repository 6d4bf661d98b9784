import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/cloudflare';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { demoRefusalPage, isDemoMutation } from './demo.middleware';
// @ts-ignore -- produced by `npm run build` (remix vite:build) before the worker is bundled.
import * as build from '../../web/build/server/index.js';

const handleRemix = createRequestHandler(build as unknown as ServerBuild, 'production');

/** Every non-API path renders through Remix; loaders get the same services the API uses (no HTTP hop). */
export async function renderPage(c: Context<AppEnv>): Promise<Response> {
  // The demo role reads only: page actions are refused here, before Remix runs them.
  if (await isDemoMutation(c)) return demoRefusalPage();
  const context: AppLoadContext = {
    services: c.var.services,
    auth: c.var.auth,
    requestId: c.var.requestId,
    cspNonce: c.var.secureHeadersNonce ?? '',
    waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p),
    clientIp: c.req.header('cf-connecting-ip') ?? 'local',
  };
  return handleRemix(c.req.raw, context);
}
