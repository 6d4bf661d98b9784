// The push outbox page: what each accepted message decrypted to (title, body, link) and how it was sent
// (urgency, topic, TTL, time, VAPID subject), newest first, like the email and SMS outboxes.
import { escapeHtml, linkify, page } from '../http.ts';
import type { PushMessage, PushState } from './state.ts';

function article(m: PushMessage): string {
  const tags = [
    `<span class="tag">urgency ${escapeHtml(m.urgency)}</span>`,
    m.topic ? `<span class="tag">topic ${escapeHtml(m.topic)}</span>` : '',
    `<span class="tag">TTL ${m.ttl} s</span>`,
    m.replaced.length ? `<span class="tag">replaced ${m.replaced.length}</span>` : '',
    m.deliveredAt ? '<span class="tag">delivered</span>' : '',
  ].join('');
  const link = m.link ? `<p>${linkify(m.link)}</p>` : '';
  return `<article><h2>${escapeHtml(m.title ?? '(no title)')}</h2>
<div class="meta"><time datetime="${m.receivedAt}">${m.receivedAt.replace('T', ' ').slice(0, 19)} UTC</time> · subscription <a href="/push/outbox?subscription=${m.subscription}"><code>${m.subscription.slice(0, 8)}</code></a> · ${tags}</div>
<pre>${escapeHtml(m.body ?? '')}</pre>${link}
<details><summary>Payload and headers</summary><dl class="headers"><dt>VAPID sub</dt><dd>${escapeHtml(m.vapid.sub)}</dd><dt>aud</dt><dd>${escapeHtml(m.vapid.aud)}</dd><dt>exp</dt><dd>${new Date(m.vapid.exp * 1000).toISOString()}</dd><dt>octets</dt><dd>body ${m.bytes.body}, plaintext ${m.bytes.plaintext}, padding ${m.bytes.padding}, rs ${m.bytes.recordSize}</dd></dl><pre>${escapeHtml(m.text)}</pre></details></article>`;
}

export function renderOutbox(nav: { href: string; label: string }[], messages: PushMessage[], state: PushState, origin: string): string {
  const summary = `<form method="post" action="/push/outbox/clear"><button>Clear</button></form>
<span class="meta">${messages.length} message${messages.length === 1 ? '' : 's'}, newest first · ${state.subscriptions.size} subscription${state.subscriptions.size === 1 ? '' : 's'} · push service at ${escapeHtml(origin)} · <a href="/push/outbox.json">JSON</a></span>`;
  const items = messages.slice(0, 200).map(article);
  return page(
    'Cadence provider sandbox — Push outbox',
    nav,
    summary +
      (items.length ? items.join('\n') : '<p class="empty">No push messages yet. Notifications the app pushes appear here, decrypted.</p>'),
  );
}
