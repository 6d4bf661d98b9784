export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Tag for the provider's dashboards and our sandbox outbox, e.g. "password-reset". */
  tag: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
  /** The provider's Idempotency-Key: a retried send with the same key delivers once. */
  idempotencyKey?: string;
}

export interface EmailSender {
  /** Sends one message; resolves with the provider's message id. */
  send(message: EmailMessage): Promise<{ id: string }>;
}
