import { z } from 'zod';
import type { SentSms, SmsMessage, SmsSendResult, SmsSender } from './twilio';

const Created = z.object({ sid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/), status: z.string() });
const Listed = z.object({
  messages: z.array(z.object({ sid: z.string(), status: z.string(), body: z.string(), to: z.string(), date_created: z.string() })),
});
/** Twilio answers a send in well under a second; past this we stop waiting and treat the send as unconfirmed. */
const SEND_TIMEOUT_MS = 10_000;
/** A lookup reads messages created this long before the unconfirmed attempt too (clocks differ). */
const CLOCK_SKEW_MS = 5 * 60_000;
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
  /** Tests shorten it. */
  timeoutMs?: number;
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
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { authorization: this.auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? SEND_TIMEOUT_MS),
      });
    } catch (err) {
      // No answer is not a refusal: Twilio may have queued it. The caller looks before it sends again.
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return {
        ok: false,
        code: null,
        message: timedOut ? 'Twilio did not answer in time' : 'Could not reach Twilio',
        status: 0,
        retryable: true,
        unconfirmed: true,
      };
    }
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

  async findSent(query: { to: string; body: string; since: Date }): Promise<SentSms[]> {
    // Twilio's list filters by recipient (newest first); the body and creation time narrow it to our attempt.
    const url = new URL(this.endpoint);
    url.searchParams.set('To', query.to);
    url.searchParams.set('PageSize', '50');
    const res = await fetch(url, {
      headers: { authorization: this.auth, accept: 'application/json' },
      signal: AbortSignal.timeout(this.config.timeoutMs ?? SEND_TIMEOUT_MS),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`Twilio answered ${res.status} to a message lookup`);
    }
    const listed = Listed.parse(await res.json());
    const after = query.since.getTime() - CLOCK_SKEW_MS;
    return listed.messages
      .filter((m) => m.to === query.to && m.body === query.body && Date.parse(m.date_created) >= after)
      .map((m) => ({ sid: m.sid, status: m.status }));
  }
}
