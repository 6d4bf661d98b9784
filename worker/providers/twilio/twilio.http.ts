import { z } from 'zod';
import type { SmsMessage, SmsSendResult, SmsSender } from './twilio';

const Created = z.object({ sid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/), status: z.string() });
// Twilio's REST error body: { code, message, more_info, status }.
const TwilioError = z.object({
  code: z.number().nullable().optional(),
  message: z.string(),
  more_info: z.string().optional(),
  status: z.number().optional(),
});

export interface TwilioConfig {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  messagingServiceSid?: string | undefined;
  fromNumber?: string | undefined;
}

/** Twilio's Messages API over fetch: form-encoded POST, HTTP Basic auth (AccountSid:AuthToken). */
export class TwilioSmsSender implements SmsSender {
  private readonly endpoint: URL;
  private readonly auth: string;

  constructor(private readonly config: TwilioConfig) {
    if (!config.messagingServiceSid && !config.fromNumber)
      throw new Error('Twilio needs TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER');
    const base = config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`;
    this.endpoint = new URL(`2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`, base);
    this.auth = `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`;
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    if (this.config.messagingServiceSid) form.set('MessagingServiceSid', this.config.messagingServiceSid);
    else form.set('From', this.config.fromNumber!);
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { authorization: this.auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    const payload: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const created = Created.safeParse(payload);
      if (created.success) return { ok: true, sid: created.data.sid, status: created.data.status };
      return { ok: false, code: null, message: 'Unexpected response from Twilio', status: res.status, retryable: true };
    }
    const err = TwilioError.safeParse(payload);
    return {
      ok: false,
      code: err.success ? (err.data.code ?? null) : null,
      message: err.success ? err.data.message : `Twilio answered ${res.status}`,
      status: res.status,
      // 429 and 5xx are Twilio's transient answers; 4xx (bad number, opted out, auth) will not change on retry.
      retryable: res.status === 429 || res.status >= 500,
    };
  }
}
