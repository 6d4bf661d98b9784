import { z } from 'zod';
import type { EmailMessage, EmailSender } from './email';

const SendResponse = z.object({ id: z.string() });
/** Past this we stop waiting: the caller retries with the same Idempotency-Key, so a send that did land is not repeated. */
const SEND_TIMEOUT_MS = 10_000;

/** Speaks a Resend-style HTTP API (`POST /emails`, bearer key). In dev and tests the base URL is the sandbox. */
export class HttpEmailSender implements EmailSender {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly from: string,
    private readonly timeoutMs = SEND_TIMEOUT_MS,
  ) {}

  async send(message: EmailMessage): Promise<{ id: string }> {
    const res = await fetch(new URL('emails', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        'content-type': 'application/json',
        // Resend's retry guard: the same key (with the same body) within 24 hours delivers once.
        ...(message.idempotencyKey ? { 'idempotency-key': message.idempotencyKey } : {}),
      },
      body: JSON.stringify({
        from: this.from,
        to: [message.to],
        subject: message.subject,
        text: message.text,
        html: message.html,
        tags: [{ name: 'category', value: message.tag }],
        // Resend's `headers`: extra message headers as a name → value object (List-Unsubscribe, …).
        ...(message.headers && Object.keys(message.headers).length ? { headers: message.headers } : {}),
      }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`email provider answered ${res.status}`);
    return SendResponse.parse(await res.json());
  }
}
