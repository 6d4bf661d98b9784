import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { onTestFinished } from 'vitest';
import { createDb, type Db } from '../db/client';
import { auditLog, invites, permissions, users } from '../db/schema';
import { parseEnv } from '../env';
import { hashPassword } from '../features/auth/password';
import { createLogger } from '../lib/logger';

export const ORIGIN = 'http://cadence.test';
export const PASSWORD = 'correct horse battery staple';

/** PASSWORD's hash at the test deployment's rounds, made once: a user row inserted directly needs no hash of its own. */
let passwordHash: Promise<string> | undefined;
export const hashOfPassword = (): Promise<string> => (passwordHash ??= hashPassword(PASSWORD, parseEnv(env).PASSWORD_ITERATIONS));

export const uniqueEmail = (tag = 'user') => `${tag}-${crypto.randomUUID().slice(0, 8)}@example.test`;
const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

export interface Call {
  method?: string;
  body?: unknown;
  cookie?: string | null;
  headers?: Record<string, string>;
}

/** A test's own world: a db handle, a client IP of its own (throttles don't leak across tests), helpers. */
export class Harness {
  readonly env = parseEnv(env);
  readonly db: Db;
  readonly ip = randomIp();

  private constructor(db: Db) {
    this.db = db;
  }

  static init(): Harness {
    const handle = createDb(parseEnv(env), createLogger('error'));
    onTestFinished(() => handle.close());
    return new Harness(handle.db);
  }

  /** Calls the real worker fetch handler. State-changing calls carry our Origin unless overridden. */
  async call(path: string, init: Call = {}): Promise<Response> {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    // Browsers always send Host; Remix's own action check compares it with Origin.
    const headers: Record<string, string> = { host: 'cadence.test', 'cf-connecting-ip': this.ip, ...(init.headers ?? {}) };
    if (!['GET', 'HEAD'].includes(method) && !('origin' in headers)) headers.origin = ORIGIN;
    if (init.cookie) headers.cookie = init.cookie;
    let body: BodyInit | undefined;
    if (init.body instanceof FormData || init.body instanceof Blob || init.body instanceof Uint8Array) {
      // Binary and multipart bodies go as they are (fetch sets the multipart boundary itself).
      body = init.body instanceof Uint8Array ? new Blob([new Uint8Array(init.body)]) : init.body;
    } else if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    return exports.default.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body, redirect: 'manual' }));
  }

  async json<T = Record<string, unknown>>(path: string, init: Call = {}): Promise<{ status: number; body: T; res: Response }> {
    const res = await this.call(path, init);
    const body = (await res.json()) as T;
    return { status: res.status, body, res };
  }

  async createInvite(opts: { maxUses?: number; expiresAt?: Date | null; revoked?: boolean } = {}): Promise<string> {
    const code = `T-${crypto.randomUUID().slice(0, 13).toUpperCase()}`;
    await this.db.insert(invites).values({
      code,
      maxUses: opts.maxUses ?? 1,
      expiresAt: opts.expiresAt ?? null,
      revokedAt: opts.revoked ? new Date() : null,
    });
    return code;
  }

  /** Registers through the API with a fresh invite; returns the user, their cookie and credentials. */
  async signup(opts: { email?: string; displayName?: string } = {}) {
    const email = opts.email ?? uniqueEmail();
    const inviteCode = await this.createInvite();
    const { status, body, res } = await this.json<{ user: { id: string; email: string; role: string } }>('/api/v1/auth/register', {
      body: { email, password: PASSWORD, inviteCode, displayName: opts.displayName ?? 'Test Athlete' },
    });
    if (status !== 201) throw new Error(`signup failed: ${status} ${JSON.stringify(body)}`);
    return { user: body.user, email, password: PASSWORD, cookie: cookieFrom(res) };
  }

  /** A user of any role, inserted directly, then logged in through the API. */
  async userWithRole(role: 'athlete' | 'coach' | 'admin' | 'owner', grants: string[] = []) {
    const email = uniqueEmail(role);
    const [row] = await this.db
      .insert(users)
      .values({ email, passwordHash: await hashOfPassword(), displayName: `Test ${role}`, role })
      .returning({ id: users.id });
    if (!row) throw new Error('insert user failed');
    for (const permission of grants) await this.db.insert(permissions).values({ userId: row.id, permission });
    const cookie = await this.login(email, PASSWORD);
    return { id: row.id, email, cookie };
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.call('/api/v1/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return cookieFrom(res);
  }

  auditFor(targetType: string, targetId: string) {
    return this.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, payload: auditLog.payload, requestId: auditLog.requestId })
      .from(auditLog)
      .where(sql`${auditLog.targetType} = ${targetType} and ${auditLog.targetId} = ${targetId}`)
      .orderBy(auditLog.id);
  }

  auditForActions(actorId: string, action: string) {
    return this.db
      .select({ targetId: auditLog.targetId, payload: auditLog.payload })
      .from(auditLog)
      .where(sql`${auditLog.actorId} = ${actorId} and ${auditLog.action} = ${action}`);
  }

  userById(id: string) {
    return this.db
      .select()
      .from(users)
      .where(eq(users.id, id))
      .then((r) => r[0]);
  }
}

/** "name=value" of the session cookie a response set (for the next request's Cookie header). */
export function cookieFrom(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('cadence_session='));
  if (!set) throw new Error('no session cookie set');
  return set.split(';')[0] ?? '';
}

export function expectErrorShape(body: unknown, code: string): void {
  const b = body as { error?: { code?: string; message?: string; requestId?: string } };
  if (!b.error || b.error.code !== code || !b.error.message || !b.error.requestId) {
    throw new Error(`expected error ${code}, got ${JSON.stringify(body)}`);
  }
}
