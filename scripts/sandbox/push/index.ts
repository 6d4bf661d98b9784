// Web Push sandbox module, mounted at /push: an RFC 8030 push service (POST /push/<id>, see api.ts), browser-like
// subscriptions (POST /push/subscriptions), a control API for tests (/push/_control/…), and the outbox as JSON
// (/push/outbox.json) and as a page (/push/outbox). The same handler answers on the sandbox's plain port and on
// its TLS port; endpoints carry the TLS origin (see ../README.md, "Web Push").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, redirect, sendHtml, sendJson } from '../http.ts';
import type { SandboxModule } from '../http.ts';
import { handlePush, pushError } from './api.ts';
import { renderOutbox } from './page.ts';
import {
  PushState,
  subscriptionJson,
  subscriptionState,
  type PushMessage,
  type PushSubscriptionJson,
  type ScriptedAnswer,
} from './state.ts';

export type { PushMessage, PushSubscriptionJson, ScriptedAnswer } from './state.ts';

/** What Node-side callers (the worker's tests, e2e, the bench) get on `sandbox.push`. */
export interface PushHandle {
  /** The push service's origin (https, loopback): every endpoint starts with it. */
  origin: string;
  /** The CA certificate (PEM, made at start) that signed the TLS port's certificate: trust it to reach `origin`. */
  certificate: string;
  /** A file with the system's CAs and this one: SSL_CERT_FILE for workerd (tests, dev), removed on stop. */
  caFile: string;
  /** base64 SHA-256 of the TLS port's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
  /** Like a browser's `pushManager.subscribe()`: the subscription's toJSON(); the sandbox keeps the private key. */
  createSubscription: (opts?: { applicationServerKey?: string }) => PushSubscriptionJson;
  /** Subscription state (by id or endpoint): every request's status, scripted answers, gone. */
  subscription: (idOrEndpoint: string) => ReturnType<typeof subscriptionState> | null;
  /** Accepted, decrypted messages, newest first; optionally of one subscription (id or endpoint). */
  outbox: (idOrEndpoint?: string) => PushMessage[];
  /** The subscription's next answers, in order, e.g. [429, 201] or [{ status: 429, retryAfter: 3 }]; 201 = normal. */
  setNext: (idOrEndpoint: string, next: (number | ScriptedAnswer)[]) => void;
  /** Marks the subscription gone: every push answers 410 from now on. */
  markGone: (idOrEndpoint: string) => void;
  /** Marks a message delivered to its browser (it no longer collapses with a newer one of its Topic). */
  markDelivered: (messageId: string) => void;
  clear: () => void;
  /**
   * Bench only: decrypt one accepted push in `n` (1: every one, the default). VAPID is still verified on every push
   * (each token once, then cached); the others are answered 201 and recorded as requests, not in the outbox.
   */
  decryptOneIn: (n: number) => void;
}

export interface PushSandbox extends SandboxModule, PushHandle {
  /** Set by server.ts once the TLS port is known. */
  configure: (patch: { origin: string; certificate: string; caFile: string; spkiSha256: string }) => void;
}

const idOf = (idOrEndpoint: string) => idOrEndpoint.split('/').pop() ?? idOrEndpoint;
const scripted = (next: (number | ScriptedAnswer)[]): ScriptedAnswer[] =>
  next.map((n) => (typeof n === 'number' ? { status: n } : { status: n.status, retryAfter: n.retryAfter }));

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req, 100_000);
  if (!text.trim()) return {};
  const value = JSON.parse(text) as unknown;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

