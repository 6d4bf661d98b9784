// Offline stand-ins for third-party providers, on loopback only. server.ts only dispatches:
// each provider is a module mounted under its own prefix (email, Strava, Polar, Stripe, Twilio, Garmin, Web Push,
// Anthropic/Mistral). The Web Push service also answers on a TLS port of its own (push libraries refuse http:).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createEmailSandbox } from './email.ts';
import { createFaults, handleFaultControl } from './faults.ts';
import type { Faults } from './faults.ts';
import { createGarminSandbox } from './garmin/index.ts';
import type { GarminHandle, GarminOptions } from './garmin/index.ts';
import type { SandboxEmail } from './email.ts';
import { sendError } from './http.ts';
import { createLlmSandbox } from './llm/index.ts';
import type { LlmHandle } from './llm/index.ts';
import type { SandboxModule } from './http.ts';
import { createPolarSandbox } from './polar/index.ts';
import type { PolarHandle, PolarOptions } from './polar/index.ts';
import { createPushSandbox } from './push/index.ts';
import type { PushHandle } from './push/index.ts';
import { createStravaSandbox } from './strava/index.ts';
import type { StravaHandle, StravaOptions } from './strava/index.ts';
import { createStripeSandbox } from './stripe/index.ts';
import type { StripeConfig, StripeHandle } from './stripe/index.ts';
import { createTwilioSandbox } from './twilio/index.ts';
import type { TwilioConfig, TwilioHandle } from './twilio/index.ts';
import { sandboxTls, writeTrustBundle } from './tls.ts';

export type { SandboxEmail } from './email.ts';
export type { GarminHandle, GarminOptions } from './garmin/index.ts';
export type { LlmHandle, LlmProvider, LlmStep, RecordedRequest } from './llm/index.ts';
export type { PolarHandle, PolarOptions } from './polar/index.ts';
export type { PushHandle, PushMessage, PushSubscriptionJson, ScriptedAnswer } from './push/index.ts';
export type { StravaHandle, StravaOptions } from './strava/index.ts';
export type { StripeConfig, StripeHandle } from './stripe/index.ts';
export type { TwilioConfig, TwilioHandle, SandboxSms } from './twilio/index.ts';

export interface RunningSandbox {
  url: string;
  port: number;
  /** Emails received, newest first; optionally only those to one address. */
  outbox: (to?: string) => SandboxEmail[];
  clearOutbox: () => void;
  /** Strava sandbox: counters and config for tests and benchmarks (also at /strava/_control/state). */
  strava: StravaHandle;
  /** Polar AccessLink sandbox: users, exercises, the client's webhook and its deliveries (also at /polar/_control/state). */
  polar: PolarHandle;
  /** Stripe sandbox: webhook URL and signing secret, sessions, events and deliveries. */
  stripe: StripeHandle;
  /** Twilio sandbox: SMS sent and received, scripted failures, simulated replies. */
  twilio: TwilioHandle;
  /** Anthropic and Mistral sandboxes: scripted answers per athleteRef, received requests, client aborts. */
  llm: LlmHandle;
  /** Garmin Connect sandbox: webhook URL, histories, users, pings and the outbox (also at /garmin/_control/state). */
  garmin: GarminHandle;
  /** Web Push service (RFC 8030 + 8291 + 8292): subscriptions, scripted answers, the decrypted outbox. */
  push: PushHandle;
  /** Provider incidents on demand: one provider's API answers 5xx, hangs or rate-limits for a while (also at /_faults). */
  faults: Pick<Faults, 'inject' | 'clear' | 'state'>;
  stop: () => Promise<void>;
}

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  log?: (line: string) => void;
  /** Strava client credentials, rate limits, time scale and generated activities per athlete. */
  strava?: StravaOptions;
  /** Polar client credentials, the webhook signing key, rate limits, generated exercises per user. */
  polar?: PolarOptions;
  /** Stripe webhook URL (where signed events are POSTed) and signing secret. */
  stripe?: Partial<StripeConfig>;
  /** Twilio credentials and the webhook URL simulated replies are signed for and sent to. */
  twilio?: Partial<TwilioConfig>;
  /** Garmin client credentials, where pings go, and the generated histories. */
  garmin?: GarminOptions;
  /** The push service's TLS port; 0 (the default) picks a free one. */
  pushPort?: number;
}

