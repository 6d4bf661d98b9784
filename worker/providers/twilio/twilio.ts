export interface SmsMessage {
  /** E.164 recipient. */
  to: string;
  body: string;
}

/** Twilio accepted the message: its sid (SM…) and initial status (queued / accepted / sent). */
export type SmsSendResult =
  | { ok: true; sid: string; status: string }
  | { ok: false; code: number | null; message: string; status: number; retryable: boolean };

export interface SmsSender {
  /** Sends one SMS. Refusals by the provider are answered, not thrown; only network failures throw. */
  send(message: SmsMessage): Promise<SmsSendResult>;
}

export interface WebhookVerifier {
  /** Whether `signature` (X-Twilio-Signature) signs this public URL and these POST params. */
  verify(url: string, params: Record<string, string>, signature: string): Promise<boolean>;
}
