import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../context';
import { AppError, ErrorCode } from '../lib/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const MAX_BODY_BYTES = 1024 * 1024;

// Maps (ADR 098): MapLibre's CSP build runs its worker from our own origin (worker-src 'self', said outright
// rather than left to script-src's fallback) and fetches the style and tiles from our API (connect-src 'self');
// its control icons are data: SVGs in its stylesheet (img-src data:, which the app already allowed). No blob:.
const baseCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", NONCE],
  workerSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const headersFor = (production: boolean) =>
  secureHeaders({
    contentSecurityPolicy: baseCsp,
    strictTransportSecurity: production ? 'max-age=63072000; includeSubDomains; preload' : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    xContentTypeOptions: 'nosniff',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
const devHeaders = headersFor(false);
const prodHeaders = headersFor(true);

/** Security headers with a per-request CSP nonce (Remix passes it to its inline scripts). */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  const production = c.env.APP_ENV === 'production' || c.env.APP_ENV === 'staging';
  await (production ? prodHeaders : devHeaders)(c, next);
  // The OAuth consent page's Allow ends at the assistant's redirect URI: browsers hold a form's redirect to form-action.
  const extra = c.var.formActionOrigins;
  const csp = c.res.headers.get('Content-Security-Policy');
  if (extra?.length && csp)
    c.res.headers.set('Content-Security-Policy', csp.replace("form-action 'self'", `form-action 'self' ${extra.join(' ')}`));
});

/**
 * Token-authorised endpoints that other sites post to by design and that never read the session: the
 * RFC 8058 one-click unsubscribe (mail providers and webmail pages), which can only turn its token's
 * email categories off; OAuth's token and registration endpoints (ADR 107), which browser-based assistants call
 * and which take a code, a client's credentials or nothing, never a cookie.
 */
const CROSS_SITE_POSTS = new Set(['/api/v1/notifications/unsubscribe', '/oauth/token', '/oauth/register']);

/**
 * CSRF defence for every state-changing request except provider webhooks (those verify signatures), API keys and
 * CROSS_SITE_POSTS: a present Origin must be ours; with no Origin, the browser's Sec-Fetch-Site must say
 * same-origin, and a cookie-carrying request with neither is refused.
 */
export const originCheck = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/webhooks/') || CROSS_SITE_POSTS.has(c.req.path)) return next();
  // An API key is sent on purpose by the program holding it, never attached by a browser: no CSRF to fear (ADR 105).
  // The request reads no cookie at all (request.middleware.ts), so another site cannot ride a session on it.
  if (c.get('auth').bearer) return next();
  const allowed = new Set([new URL(c.env.APP_ORIGIN).origin, new URL(c.req.url).origin]);
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const refused = () => new AppError(ErrorCode.CSRF, 'This request came from another site and was refused.');
  if (origin) {
    if (!allowed.has(origin)) throw refused();
  } else if (site) {
    if (site !== 'same-origin' && site !== 'none') throw refused();
  } else if (c.get('auth').token) {
    throw refused();
  }
  return next();
});

const jsonLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  },
});

// Uploads stream to storage under their own, larger caps, checked by the one upload reader
// (lib/upload-reader.ts); the no-JavaScript forms on Settings → Data post multipart up to the form limit.
const UPLOAD_PATHS = new Set(['/api/v1/imports', '/api/v1/privacy/reimports']);
const formUploadLimit = bodyLimit({
  maxSize: 25 * 1024 * 1024 + 64 * 1024,
  onError: () => {
    throw new AppError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      'Form uploads are limited to 25 MiB; with JavaScript on, larger files upload directly.',
    );
  },
});
export const limitBody = createMiddleware<AppEnv>((c, next) => {
  if (c.req.method !== 'POST') return jsonLimit(c, next);
  if (UPLOAD_PATHS.has(c.req.path)) return next();
  // Its forms post to `/settings/data.data` with JavaScript on (Remix single fetch): the archive import's did,
  // and any archive over 1 MiB was refused (issue 37's first-day walk).
  if (c.req.path === '/settings/data' || c.req.path === '/settings/data.data') return formUploadLimit(c, next);
  // The installed app's share target posts the shared activity files here (ADR 077).
  if (c.req.path === '/share') return formUploadLimit(c, next);
  return jsonLimit(c, next);
});

/**
 * A NUL anywhere in the address (path or query) is refused before any route runs. Belt and braces:
 * routes validate their own params with zod, but pages read params too, and Postgres fails on NUL.
 */
export const refuseNulInUrl = createMiddleware<AppEnv>((c, next) => {
  const url = c.req.url;
  if (url.includes('\u0000') || /%00/i.test(url)) throw new AppError(ErrorCode.BAD_REQUEST, 'The address contains a NUL character.');
  return next();
});