// Only names that can point at this machine: blocks DNS-rebinding pages from reading the outbox.
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const modules: SandboxModule[] = [];
  // Modules without a title (the LLM APIs) have no page of their own.
  const nav = () => modules.filter((m) => m.title).map((m) => ({ href: m.home ?? `/${m.prefix}/outbox`, label: m.title }));
  const email = createEmailSandbox({ log: opts.log, nav });
  const strava = createStravaSandbox({ options: opts.strava, log: opts.log, nav });
  const polar = createPolarSandbox({ options: opts.polar, log: opts.log, nav });
  const stripe = createStripeSandbox({ options: opts.stripe, log: opts.log, nav });
  const twilio = createTwilioSandbox({ options: opts.twilio, log: opts.log, nav });
  const llm = createLlmSandbox({ log: opts.log });
  const garmin = createGarminSandbox({ options: opts.garmin, log: opts.log, nav });
  const push = createPushSandbox({ log: opts.log, nav });
  modules.push(email, strava, polar, stripe, twilio, garmin, push, ...llm.modules);
  const faults = createFaults();

  // `only`: the modules a listener serves (the TLS port serves the push service alone).
  const handler = (only?: Set<string>) => async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!LOCAL_HOSTS.has(host)) return sendError(res, 403, 'forbidden_host', 'The sandbox only answers on loopback host names.');
      let url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // The front page is the email outbox until there is more than one sandbox worth a dashboard.
      if (url.pathname === '/' && req.method === 'GET') url = new URL(`/email/outbox${url.search}`, url);
      if (!only && (await handleFaultControl(req, res, faults, url))) return;
      if (faults.apply(req, res, url)) return;
      const prefix = url.pathname.split('/')[1] ?? '';
      const mod = modules.find((m) => m.prefix === prefix && (!only || only.has(prefix)));
      if (mod && (await mod.handle(req, res, url))) return;
      sendError(res, 404, 'not_found', `No sandbox route for ${req.method} ${url.pathname}.`);
    } catch (err) {
      opts.log?.(`sandbox error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'internal_server_error', 'The sandbox failed to handle the request.');
      else res.destroy();
    }
  };
  const server = createServer(handler());
  const tls = sandboxTls('Cadence push sandbox');
  const tlsServer = createTlsServer({ key: tls.key, cert: tls.cert }, handler(new Set(['push'])));

  const listen = (s: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });
  const port = await listen(server, opts.port ?? 0);
  const pushPort = await listen(tlsServer, opts.pushPort ?? 0);
  const bundle = writeTrustBundle(tls.ca);
  push.configure({ origin: `https://127.0.0.1:${pushPort}`, certificate: tls.ca, caFile: bundle.path, spkiSha256: tls.spkiSha256 });
  // Garmin's pings carry callback URLs on its own host: here, now that the port is known.
  garmin.configure({ baseUrl: `http://127.0.0.1:${port}` });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    outbox: email.outbox,
    clearOutbox: email.clear,
    strava: { state: strava.state, configure: strava.configure, reset: strava.reset, advanceClock: strava.advanceClock },
    polar: { state: polar.state, configure: polar.configure, reset: polar.reset },
    stripe: { state: stripe.state, configure: stripe.configure, reset: stripe.reset },
    twilio: {
      messages: twilio.messages,
      clear: twilio.clear,
      failNext: twilio.failNext,
      inbound: twilio.inbound,
      configure: twilio.configure,
      config: twilio.config,
    },
    llm: { script: llm.script, requests: llm.requests, aborts: llm.aborts, reset: llm.reset, configure: llm.configure },
    garmin: { state: garmin.state, configure: garmin.configure, reset: garmin.reset },
    push,
    faults: { inject: faults.inject, clear: faults.clear, state: faults.state },
    stop: () => {
      faults.clear();
      return Promise.all(
        [server, tlsServer].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      ).then(() => bundle.remove());
    },
  };
}
