// First: a chosen instant's clock (dev and browser-test runs only) is in place before any other module's top level.
import { atChosenInstant } from './lib/clock-offset';
import { createApp } from './app';
import { type Env, parseEnv } from './env';
import { handleScheduled } from './jobs/cron';
import { handleQueue } from './jobs/queues';

import type { ProviderBudget } from './features/ingest';
import type { ClientLedger } from './features/coach-os/ledger';
import type { CoachSession } from './features/ai-coach/session';
import type { WellnessEngine } from './features/wellness/engine';

export { ProviderBudget } from './features/ingest';
export { ClientLedger } from './features/coach-os/ledger';
export { CoachSession } from './features/ai-coach/session';
export { WellnessEngine } from './features/wellness/engine';

// The Durable Object bindings' types, declared where their classes are exported (see env.ts).
declare module './env' {
  interface DurableObjectBindings {
    PROVIDER_BUDGET: DurableObjectNamespace<ProviderBudget>;
    CLIENT_LEDGER: DurableObjectNamespace<ClientLedger>;
    COACH_SESSION: DurableObjectNamespace<CoachSession>;
    WELLNESS_ENGINE: DurableObjectNamespace<WellnessEngine>;
  }
}

const app = createApp();

export default {
  fetch(request, rawEnv, ctx) {
    let env: Env;
    try {
      env = parseEnv(rawEnv);
    } catch (err) {
      // A misconfigured deploy fails loudly in the logs and plainly to the caller.
      console.error(JSON.stringify({ level: 'error', msg: err instanceof Error ? err.message : 'invalid configuration' }));
      const body = { error: { code: 'UNAVAILABLE', message: 'The service is misconfigured.', requestId: crypto.randomUUID() } };
      return Response.json(body, { status: 503 });
    }
    return app.fetch(request, env, ctx);
  },
  queue(batch, rawEnv, ctx) {
    return handleQueue(batch, parseEnv(rawEnv), ctx);
  },
  scheduled(controller, rawEnv, ctx) {
    return handleScheduled(atChosenInstant(controller), parseEnv(rawEnv), ctx);
  },
} satisfies ExportedHandler<Cloudflare.Env>;
