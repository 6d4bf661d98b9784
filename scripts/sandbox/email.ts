// Email provider sandbox: accepts Resend-style sends and keeps them in an in-memory outbox
// that tests read as JSON and people read as a web page.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, escapeHtml, linkify, page, readBody, redirect, sendError, sendHtml, sendJson } from './http.ts';
import type { SandboxModule } from './http.ts';

export interface SandboxEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  tags: { name: string; value: string }[];
  /** Extra headers as sent (`List-Unsubscribe`, `List-Unsubscribe-Post`, …). */
  headers: Record<string, string>;
  /** The request's `Idempotency-Key` header, if any. */
  idempotencyKey: string | null;
  createdAt: string;
}

export interface EmailSandbox extends SandboxModule {
  /** Newest first; `to` filters on a recipient address, case-insensitively. */
  outbox: (to?: string) => SandboxEmail[];
  clear: () => void;
}

const CAP = 500;
const TAG_RE = /^[A-Za-z0-9_-]{1,256}$/;
// RFC 9110 token characters for names; values may not break the header block.
const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const IDEMPOTENCY_CAP = 10_000;

/** The bare address of `Name <a@b>` or `a@b`, lower-cased, for filtering. */
function address(recipient: string): string {
  const angled = /<([^>]+)>/.exec(recipient);
  return (angled?.[1] ?? recipient).trim().toLowerCase();
}

type Parsed = { ok: true; value: Omit<SandboxEmail, 'id' | 'createdAt' | 'idempotencyKey'> } | { ok: false; message: string };

/** Validates like the real provider would, so a malformed send fails in dev, not in production. */
function parseSend(raw: string): Parsed {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'Body must be valid JSON.' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, message: 'Body must be a JSON object.' };
  const b = body as Record<string, unknown>;
  const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  if (!isText(b.from)) return { ok: false, message: 'The `from` field is required.' };
  const to = typeof b.to === 'string' ? [b.to] : b.to;
  if (!Array.isArray(to) || to.length === 0 || to.length > 50)
    return { ok: false, message: 'The `to` field must list 1 to 50 recipients.' };
  if (!to.every((t) => isText(t) && /^[^\s@<>]+@[^\s@<>]+$/.test(address(t))))
    return { ok: false, message: 'Every `to` entry must be an email address.' };
  if (!isText(b.subject)) return { ok: false, message: 'The `subject` field is required.' };
  if (typeof b.text !== 'string') return { ok: false, message: 'The `text` field must be a string.' };
  if (b.html !== undefined && b.html !== null && typeof b.html !== 'string')
    return { ok: false, message: 'The `html` field must be a string.' };
  const tags = b.tags ?? [];
  if (!Array.isArray(tags)) return { ok: false, message: 'The `tags` field must be an array.' };
  for (const tag of tags) {
    const t = tag as Record<string, unknown> | null;
    if (
      typeof t !== 'object' ||
      t === null ||
      typeof t.name !== 'string' ||
      typeof t.value !== 'string' ||
      !TAG_RE.test(t.name) ||
      !TAG_RE.test(t.value)
    ) {
      return { ok: false, message: 'Each tag needs `name` and `value` of ASCII letters, numbers, underscores or dashes.' };
    }
  }
  const headers = b.headers ?? {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    return { ok: false, message: 'The `headers` field must be an object of header names to string values.' };
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME_RE.test(name) || typeof value !== 'string' || /[\r\n\0]/.test(value))
      return { ok: false, message: 'Each header needs a valid name and a single-line string value.' };
  }
  return {
    ok: true,
    value: {
      from: b.from,
      to: to as string[],
      subject: b.subject,
      text: b.text,
      html: typeof b.html === 'string' ? b.html : null,
      tags: (tags as { name: string; value: string }[]).map((t) => ({ name: t.name, value: t.value })),
      headers: { ...(headers as Record<string, string>) },
    },
  };
}

/** A `<base target>` so a click in the preview opens a tab instead of navigating the frame. */
function withNewTabLinks(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${base}`) : `${base}${html}`;
}

function renderOutbox(messages: SandboxEmail[], filter: string): string {
  const form = `<form method="get" action="/email/outbox"><input type="search" name="to" placeholder="Filter by recipient" value="${escapeHtml(filter)}"><button>Filter</button></form>
<form method="post" action="/email/outbox/clear"><button>Clear outbox</button></form>
<span class="meta">${messages.length} message${messages.length === 1 ? '' : 's'}, newest first · <a href="/email/outbox.json${filter ? `?to=${encodeURIComponent(filter)}` : ''}">JSON</a></span>`;
  const items = messages.map((m) => {
    const tags = m.tags.map((t) => `<span class="tag">${escapeHtml(`${t.name}: ${t.value}`)}</span>`).join('');
    const headerRows: [string, string][] = [
      ...Object.entries(m.headers),
      ...(m.idempotencyKey ? [['Idempotency-Key (request)', m.idempotencyKey] as [string, string]] : []),
    ];
    const headers = headerRows.length
      ? `<dl class="headers">${headerRows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${linkify(v)}</dd>`).join('')}</dl>`
      : '';
    // The HTML part in a sandboxed frame: no scripts, no same-origin access; links open in a new tab.
    const html = m.html
      ? `<details open><summary>HTML version (preview)</summary><iframe class="preview" sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML preview of ${escapeHtml(m.subject)}" srcdoc="${escapeHtml(withNewTabLinks(m.html))}"></iframe></details>
<details><summary>HTML version (source)</summary><pre>${escapeHtml(m.html)}</pre></details>`
      : '';
    return `<article><h2>${escapeHtml(m.subject)}</h2>
<div class="meta">To ${escapeHtml(m.to.join(', '))} · from ${escapeHtml(m.from)} · <time datetime="${m.createdAt}">${m.createdAt.replace('T', ' ').slice(0, 19)} UTC</time> ${tags}</div>
${headers}<details open><summary>Text version</summary><pre>${linkify(m.text)}</pre></details>${html}</article>`;
  });
  return form + (items.length ? items.join('\n') : '<p class="empty">No messages yet. Emails the app sends appear here.</p>');
}

