// The one seam for running the whole app at a chosen instant (ADR 094): `npm run test:e2e -- --at <instant>` runs
// Postgres, Node and the browser under libfaketime, which hangs workerd, so the worker gets the same offset as a var
// instead and every Date it makes is that far from the machine's clock. Imported first by worker/index.ts, so it is
// in place before any other module's top level runs. Never in production: the var is ignored there.
import { env } from 'cloudflare:workers';
import { offsetDate } from './offset-date';

const vars = env as { CLOCK_OFFSET_MS?: string; APP_ENV?: string };
const requested = Number(vars.CLOCK_OFFSET_MS ?? 0);
const offsetMs = Number.isFinite(requested) && vars.APP_ENV !== 'production' ? requested : 0;
if (offsetMs !== 0) globalThis.Date = offsetDate(Date, offsetMs);

/** The runtime stamps a cron's scheduled time on its own clock: moved by the same offset as every Date. */
export function atChosenInstant(controller: ScheduledController): ScheduledController {
  if (offsetMs === 0) return controller;
  return {
    cron: controller.cron,
    scheduledTime: controller.scheduledTime + offsetMs,
    noRetry: () => controller.noRetry(),
  } as ScheduledController;
}
