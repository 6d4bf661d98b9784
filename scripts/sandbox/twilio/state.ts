// In-memory state of the Twilio sandbox: messages both ways, opt-outs, scripted failures and config.
import { createHmac, randomBytes } from 'node:crypto';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender used for simulated inbound `To` and for sends that name a Messaging Service. */
  phoneNumber: string;
  /** The public URL Twilio signs inbound webhooks for (the app's APP_ORIGIN + /webhooks/twilio/sms). */
  webhookUrl: string | null;
  /** Where deliveries are actually POSTed, when it differs from the public URL (dev: the worker's address). */
  deliverUrl: string | null;
}

export interface SandboxSms {
  sid: string;
  account_sid: string;
  direction: 'outbound-api' | 'inbound';
  to: string;
  from: string;
  messaging_service_sid: string | null;
  body: string;
  status: 'accepted' | 'queued' | 'failed' | 'received';
  error_code: number | null;
  error_message: string | null;
  date_created: string;
}

export interface FailRule {
  count: number;
  status: number;
  code: number;
  message: string;
  /** Only sends to this number fail (keeps parallel tests apart). */
  to?: string;
}

export const SANDBOX_DEFAULTS: TwilioConfig = {
  accountSid: 'ACc0ffee00000000000000000000000000',
  authToken: 'sandbox-twilio-auth-token-dev-only',
  phoneNumber: '+15005550006',
  webhookUrl: null,
  deliverUrl: null,
};

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);
const CAP = 2000;

export const newSid = (prefix: 'SM' | 'MG') => prefix + randomBytes(16).toString('hex');

/** twilio-node's algorithm: base64 HMAC-SHA1 of the URL plus sorted name+value pairs. */
export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export class TwilioState {
  config: TwilioConfig;
  messages: SandboxSms[] = [];
  optedOut = new Set<string>();
  failRules: FailRule[] = [];

  constructor(options: Partial<TwilioConfig> = {}) {
    this.config = { ...SANDBOX_DEFAULTS, ...options };
  }

  record(m: SandboxSms): void {
    this.messages = [m, ...this.messages].slice(0, CAP);
  }

  /** Newest first; `to` matches the recipient of outbound and the sender of inbound messages. */
  list(to?: string): SandboxSms[] {
    return to ? this.messages.filter((m) => m.to === to || m.from === to) : [...this.messages];
  }

  /** The scripted failure for a send to `to`, consuming one. */
  takeFailure(to: string): FailRule | null {
    const rule = this.failRules.find((r) => r.count > 0 && (!r.to || r.to === to));
    if (!rule) return null;
    rule.count--;
    this.failRules = this.failRules.filter((r) => r.count > 0);
    return rule;
  }

  /** Twilio's own opt-out handling: STOP words unsubscribe the sender, START words resubscribe. */
  noteInbound(from: string, body: string): void {
    const word = body
      .trim()
      .toUpperCase()
      .replace(/[^A-Z]/g, '');
    if (OPT_OUT.has(word)) this.optedOut.add(from);
    else if (OPT_IN.has(word)) this.optedOut.delete(from);
  }

  clear(): void {
    this.messages = [];
    this.optedOut.clear();
    this.failRules = [];
  }
}
