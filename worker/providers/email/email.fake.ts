import type { EmailMessage, EmailSender } from './email';

/** In-memory sender for service unit tests; records what was sent. */
export class FakeEmailSender implements EmailSender {
  readonly sent: EmailMessage[] = [];
  async send(message: EmailMessage): Promise<{ id: string }> {
    this.sent.push(message);
    return { id: `fake_${this.sent.length}` };
  }
}
