export interface SmsMessage {
  /** E.164 recipient. */
  to: string;
  body: string;
}

/** Twilio accepted the message: its sid (SM…) and initial status (queued / accepted / sent). */
export type SmsSendResult =
  | { ok: true; sid: string; status: string }
  | {
      ok: false;
      code: number | null;
      message: string;
      status: number;
      retryable: boolean;
      /** No answer (timed out, connection cut): Twilio may have accepted it. Look it up before sending again. */
      unconfirmed?: boolean;
    };

/** A message Twilio holds: what a lookup after an unconfirmed send finds. */
export interface SentSms {
  sid: string;
  status: string;
}

export interface SmsSender {
  /** Sends one SMS. Refusals by the provider are answered, not thrown; only network failures throw. */
  send(message: SmsMessage): Promise<SmsSendResult>;
  /**
   * The messages to `to` with exactly this body that Twilio created at or after `since`, newest first (Twilio takes
   * no idempotency key, so this is how a send that got no answer is not sent twice). Throws when Twilio cannot say.
   */
  findSent(query: { to: string; body: string; since: Date }): Promise<SentSms[]>;
}

export interface WebhookVerifier {
  /** Whether `signature` (X-Twilio-Signature) signs this public URL and these POST params. */
  verify(url: string, params: Record<string, string>, signature: string): Promise<boolean>;
}
