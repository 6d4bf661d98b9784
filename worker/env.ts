import { z } from 'zod';

const Mode = z.enum(['development', 'test', 'staging', 'production']);

const queueBinding = z.custom<Queue<unknown>>(
  (v) => typeof v === 'object' && v !== null && typeof (v as Queue).send === 'function',
  'must be a Queue binding',
);
const fetcherBinding = z.custom<Fetcher>(
  (v) => typeof v === 'object' && v !== null && typeof (v as Fetcher).fetch === 'function',
  'must be a Fetcher binding',
);

/** Every var, secret and binding the worker reads. Validated at the top of each entry point. */
export const EnvSchema = z.object({
  APP_ENV: Mode,
  /** Public origin of the app; used for CSRF Origin checks and links in emails. */
  APP_ORIGIN: z.url(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** Local only: "host:port/path" of the WebSocket-to-TCP proxy in front of a plain Postgres. */
  DB_WS_PROXY: z.string().optional(),
  EMAIL_API_URL: z.url(),
  EMAIL_API_KEY: z.string().min(1),
  EMAIL_FROM: z.string().min(3),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  NOTIFY_QUEUE: queueBinding,
  ASSETS: fetcherBinding.optional(),
});

export type Env = z.infer<typeof EnvSchema>;

const cache = new WeakMap<object, Env>();

/** Parses the runtime bindings once per isolate and env object; throws a readable message. */
export function parseEnv(raw: unknown): Env {
  if (typeof raw === 'object' && raw !== null) {
    const hit = cache.get(raw);
    if (hit) return hit;
  }
  const result = EnvSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid worker configuration: ${issues}`);
  }
  if (typeof raw === 'object' && raw !== null) cache.set(raw, result.data);
  return result.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
