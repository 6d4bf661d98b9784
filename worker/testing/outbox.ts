import { inject } from 'vitest';

export interface OutboxEmail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  tags: { name: string; value: string }[];
  /** Extra headers as the worker sent them (List-Unsubscribe, …). */
  headers: Record<string, string>;
  idempotencyKey: string | null;
}

/** Waits for the sandbox to receive an email to `to` (emails are sent after the response). */
export async function waitForEmail(to: string, timeoutMs = 5000): Promise<OutboxEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${inject('sandboxUrl')}/email/outbox.json?to=${encodeURIComponent(to)}`);
    const { messages } = (await res.json()) as { messages: OutboxEmail[] };
    if (messages[0]) return messages[0];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no email arrived');
}

export async function emailsTo(to: string): Promise<OutboxEmail[]> {
  const res = await fetch(`${inject('sandboxUrl')}/email/outbox.json?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { messages: OutboxEmail[] }).messages;
}

export const resetTokenFrom = (email: OutboxEmail) => {
  const match = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(email.text);
  if (!match?.[1]) throw new Error('no reset link in email');
  return match[1];
};
