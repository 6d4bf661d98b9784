// Fault injection for every provider at once: for a while, one provider's API answers 5xx, never answers, or
// rate-limits, as a real provider's incident does. The soak (bench/soak) and the fault tests use it; the
// worker's adapters see exactly what they would see from the provider's edge. Control and outbox routes are
// never faulted, so a test can still read what happened.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type FaultMode = 'error' | 'timeout' | 'ratelimit';
export const FAULT_MODES: readonly FaultMode[] = ['error', 'timeout', 'ratelimit'];

export interface FaultSpec {
  /** The provider's first path segment: strava, garmin, polar, stripe, twilio, email, push, anthropic, mistral. */
  prefix: string;
  mode: FaultMode;
  seconds: number;
  /** The status of an `error` fault (default 503) or of a `ratelimit` (default 429). */
  status?: number;
  /** Retry-After of a `ratelimit`, in seconds (default 60). */
  retryAfter?: number;
  /**
   * Only requests whose path and query contain this text (an account SID, an activity id, a subscription id):
   * a test sharing the sandbox with others faults its own traffic alone (ADR 025). The soak faults everything.
   */
  match?: string;
}

export interface FaultState {
  active: (FaultSpec & { until: string })[];
  /** Requests answered by a fault since start (or the last clear), by provider and mode. */
  faulted: Record<string, Partial<Record<FaultMode, number>>>;
}

// A request held by a `timeout` fault is cut after this long at most, so a client without a deadline of its
// own cannot pin sockets forever; every real adapter gives up well before.
const HOLD_MS = 120_000;
const EXEMPT = /(^|\/)(_control|outbox|outbox\.json)(\/|$)/;

export function createFaults() {
  const active = new Map<string, FaultSpec & { until: number }>();
  let faulted: FaultState['faulted'] = {};
  const held = new Map<ServerResponse, string>();

  const key = (f: Pick<FaultSpec, 'prefix' | 'match'>) => `${f.prefix}\u0000${f.match ?? ''}`;
  const expire = () => {
    for (const [k, f] of active) if (f.until <= Date.now()) active.delete(k);
  };
  const current = (prefix: string, target: string) => {
    expire();
    for (const f of active.values()) if (f.prefix === prefix && (!f.match || target.includes(f.match))) return f;
    return null;
  };

  return {
    inject(spec: FaultSpec): void {
      if (!FAULT_MODES.includes(spec.mode)) throw new Error(`unknown fault mode ${spec.mode}`);
      active.set(key(spec), { ...spec, until: Date.now() + spec.seconds * 1000 });
    },
    /** Ends the faults now (one provider's or all); held requests are cut, as a recovering edge resets them. */
    clear(prefix?: string): void {
      if (prefix) {
        for (const [k, f] of active) if (f.prefix === prefix) active.delete(k);
      } else active.clear();
      for (const [res, p] of held) if (!prefix || p === prefix) res.destroy();
      if (!prefix) faulted = {};
    },
    state(): FaultState {
      expire();
      return {
        active: [...active.values()].map(({ until, ...f }) => ({ ...f, until: new Date(until).toISOString() })),
        faulted: structuredClone(faulted),
      };
    },
    /** Answers `req` with the provider's fault, if one is active; false lets the provider handle it. */
    apply(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
      const prefix = url.pathname.split('/')[1] ?? '';
      if (EXEMPT.test(url.pathname)) return false;
      const fault = current(prefix, url.pathname + url.search);
      if (!fault) return false;
      faulted[prefix] ??= {};
      const counts = faulted[prefix];
      counts[fault.mode] = (counts[fault.mode] ?? 0) + 1;
      req.resume();
      if (fault.mode === 'timeout') {
        held.set(res, prefix);
        const cut = setTimeout(() => res.destroy(), Math.min(HOLD_MS, Math.max(0, fault.until - Date.now()) + 1_000));
        res.once('close', () => {
          clearTimeout(cut);
          held.delete(res);
        });
        return true;
      }
      const status = fault.status ?? (fault.mode === 'ratelimit' ? 429 : 503);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.mode === 'ratelimit') headers['retry-after'] = String(fault.retryAfter ?? 60);
      res.writeHead(status, headers);
      res.end(
        JSON.stringify({ message: fault.mode === 'ratelimit' ? 'Rate Limit Exceeded' : 'Service Unavailable', sandboxFault: fault.mode }),
      );
      return true;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;

/** `GET|POST|DELETE /_faults`: the control routes (JSON), for callers outside this process. */
export async function handleFaultControl(req: IncomingMessage, res: ServerResponse, faults: Faults, url: URL): Promise<boolean> {
  if (url.pathname !== '/_faults') return false;
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET') return (send(200, faults.state()), true);
  if (req.method === 'DELETE') {
    faults.clear(url.searchParams.get('prefix') ?? undefined);
    return (send(200, faults.state()), true);
  }
  if (req.method !== 'POST') return (send(405, { error: 'GET, POST or DELETE' }), true);
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    return (send(415, { error: 'content-type must be application/json' }), true);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let spec: FaultSpec;
  try {
    spec = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FaultSpec;
  } catch {
    return (send(400, { error: 'body is not JSON' }), true);
  }
  if (typeof spec.prefix !== 'string' || !FAULT_MODES.includes(spec.mode) || !(spec.seconds > 0 && spec.seconds <= 3600))
    return (send(400, { error: `need { prefix, mode: ${FAULT_MODES.join('|')}, seconds: 1..3600 }` }), true);
  faults.inject(spec);
  send(200, faults.state());
  return true;
}