export function createPushSandbox(opts: { log?: (line: string) => void; nav: () => { href: string; label: string }[] }): PushSandbox {
  const state = new PushState();
  const log = opts.log ?? (() => {});
  const config = { origin: 'https://127.0.0.1', certificate: '', caFile: '', spkiSha256: '' };
  const find = (idOrEndpoint: string) => state.subscriptions.get(idOf(idOrEndpoint));
  const mustFind = (idOrEndpoint: string) => {
    const sub = find(idOrEndpoint);
    if (!sub) throw new Error(`No push subscription ${idOrEndpoint}`);
    return sub;
  };
  // The handle's methods; its addresses and certificates are getters on the module below (known after listen).
  const handle: Omit<PushHandle, 'origin' | 'certificate' | 'caFile' | 'spkiSha256'> = {
    createSubscription: (o) => subscriptionJson(state.create(config.origin, o?.applicationServerKey ?? null)),
    subscription: (idOrEndpoint) => {
      const sub = find(idOrEndpoint);
      return sub ? subscriptionState(sub) : null;
    },
    outbox: (idOrEndpoint) => state.outbox(idOrEndpoint ? idOf(idOrEndpoint) : undefined),
    setNext: (idOrEndpoint, next) => {
      mustFind(idOrEndpoint).next = scripted(next);
    },
    markGone: (idOrEndpoint) => {
      mustFind(idOrEndpoint).gone = true;
    },
    markDelivered: (messageId) => state.delivered(messageId),
    clear: () => state.clear(),
    decryptOneIn: (n) => {
      if (!Number.isInteger(n) || n < 1) throw new Error('decryptOneIn takes a whole number ≥ 1');
      state.decryptOneIn = n;
    },
  };

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (req.method === 'POST' && path === '/push/subscriptions') {
      const body = await jsonBody(req);
      const key = typeof body.applicationServerKey === 'string' ? body.applicationServerKey : undefined;
      sendJson(res, 201, handle.createSubscription({ applicationServerKey: key }));
      return true;
    }
    const one = /^\/push\/subscriptions\/([0-9a-f-]{36})$/.exec(path);
    if (one) {
      const sub = find(one[1]!);
      if (!sub) pushError(res, 404, 'not_found', 'No such subscription.');
      else if (req.method === 'DELETE') {
        state.subscriptions.delete(sub.id);
        res.writeHead(204).end();
      } else sendJson(res, 200, subscriptionState(sub));
      return true;
    }
    if (req.method === 'GET' && path === '/push/ca.pem') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file', 'cache-control': 'no-store' });
      res.end(config.certificate);
      return true;
    }
    if (req.method === 'GET' && path === '/push/outbox.json') {
      sendJson(res, 200, { messages: handle.outbox(url.searchParams.get('subscription') ?? undefined) });
      return true;
    }
    if (req.method === 'POST' && path.startsWith('/push/_control/')) {
      const body = await jsonBody(req);
      const target = typeof body.subscription === 'string' ? body.subscription : '';
      const action = path.slice('/push/_control/'.length);
      if (action === 'clear') handle.clear();
      else if (action === 'delivered') handle.markDelivered(String(body.id ?? ''));
      else if ((action === 'next' || action === 'gone') && !find(target)) {
        pushError(res, 404, 'not_found', 'No such subscription.');
        return true;
      } else if (action === 'next') handle.setNext(target, Array.isArray(body.next) ? (body.next as (number | ScriptedAnswer)[]) : []);
      else if (action === 'gone') handle.markGone(target);
      else return false;
      sendJson(res, 200, { ok: true });
      return true;
    }
    return false;
  }

  return {
    prefix: 'push',
    title: 'Push outbox',
    home: '/push/outbox',
    ...handle,
    get origin() {
      return config.origin;
    },
    get certificate() {
      return config.certificate;
    },
    get caFile() {
      return config.caFile;
    },
    get spkiSha256() {
      return config.spkiSha256;
    },
    configure: (patch) => void Object.assign(config, patch),
    async handle(req, res, url) {
      if (req.method === 'GET' && (url.pathname === '/push/outbox' || url.pathname === '/push' || url.pathname === '/push/')) {
        const filter = url.searchParams.get('subscription') ?? undefined;
        sendHtml(res, 200, renderOutbox(opts.nav(), handle.outbox(filter), state, config.origin));
        return true;
      }
      if (req.method === 'POST' && url.pathname === '/push/outbox/clear') {
        state.clearMessages();
        redirect(res, '/push/outbox');
        return true;
      }
      let handled: boolean;
      try {
        handled = (await handlePush(state, req, res, url)) || (await control(req, res, url));
      } catch (err) {
        if (!(err instanceof SyntaxError)) throw err;
        pushError(res, 400, 'bad_json', 'The body is not JSON.');
        handled = true;
      }
      // One line per push with its shape and status only; successful deliveries are too many to log (the bench).
      if (handled && res.statusCode >= 400) log(`push ${req.method} ${url.pathname.replace(/[0-9a-f-]{36}/, ':id')} → ${res.statusCode}`);
      return handled;
    },
  };
}