export function createEmailSandbox(opts: { log?: (line: string) => void; nav: () => { href: string; label: string }[] }): EmailSandbox {
  const log = opts.log ?? (() => {});
  let messages: SandboxEmail[] = [];
  // Resend's rule: a repeated Idempotency-Key with the same body answers the first id and sends nothing;
  // with a different body it is a 409. Kept 24 hours, across outbox clears (as a provider would).
  const idempotency = new Map<string, { id: string; body: string; at: number }>();
  // Scripted failures (tests): the next `count` sends to `to` answer `status`, as a provider's bad minute would.
  let failRules: { to: string; count: number; status: number }[] = [];
  const outbox = (to?: string) => (to ? messages.filter((m) => m.to.some((r) => address(r) === to.trim().toLowerCase())) : [...messages]);

  async function send(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = /^Bearer\s+(\S.*)$/i.exec(req.headers.authorization ?? '');
    if (!auth)
      return sendError(res, 401, 'missing_api_key', 'Missing API key in the authorization header. Include `Authorization: Bearer <key>`.');
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendError(res, 413, 'payload_too_large', err.message);
      throw err;
    }
    const parsed = parseSend(raw);
    if (!parsed.ok) return sendError(res, 422, 'validation_error', parsed.message);
    const rule = failRules.find((r) => r.count > 0 && parsed.value.to.some((t) => address(t) === r.to));
    if (rule) {
      rule.count--;
      failRules = failRules.filter((r) => r.count > 0);
      log(`email refused by fail-next → ${rule.status}`);
      return sendError(res, rule.status, 'application_error', 'The email provider failed (scripted).');
    }
    const keyHeader = req.headers['idempotency-key'];
    const key = typeof keyHeader === 'string' && keyHeader !== '' ? keyHeader : null;
    if (key !== null && key.length > 256)
      return sendError(res, 422, 'invalid_idempotency_key', 'The Idempotency-Key must be 1 to 256 characters.');
    const now = Date.now();
    // Oldest first (insertion order): stop at the first key still young enough while under the cap.
    for (const [k, v] of idempotency) {
      if (now - v.at <= IDEMPOTENCY_TTL_MS && idempotency.size <= IDEMPOTENCY_CAP) break;
      idempotency.delete(k);
    }
    const seen = key === null ? undefined : idempotency.get(key);
    if (seen) {
      if (seen.body !== raw)
        return sendError(res, 409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
      log(`email replayed id=${seen.id} (idempotency key)`);
      return sendJson(res, 200, { id: seen.id });
    }
    const message: SandboxEmail = { id: randomUUID(), ...parsed.value, idempotencyKey: key, createdAt: new Date().toISOString() };
    if (key !== null) idempotency.set(key, { id: message.id, body: raw, at: now });
    messages = [message, ...messages].slice(0, CAP);
    // Ids and tags only: recipients and bodies stay out of logs.
    log(`email accepted id=${message.id} tags=${message.tags.map((t) => t.value).join(',') || '-'}`);
    sendJson(res, 200, { id: message.id });
  }

  return {
    prefix: 'email',
    title: 'Email outbox',
    outbox,
    clear: () => {
      messages = [];
    },
    async handle(req, res, url) {
      const route = `${req.method} ${url.pathname.replace(/\/+$/, '') || '/'}`;
      const to = url.searchParams.get('to') ?? '';
      switch (route) {
        case 'POST /email/emails':
          await send(req, res);
          return true;
        case 'POST /email/_control/fail-next': {
          const b = JSON.parse((await readBody(req)) || '{}') as { to?: string; count?: number; status?: number };
          if (typeof b.to !== 'string') {
            sendError(res, 400, 'validation_error', '`to` is required.');
            return true;
          }
          failRules.push({ to: address(b.to), count: b.count ?? 1, status: b.status ?? 503 });
          sendJson(res, 200, { failNext: failRules });
          return true;
        }
        case 'GET /email/outbox.json':
          sendJson(res, 200, { messages: outbox(to) });
          return true;
        case 'DELETE /email/outbox.json':
          messages = [];
          sendJson(res, 200, { cleared: true });
          return true;
        case 'GET /email/outbox':
          sendHtml(res, 200, page('Cadence provider sandbox — Email outbox', opts.nav(), renderOutbox(outbox(to), to)));
          return true;
        case 'POST /email/outbox/clear':
          messages = [];
          redirect(res, '/email/outbox');
          return true;
        default:
          return false;
      }
    },
  };
}
