import { isUuid } from './ids';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Fields a log line may carry: ids, routes, counts and durations, never personal data. */
export interface LogFields {
  requestId?: string;
  route?: string;
  method?: string;
  status?: number;
  durationMs?: number;
  userId?: string;
  job?: string;
  queue?: string;
  cron?: string;
  code?: string;
  count?: number;
  errorName?: string;
  errorMessage?: string;
  [key: string]: string | number | boolean | undefined;
}

// Keys whose values are personal data or secrets; dropped even if a caller passes them.
const FORBIDDEN = /email|phone|password|token|secret|cookie|authorization|body|message_body/i;

// Free text (error messages) may still quote input: emails, phone numbers and token-like strings are masked.
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;
const PHONE = /\+?\d[\d\s().-]{7,}\d/g;
const TOKENISH = /[A-Za-z0-9_-]{24,}/g;

export function scrub(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]')
    .replace(TOKENISH, (m) => (isUuid(m) ? m : '[redacted]'));
}

// Fields that hold our own ids and are never free text (a notification's dedupe key is built from ids only).
const ID_FIELDS = new Set(['requestId', 'userId', 'route', 'method', 'job', 'queue', 'cron', 'code', 'dedupeKey']);

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function createLogger(level: Level = 'info', base: LogFields = {}): Logger {
  const write = (lvl: Level, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const line: Record<string, unknown> = { level: lvl, msg, time: new Date().toISOString() };
    for (const [k, v] of Object.entries({ ...base, ...fields })) {
      if (v === undefined || FORBIDDEN.test(k)) continue;
      // A whole UUID is one of our ids: kept as is (its digit runs would otherwise read as a phone number).
      line[k] = typeof v === 'string' && !ID_FIELDS.has(k) && !isUuid(v) ? scrub(v) : v;
    }
    const text = JSON.stringify(line);
    if (lvl === 'error') console.error(text);
    else if (lvl === 'warn') console.warn(text);
    else console.log(text);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }),
  };
}
