// Control API for tests and the dev page: read/clear messages, script failures, configure the webhook,
// and simulate a client's reply exactly as Twilio would post it (signed form params).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.ts';
import { twilioError } from './api.ts';
import { newSid, signTwilio, type TwilioConfig, type TwilioState } from './state.ts';

export interface InboundRequest {
  from: string;
  body: string;
  to?: string;
  /** false: do not POST, just return what Twilio would send (workerd tests post it themselves). */
  deliver?: boolean;
  /** Sign for this URL instead of the configured webhook URL. */
  url?: string;
}

export interface InboundResult {
  sid: string;
  url: string;
  params: Record<string, string>;
  signature: string;
  delivered?: { status: number; body: string };
}

/** Builds, records, signs and (unless told not to) delivers an incoming SMS. */
export async function simulateInbound(state: TwilioState, input: InboundRequest, log: (l: string) => void): Promise<InboundResult> {
  const url = input.url ?? state.config.webhookUrl;
  if (!url) throw new Error('No webhook URL configured: POST /twilio/_control/config { webhookUrl } or pass url.');
  const sid = newSid('SM');
  const to = input.to ?? state.config.phoneNumber;
  const params: Record<string, string> = {
    ToCountry: 'US',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: input.body,
    FromCountry: 'US',
    To: to,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: state.config.accountSid,
    From: input.from,
    ApiVersion: '2010-04-01',
  };
  const signature = signTwilio(state.config.authToken, url, params);
  state.record({
    sid,
    account_sid: state.config.accountSid,
    direction: 'inbound',
    to,
    from: input.from,
    messaging_service_sid: null,
    body: input.body,
    status: 'received',
    error_code: null,
    error_message: null,
    date_created: new Date().toISOString(),
  });
  state.noteInbound(input.from, input.body);
  const result: InboundResult = { sid, url, params, signature };
  if (input.deliver === false) return result;
  const target = input.url ?? state.config.deliverUrl ?? url;
  const res = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1' },
    body: new URLSearchParams(params).toString(),
  });
  result.delivered = { status: res.status, body: await res.text() };
  log(`twilio inbound ${sid} delivered → ${res.status}`);
  return result;
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

export async function handleControl(
  state: TwilioState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: (l: string) => void,
): Promise<boolean> {
  if (!url.pathname.startsWith('/twilio/_control/')) return false;
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  let body: Record<string, unknown>;
  try {
    body = req.method === 'POST' ? await jsonBody(req) : {};
  } catch {
    sendJson(res, 400, { error: 'Body must be JSON.' });
    return true;
  }
  switch (route) {
    case 'GET /twilio/_control/messages':
      sendJson(res, 200, { messages: state.list(url.searchParams.get('to') ?? undefined) });
      return true;
    case 'DELETE /twilio/_control/messages':
      state.clear();
      sendJson(res, 200, { cleared: true });
      return true;
    case 'POST /twilio/_control/fail-next': {
      const count = Number(body.count ?? 1);
      const status = Number(body.status ?? 500);
      const code = Number(body.code ?? 20500);
      if (!Number.isInteger(count) || count < 1 || !Number.isInteger(status) || status < 400 || status > 599 || !Number.isInteger(code)) {
        sendJson(res, 400, { error: '{ count ≥ 1, status 400–599, code, message?, to? }' });
        return true;
      }
      state.failRules.push({
        count,
        status,
        code,
        message: typeof body.message === 'string' ? body.message : 'Internal Server Error',
        ...(typeof body.to === 'string' ? { to: body.to } : {}),
      });
      sendJson(res, 200, { failNext: state.failRules });
      return true;
    }
    case 'GET /twilio/_control/config':
      sendJson(res, 200, { ...state.config, authToken: undefined, optedOut: [...state.optedOut] });
      return true;
    case 'POST /twilio/_control/config': {
      const patch: Partial<TwilioConfig> = {};
      if (typeof body.webhookUrl === 'string') patch.webhookUrl = body.webhookUrl;
      if (typeof body.deliverUrl === 'string') patch.deliverUrl = body.deliverUrl;
      Object.assign(state.config, patch);
      sendJson(res, 200, { webhookUrl: state.config.webhookUrl, deliverUrl: state.config.deliverUrl });
      return true;
    }
    case 'POST /twilio/_control/inbound': {
      if (typeof body.from !== 'string' || typeof body.body !== 'string') {
        twilioError(res, 400, 21604, '{ from, body, to?, deliver?, url? } are required as strings.');
        return true;
      }
      try {
        const r = await simulateInbound(
          state,
          {
            from: body.from,
            body: body.body,
            ...(typeof body.to === 'string' ? { to: body.to } : {}),
            ...(body.deliver === false ? { deliver: false } : {}),
            ...(typeof body.url === 'string' ? { url: body.url } : {}),
          },
          log,
        );
        sendJson(res, 200, r);
      } catch (err) {
        sendJson(res, 409, { error: err instanceof Error ? err.message : String(err) });
      }
      return true;
    }
    default:
      return false;
  }
}
