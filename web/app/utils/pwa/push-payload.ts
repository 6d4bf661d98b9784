// The push message as the service worker reads it (the sender's payload: title, body, link). Every push
// shows a notification, so anything unreadable still becomes one (Safari revokes silent subscriptions).

export interface PushNotice {
  title: string;
  body: string;
  /** A path on our own origin; anything else opens Home. */
  link: string;
  tag?: string;
}

const FALLBACK: PushNotice = { title: 'Cadence', body: 'You have a new notification.', link: '/notifications' };

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

/** Only same-origin paths: a payload cannot send the athlete to another site. */
export function safeLink(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.includes('\\')) return undefined;
  return v;
}

export function readPushPayload(raw: string | null | undefined): PushNotice {
  if (!raw) return FALLBACK;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ...FALLBACK, body: raw.slice(0, 200) };
  }
  if (!parsed || typeof parsed !== 'object') return FALLBACK;
  const p = parsed as Record<string, unknown>;
  const tag = text(p.tag ?? p.topic, 64);
  return {
    title: text(p.title, 120) ?? FALLBACK.title,
    body: text(p.body, 400) ?? '',
    link: safeLink(p.link ?? p.url) ?? FALLBACK.link,
    ...(tag ? { tag } : {}),
  };
}
