// Small helpers shared by the sandbox route modules (node:http only, no framework).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One provider sandbox, mounted by server.ts under `/<prefix>/`. */
export interface SandboxModule {
  prefix: string;
  title: string;
  /** The module's page for the navigation (default `/<prefix>/outbox`). */
  home?: string;
  /** Answers the request and returns true, or returns false when the path is not its own. */
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/**
 * The request path every provider sandbox shares: its dashboard at `/<prefix>/`, then its handlers in turn
 * (OAuth, API, control), one log line with the route's shape and status only (never tokens, codes or user
 * data; `quiet` skips successful high-volume reads), and the provider's own answer for a body it cannot read
 * (`badBody` returns false for an error that is not about the body).
 */
export function providerHandler(opts: {
  prefix: string;
  dashboard: () => string;
  handlers: RouteHandler[];
  log: (line: string) => void;
  shape: (path: string) => string;
  quiet: (path: string) => boolean;
  badBody: (res: ServerResponse, err: unknown) => boolean;
}): SandboxModule['handle'] {
  return async (req, res, url) => {
    if (req.method === 'GET' && (url.pathname === `/${opts.prefix}` || url.pathname === `/${opts.prefix}/`)) {
      sendHtml(res, 200, opts.dashboard());
      return true;
    }
    try {
      let handled = false;
      for (const handler of opts.handlers) {
        handled = await handler(req, res, url);
        if (handled) break;
      }
      if (handled && (!opts.quiet(url.pathname) || res.statusCode >= 400))
        opts.log(`${opts.prefix} ${req.method} ${opts.shape(url.pathname)} → ${res.statusCode}`);
      return handled;
    } catch (err) {
      if (opts.badBody(res, err)) return true;
      throw err;
    }
  };
}

/** Resend-style error body: `{ name, message, statusCode }`. */
export function sendError(res: ServerResponse, statusCode: number, name: string, message: string): void {
  sendJson(res, statusCode, { name, message, statusCode });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

// The pages render provider payloads (emails with links): nothing may execute, nothing loads remotely.
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** `csp` lets a page widen form-action, e.g. an OAuth consent form whose POST redirects to the app. */
export function sendHtml(res: ServerResponse, status: number, html: string, csp = PAGE_CSP): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location });
  res.end();
}

export class BodyTooLarge extends Error {}

/** Reads the whole body, refusing more than `limit` bytes (providers cap payloads too). */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(`body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const URL_RE = /https?:\/\/[^\s<>"']+/g;

/** Escapes `text` and turns http(s) URLs into links, so reset/verify links in emails are one click. */
export function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    // Sentence punctuation right after a URL is almost never part of it.
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    const start = match.index ?? 0;
    out += escapeHtml(text.slice(last, start));
    out += `<a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Page shell with the sandbox's navigation; `body` must already be escaped HTML. */
export function page(title: string, nav: { href: string; label: string }[], body: string): string {
  const links = nav.map((n) => `<a href="${escapeHtml(n.href)}">${escapeHtml(n.label)}</a>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --accent: #2563eb; }
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
  header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
  header h1 { font-size: 1.2rem; margin: 0 auto 0.5rem 0; }
  nav a, a { color: var(--accent); }
  nav a { margin-right: 0.75rem; }
  form { display: inline-flex; gap: 0.5rem; margin: 0 0.5rem 1rem 0; }
  input, button { font: inherit; padding: 0.2rem 0.5rem; }
  article { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
  article h2 { font-size: 1.05rem; margin: 0 0 0.25rem; }
  .meta { color: var(--muted); font-size: 0.85rem; }
  .tag { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 0.5rem; margin-right: 0.25rem; font-size: 0.8rem; }
  pre { white-space: pre-wrap; word-break: break-word; background: rgba(127,127,127,0.1); padding: 0.75rem; border-radius: 6px; }
  .empty { color: var(--muted); }
  .headers { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; font-size: 0.85rem; margin: 0.5rem 0; }
  .headers dt { color: var(--muted); }
  .headers dd { margin: 0; word-break: break-all; }
  iframe.preview { width: 100%; height: 36rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
  summary { cursor: pointer; margin: 0.5rem 0; }
</style></head>
<body><header><h1>${escapeHtml(title)}</h1><nav>${links}</nav></header>
${body}
</body></html>`;
}
