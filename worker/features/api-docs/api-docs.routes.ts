import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { guardRoute, publicAccess } from '../../http/access';
import { DOCS_CSS, DOCS_JS } from './api-docs.client';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Cadence API reference</title><link rel="stylesheet" href="/api/docs/docs.css"></head>
<body><header><h1 id="title">Cadence API</h1><p id="desc"></p><p><a class="spec-link" href="/api/openapi.json">openapi.json</a></p></header>
<main id="ops" aria-busy="true">Loading the API description…</main><script src="/api/docs/docs.js" defer></script></body></html>`;

/** Interactive reference generated in the browser from /api/openapi.json; no third-party CDN, works offline. */
const open = guardRoute(publicAccess('the API reference page'), 'normal', 'none', 'none');

export const apiDocsRoutes = new Hono<AppEnv>()
  .get('/', open, (c) => c.html(PAGE))
  .get('/docs.js', open, (c) =>
    c.body(DOCS_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  )
  .get('/docs.css', open, (c) =>
    c.body(`${DOCS_CSS}.spec-link{color:inherit}`, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );
