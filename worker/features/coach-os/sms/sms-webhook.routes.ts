import { Hono } from 'hono';
import type { AppEnv } from '../../../context';
import { guardRoute, publicAccess } from '../../../http/access';
import { AppError, ErrorCode } from '../../../lib/errors';
import { TwilioInbound } from './sms.schema';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * POST /webhooks/twilio/sms: Twilio's incoming-message webhook (form-encoded). The signature is checked
 * against the public URL Twilio was configured with — APP_ORIGIN + path + query, never the Host
 * header — before anything is read or stored. Answers empty TwiML: replies are sent by us, not TwiML.
 */
export const twilioWebhookRoutes = new Hono<AppEnv>().post(
  '/sms',
  guardRoute(publicAccess('Twilio’s signature'), 'normal', 'none', 'none'),
  async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) throw new AppError(ErrorCode.BAD_REQUEST, 'Expected a form-encoded body.');
    const raw = new TextDecoder().decode(await c.req.arrayBuffer());
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
    const url = new URL(c.req.url);
    const publicUrl = `${new URL(c.env.APP_ORIGIN).origin}${url.pathname}${url.search}`;
    const ok = await c.var.services.providers.twilioWebhooks.verify(publicUrl, params, c.req.header('x-twilio-signature') ?? '');
    if (!ok) throw new AppError(ErrorCode.FORBIDDEN, 'Invalid Twilio signature.');
    const parsed = TwilioInbound.safeParse(params);
    if (!parsed.success)
      throw new AppError(ErrorCode.VALIDATION, 'Not an incoming-message webhook.', {
        fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    if (parsed.data.AccountSid !== c.env.TWILIO_ACCOUNT_SID) throw new AppError(ErrorCode.FORBIDDEN, 'Message for another account.');
    await c.var.services.sms.receive({
      messageSid: parsed.data.MessageSid,
      from: parsed.data.From,
      to: parsed.data.To,
      body: parsed.data.Body,
    });
    return c.body(EMPTY_TWIML, 200, { 'content-type': 'text/xml; charset=utf-8' });
  },
);
