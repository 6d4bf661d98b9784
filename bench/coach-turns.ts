// Helpers for the coach bench: Pro athletes (a comp grant, so the Free quota of 5 a month does not stop
// them), their sessions and conversations, and one SSE turn read the way a browser reads it, with the
// arrival time of each event on the same clock as the LLM sandbox's (this Node process).
import pg from 'pg';
import { createUsers, login } from './users.ts';

/** Wall-clock ms with sub-ms resolution: the sandbox's `receivedAt`/`firstTokenAt` use the same clock. */
export const hrNow = () => performance.timeOrigin + performance.now();

export interface Athlete {
  userId: string;
  cookie: string;
  conversationId: string;
}

/** `n` athletes with a week's Pro comp, logged in (10 at a time: login is PBKDF2), each with a conversation. */
export async function proAthletes(databaseUrl: string, base: string, origin: string, n: number, tag: string): Promise<Athlete[]> {
  const emails = await createUsers(databaseUrl, n, tag);
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  let ids: Map<string, string>;
  try {
    const rows = await sql.query<{ id: string; email: string }>('select id, email from users where email = any($1)', [emails]);
    ids = new Map(rows.rows.map((r) => [r.email, r.id]));
    await sql.query(
      `insert into membership_grants (user_id, kind, tier, ends_at, reason)
       select id, 'comp', 'pro', now() + interval '7 days', 'bench' from users where email = any($1)`,
      [emails],
    );
  } finally {
    await sql.end();
  }
  const out: Athlete[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const cookie = await login(base, origin, emails[i]!);
      out[i] = { userId: ids.get(emails[i]!)!, cookie, conversationId: await newConversation(base, origin, cookie) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(10, n) }, worker));
  return out;
}

export async function newConversation(base: string, origin: string, cookie: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/ai-coach/conversations`, {
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`create conversation answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return ((await res.json()) as { conversation: { id: string } }).conversation.id;
}

export interface TurnTiming {
  status: number;
  /** When fetch() was called, and when the headers, the `turn` event, the first `delta` and `done` arrived (hrNow). */
  t0: number;
  headersAt: number | null;
  turnAt: number | null;
  firstDeltaAt: number | null;
  doneAt: number | null;
  route: string | null;
  /** Anything that is not a clean answer: non-200, network, `error` events, no `done`. */
  errors: string[];
}

/** POSTs one question with Accept: text/event-stream and reads the SSE to its end. */
/** `clientMessageId`: the same id again is a resend (the app answers with the turn it already has). */
export async function askTurn(
  base: string,
  origin: string,
  a: Athlete,
  text: string,
  timeoutMs: number,
  clientMessageId: string = crypto.randomUUID(),
): Promise<TurnTiming> {
  const t: TurnTiming = {
    status: 0,
    t0: hrNow(),
    headersAt: null,
    turnAt: null,
    firstDeltaAt: null,
    doneAt: null,
    route: null,
    errors: [],
  };
  try {
    const res = await fetch(`${base}/api/v1/ai-coach/conversations/${a.conversationId}/messages`, {
      method: 'POST',
      headers: { cookie: a.cookie, origin, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ text, clientMessageId }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    t.headersAt = hrNow();
    t.status = res.status;
    if (res.status !== 200 || !res.body) {
      t.errors.push(`http ${res.status}`);
      await res.arrayBuffer().catch(() => {});
      return t;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { done, value } = await reader.read();
      const at = hrNow();
      if (done) break;
      buf += value;
      let cut = buf.indexOf('\n\n');
      while (cut >= 0) {
        onFrame(t, buf.slice(0, cut), at);
        buf = buf.slice(cut + 2);
        cut = buf.indexOf('\n\n');
      }
    }
  } catch (err) {
    t.errors.push(err instanceof Error ? `${err.name}`.slice(0, 40) : 'network');
  }
  if (t.status === 200 && t.doneAt === null) t.errors.push('no done');
  if (t.status === 200 && t.firstDeltaAt === null) t.errors.push('no delta');
  return t;
}

function onFrame(t: TurnTiming, frame: string, at: number): void {
  let event = 'message';
  let data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (event === 'turn') {
    t.turnAt ??= at;
    t.route = (JSON.parse(data) as { route: string }).route;
  } else if (event === 'delta') t.firstDeltaAt ??= at;
  else if (event === 'done') t.doneAt ??= at;
  else if (event === 'error') t.errors.push(`error event ${(JSON.parse(data) as { code?: string }).code ?? '?'}`);
}
