export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Tag for the provider's dashboards and our sandbox outbox, e.g. "password-reset". */
  tag: string;
}

export interface EmailSender {
  /** Sends one message; resolves with the provider's message id. */
  send(message: EmailMessage): Promise<{ id: string }>;
}
