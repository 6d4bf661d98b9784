// The composition root: every service of one unit of work (a request, queue batch, cron tick or Durable
// Object call), each built the first time it is asked for (ADR 026). Hono reads it as c.var.services,
// Remix gets it in its load context, consumers and cron jobs receive it as an argument.
import type { Services } from '../context';
import type { Env } from '../env';
import type { ServiceOptions } from './core';
import { OperatorWiring } from './operator';

export type { ServiceOptions };

// context.ts declares `Services` empty so that it, and every route that imports it, imports no feature;
// the wiring fills it in here.
declare module '../context' {
  interface Services extends OperatorWiring {}
}

export function createServices(env: Env, opts: ServiceOptions): Services {
  return new OperatorWiring(env, opts);
}
