// Twilio sandbox module, mounted at /twilio: the Messages API (/twilio/2010-04-01/…), the control API
// (/twilio/_control/…), and an outbox page with a reply form (/twilio/outbox). See ../README.md.
import { BodyTooLarge, escapeHtml, page, readBody, redirect, sendHtml } from '../http.ts';
import type { SandboxModule } from '../http.ts';
import { handleApi, twilioError } from './api.ts';
import { handleControl, simulateInbound, type InboundRequest, type InboundResult } from './control.ts';
import { TwilioState, type FailRule, type SandboxSms, type TwilioConfig } from './state.ts';

export type { SandboxSms, TwilioConfig, FailRule } from './state.ts';
export type { InboundRequest, InboundResult } from './control.ts';

/** What Node-side callers (the dev stack, the e2e runner) get on `sandbox.twilio`. */
export interface TwilioHandle {
  /** Messages both ways, newest first; `to` matches recipient (outbound) or sender (inbound). */
  messages: (to?: string) => SandboxSms[];
  /** Forgets messages, opt-outs and scripted failures. */
  clear: () => void;
  /** Makes the next `count` sends (to `to`, if given) fail with this HTTP status and Twilio code. */
  failNext: (rule: FailRule) => void;
  /** Simulates a client's reply: signed and POSTed to the app's webhook (or returned with deliver: false). */
  inbound: (input: InboundRequest) => Promise<InboundResult>;
  configure: (patch: Partial<TwilioConfig>) => void;
  config: () => TwilioConfig;
}

export interface TwilioSandbox extends SandboxModule, TwilioHandle {}

function renderOutbox(messages: SandboxSms[], config: TwilioConfig): string {
  const reply = `<form method="post" action="/twilio/outbox/reply"><input name="from" placeholder="Client phone (+1…)" required pattern="\\+[1-9][0-9]{7,14}"><input name="body" placeholder="Reply, e.g. Y" required><button>Reply as client</button></form>
<form method="post" action="/twilio/outbox/clear"><button>Clear</button></form>
<span class="meta">${messages.length} message${messages.length === 1 ? '' : 's'}, newest first · replies are signed and sent to ${escapeHtml(config.webhookUrl ?? '(no webhook configured)')} · <a href="/twilio/_control/messages">JSON</a></span>`;
  const items = messages.map((m) => {
    const label = m.direction === 'inbound' ? `From ${m.from} (reply)` : `To ${m.to}`;
    const status = m.error_code ? `${m.status} ${m.error_code}` : m.status;
    return `<article><h2>${escapeHtml(label)}</h2><div class="meta"><code>${escapeHtml(m.sid)}</code> · <span class="tag">${escapeHtml(status)}</span> · <time datetime="${m.date_created}">${m.date_created.replace('T', ' ').slice(0, 19)} UTC</time></div><pre>${escapeHtml(m.body)}</pre></article>`;
  });
  return reply + (items.length ? items.join('\n') : '<p class="empty">No SMS yet. Messages the app sends appear here.</p>');
}

export function createTwilioSandbox(opts: {
  options?: Partial<TwilioConfig>;
  log?: (line: string) => void;
  nav: () => { href: string; label: string }[];
}): TwilioSandbox {
  const state = new TwilioState(opts.options);
  const log = opts.log ?? (() => {});
  return {
    prefix: 'twilio',
    title: 'SMS outbox',
    messages: (to) => state.list(to),
    clear: () => state.clear(),
    failNext: (rule) => void state.failRules.push({ ...rule }),
    inbound: (input) => simulateInbound(state, input, log),
    configure: (patch) => Object.assign(state.config, patch),
    config: () => ({ ...state.config }),
    async handle(req, res, url) {
      try {
        if (req.method === 'GET' && url.pathname === '/twilio/outbox') {
          sendHtml(
            res,
            200,
            page(
              'Cadence provider sandbox — SMS outbox',
              opts.nav(),
              renderOutbox(state.list(url.searchParams.get('to') ?? undefined), state.config),
            ),
          );
          return true;
        }
        if (req.method === 'POST' && url.pathname === '/twilio/outbox/reply') {
          const form = new URLSearchParams(await readBody(req));
          await simulateInbound(state, { from: form.get('from') ?? '', body: form.get('body') ?? '' }, log).catch((err) =>
            log(`twilio inbound failed: ${err instanceof Error ? err.message : err}`),
          );
          redirect(res, '/twilio/outbox');
          return true;
        }
        if (req.method === 'POST' && url.pathname === '/twilio/outbox/clear') {
          state.clear();
          redirect(res, '/twilio/outbox');
          return true;
        }
        return (await handleApi(state, req, res, url, log)) || (await handleControl(state, req, res, url, log));
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          twilioError(res, 413, 21617, 'Request body too large.');
          return true;
        }
        throw err;
      }
    },
  };
}
