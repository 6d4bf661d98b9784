// Bench worker: N concurrent callers deduct through one ClientLedger object for a fixed time, and a
// reference loop times a bare query through the same driver, in the same run; a no-op call on the object
// measures the RPC alone. Bench use only.
import { createDb } from '../../worker/db/client';
import { createLogger } from '../../worker/lib/logger';
import { ClientLedger as ProductionLedger } from '../../worker/features/coach-os/ledger/client-ledger.do';

/** The production class plus a no-op method: the floor a deduction pays for reaching the object at all. */
export class ClientLedger extends ProductionLedger {
  ping(request: unknown): { ok: true; request: unknown } {
    return { ok: true, request };
  }
}

interface Env {
  CLIENT_LEDGER: DurableObjectNamespace<ClientLedger>;
  DATABASE_URL: string;
  DB_WS_PROXY?: string;
}

interface RunInput {
  orgId: string;
  clientId: string;
  callers: number;
  seconds: number;
  today: string;
  tag: string;
}

async function deductions(env: Env, r: RunInput) {
  const stub = env.CLIENT_LEDGER.get(env.CLIENT_LEDGER.idFromName(r.clientId));
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  const started = Date.now();
  const deadline = started + r.seconds * 1000;
  await Promise.all(
    Array.from({ length: r.callers }, async (_, c) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const t0 = Date.now();
        const res = await stub.use({
          orgId: r.orgId,
          clientId: r.clientId,
          cause: `bench:${r.tag}:${c}:${i}`,
          bookingId: null,
          actorId: null,
          today: r.today,
        });
        latencies.push(Date.now() - t0);
        if (res.ok) ok++;
        else refused++;
      }
    }),
  );
  return { ok, refused, seconds: (Date.now() - started) / 1000, latencies };
}

/** The same callers and arguments as `deductions`, calling the object's no-op: the cost of the RPC alone. */
async function pings(env: Env, r: RunInput) {
  const stub = env.CLIENT_LEDGER.get(env.CLIENT_LEDGER.idFromName(r.clientId));
  let count = 0;
  const started = Date.now();
  const deadline = started + r.seconds * 1000;
  await Promise.all(
    Array.from({ length: r.callers }, async (_, c) => {
      for (let i = 0; Date.now() < deadline; i++) {
        await stub.ping({ orgId: r.orgId, clientId: r.clientId, cause: `ping:${c}:${i}`, bookingId: null, actorId: null, today: r.today });
        count++;
      }
    }),
  );
  return { count, seconds: (Date.now() - started) / 1000 };
}

/** The reference: one caller on one connection, back-to-back `select 1` round trips, for a few seconds. */
async function bareQueries(env: Env, seconds: number) {
  const handle = createDb(env, createLogger('error'));
  let count = 0;
  const started = Date.now();
  try {
    await handle.db.execute('select 1'); // connect outside the timed loop
    while (Date.now() < started + seconds * 1000) {
      await handle.db.execute('select 1');
      count++;
    }
  } finally {
    await handle.close();
  }
  return { count, seconds: (Date.now() - started) / 1000 };
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/health') return new Response('ok');
    const body = (await request.json()) as RunInput;
    if (url.pathname === '/deduct') return Response.json(await deductions(env, body));
    if (url.pathname === '/ping') return Response.json(await pings(env, body));
    if (url.pathname === '/reference') return Response.json(await bareQueries(env, body.seconds));
    return new Response('not found', { status: 404 });
  },
};
