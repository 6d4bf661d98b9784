// The Messages API subset: POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form-encoded, HTTP
// Basic auth), GET of one message and the list (filtered by To/From), answering Twilio's JSON and Twilio's error shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.ts';
import { newSid, type SandboxSms, type TwilioState } from './state.ts';

const MESSAGES = /^\/twilio\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/(SM[0-9a-f]{32}))?\.json$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/** Twilio's REST error body. */
export function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

function present(m: SandboxSms) {
  const uri = `/2010-04-01/Accounts/${m.account_sid}/Messages/${m.sid}.json`;
  return {
    account_sid: m.account_sid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(new Date(m.date_created)),
    date_sent: null,
    date_updated: rfc2822(new Date(m.date_created)),
    direction: m.direction,
    error_code: m.error_code,
    error_message: m.error_message,
    from: m.from,
    messaging_service_sid: m.messaging_service_sid,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil(m.body.length / 153))),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: uri.replace('.json', '/Media.json') },
    to: m.to,
    uri,
  };
}

function authorised(state: TwilioState, req: IncomingMessage, pathSid: string): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const [user, pass] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
  return user === state.config.accountSid && pass === state.config.authToken && pathSid === state.config.accountSid;
}

export async function handleApi(
  state: TwilioState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: (l: string) => void,
): Promise<boolean> {
  const match = MESSAGES.exec(url.pathname);
  if (!match) return false;
  if (!authorised(state, req, decodeURIComponent(match[1]!))) {
    twilioError(res, 401, 20003, 'Authenticate');
    return true;
  }
  if (req.method === 'GET' && match[2]) {
    const found = state.messages.find((m) => m.sid === match[2]);
    if (found) sendJson(res, 200, present(found));
    else twilioError(res, 404, 20404, `The requested resource /2010-04-01/Accounts/${match[1]}/Messages/${match[2]}.json was not found`);
    return true;
  }
  if (req.method === 'GET') {
    // Twilio's list: newest first, filtered by To (and From), one page of PageSize (default 50, at most 1000).
    const to = url.searchParams.get('To');
    const from = url.searchParams.get('From');
    const size = Math.min(1000, Math.max(1, Number(url.searchParams.get('PageSize')) || 50));
    const list = state.messages.filter((m) => (!to || m.to === to) && (!from || m.from === from)).slice(0, size);
    sendJson(res, 200, { messages: list.map(present), page: 0, page_size: size, uri: url.pathname + url.search });
    return true;
  }
  if (req.method !== 'POST' || match[2]) {
    twilioError(res, 405, 20004, 'Method not allowed');
    return true;
  }
  const form = new URLSearchParams(await readBody(req));
  const to = form.get('To') ?? '';
  const body = form.get('Body') ?? '';
  const service = form.get('MessagingServiceSid');
  const from = form.get('From');
  if (!to) return (twilioError(res, 400, 21604, "A 'To' phone number is required."), true);
  if (!E164.test(to)) return (twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`), true);
  if (!service && !from) return (twilioError(res, 400, 21603, "A 'From' phone number is required."), true);
  if (service && !/^MG[0-9a-fA-F]{32}$/.test(service)) return (twilioError(res, 400, 21703, 'The Messaging Service Sid is invalid.'), true);
  if (!body.trim()) return (twilioError(res, 400, 21602, 'Message body is required.'), true);
  if (body.length > 1600) return (twilioError(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.'), true);
  const failure = state.takeFailure(to);
  if (failure) {
    log(`twilio send refused by fail-next → ${failure.status} ${failure.code}`);
    return (twilioError(res, failure.status, failure.code, failure.message), true);
  }
  if (state.optedOut.has(to)) return (twilioError(res, 400, 21610, 'Attempt to send to unsubscribed recipient'), true);
  const message: SandboxSms = {
    sid: newSid('SM'),
    account_sid: state.config.accountSid,
    direction: 'outbound-api',
    to,
    from: from ?? state.config.phoneNumber,
    messaging_service_sid: service,
    body,
    status: service ? 'accepted' : 'queued',
    error_code: null,
    error_message: null,
    date_created: new Date().toISOString(),
  };
  state.record(message);
  log(`twilio message ${message.sid} ${message.status}`);
  sendJson(res, 201, present(message));
  return true;
}
