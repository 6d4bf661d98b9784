// The only SQL of API keys (ADR 105). The request path is one UPDATE: it finds the key by its hash, checks it is
// live and its owner may use it, counts the request in the key's fixed window and stamps last_used_at, at once.
import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { apiKeys, orgMembers, users } from '../../db/schema';
import type { UserRow } from '../../db/schema/users';
import { userColumns } from '../auth';

export type KeyOwner = { kind: 'user'; userId: string } | { kind: 'org'; orgId: string };

const listColumns = {
  id: apiKeys.id,
  orgId: apiKeys.orgId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};
export interface KeyRow {
  id: string;
  orgId: string | null;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

const ownedBy = (owner: KeyOwner): SQL =>
  owner.kind === 'user' ? and(eq(apiKeys.userId, owner.userId), isNull(apiKeys.orgId))! : eq(apiKeys.orgId, owner.orgId);

export async function insertKey(
  db: Executor,
  v: { userId: string; orgId: string | null; name: string; prefix: string; secretHash: string; scopes: string[]; expiresAt: Date | null },
): Promise<KeyRow> {
  const [row] = await db
    .insert(apiKeys)
    .values({ ...v, createdBy: v.userId })
    .returning(listColumns);
  if (!row) throw new Error('api key insert returned nothing');
  return row as KeyRow;
}

/** The owner's keys, newest first; revoked ones too (the list shows when), never the hash. */
export async function listKeys(db: Executor, owner: KeyOwner): Promise<KeyRow[]> {
  return (await db.select(listColumns).from(apiKeys).where(ownedBy(owner)).orderBy(desc(apiKeys.createdAt))) as KeyRow[];
}

/** How many of the owner's keys are live now (revoked and expired ones do not count toward the cap). */
export async function countLive(db: Executor, owner: KeyOwner, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(and(ownedBy(owner), isNull(apiKeys.revokedAt), sql`(${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > ${now})`));
  return row?.n ?? 0;
}

/** Revokes the owner's key; null when it is not theirs (another owner's id looks exactly like a missing one) or already revoked. */
export async function revokeKey(db: Executor, owner: KeyOwner, id: string, now: Date): Promise<KeyRow | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), ownedBy(owner), isNull(apiKeys.revokedAt)))
    .returning(listColumns);
  return (row as KeyRow | undefined) ?? null;
}

export async function findOwned(db: Executor, owner: KeyOwner, id: string): Promise<KeyRow | null> {
  const [row] = await db
    .select(listColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), ownedBy(owner)));
  return (row as KeyRow | undefined) ?? null;
}

// A key is usable while it is not revoked, not expired, its user not blocked, and a team key's user still owns the org.
const usable = (now: Date) => sql`${apiKeys.revokedAt} is null
  and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > ${now})
  and ${users.blockedAt} is null
  and (${apiKeys.orgId} is null or exists (select 1 from ${orgMembers} m where m.org_id = ${apiKeys.orgId}
    and m.user_id = ${apiKeys.userId} and m.role = 'owner'))`;

/** What the request's statement also reads for the caller, as expressions of the key's row (its user, its org). */
export interface RequestColumns {
  /** The owner's tier facts (membership's tierFactsColumn): the tier is checked without a round trip of its own. */
  tier: (owner: { userId: SQL; orgId: SQL }) => SQL<unknown>;
  /** Values the request reads next (the data policy's mode), as the session lookup carries them. */
  riders: readonly ((userId: SQL) => SQL<unknown>)[];
}

/**
 * The request's one statement: the live key and its user, its window's count taken (a new window starts at 1), or
 * nothing when the key is unusable or its window is full. Racing requests queue on the row and each re-checks the
 * count, so exactly `rate_per_minute` pass in a window. The same statement returns the owner's tier facts and the
 * riders' values, so a keyed request makes one round trip before its route, as a session's does. Its commit is
 * asynchronous (`synchronous_commit` off for this transaction alone, so run it on its own, never inside another
 * transaction): waiting for the WAL's flush was most of the write's cost, and a database crash can then lose only the
 * last instants of a minute's count and of `last_used_at` — never whether a key is live, which this never writes.
 */
export async function takeRequest(
  db: Executor | StatementExecutor,
  secretHash: string,
  now: Date,
  windowStart: Date,
  columns: RequestColumns,
) {
  const owner = { userId: sql`${apiKeys.userId}`, orgId: sql`${apiKeys.orgId}` };
  const [row] = await db
    .update(apiKeys)
    .set({
      windowCount: sql`case when ${apiKeys.windowStart} = ${windowStart} then ${apiKeys.windowCount} + 1 else 1 end`,
      windowStart,
      lastUsedAt: now,
    })
    .from(users)
    .where(
      and(
        eq(apiKeys.secretHash, secretHash),
        eq(users.id, apiKeys.userId),
        usable(now),
        sql`(${apiKeys.windowStart} is distinct from ${windowStart} or ${apiKeys.windowCount} < ${apiKeys.ratePerMinute})`,
      ),
    )
    .returning({
      keyId: apiKeys.id,
      keyOrgId: apiKeys.orgId,
      keyPrefix: apiKeys.prefix,
      keyScopes: apiKeys.scopes,
      windowCount: apiKeys.windowCount,
      ratePerMinute: apiKeys.ratePerMinute,
      tierFacts: columns.tier(owner),
      // Evaluated only for a row written: its commit does not wait for the WAL's flush (see above).
      asyncCommit: sql<string>`set_config('synchronous_commit', 'off', true)`,
      riders: columns.riders.length
        ? sql<unknown[]>`json_build_array(${sql.join(
            columns.riders.map((r) => r(owner.userId)),
            sql`, `,
          )})`
        : sql<null>`null`,
      ...userColumns,
    });
  if (!row) return null;
  const { keyId, keyOrgId, keyPrefix, keyScopes, windowCount, ratePerMinute, tierFacts, riders, asyncCommit: _, ...user } = row;
  return {
    key: { id: keyId, orgId: keyOrgId, prefix: keyPrefix, scopes: keyScopes },
    count: windowCount,
    limit: ratePerMinute,
    user: user as UserRow,
    tierFacts,
    riders: Array.isArray(riders) ? (riders as unknown[]) : [],
  };
}

/** Why takeRequest found nothing: a usable key whose window is full (its limit), or no usable key at all (null). */
export async function fullWindow(db: Executor | StatementExecutor, secretHash: string, now: Date): Promise<{ limit: number } | null> {
  const [row] = await db
    .select({ limit: apiKeys.ratePerMinute })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.secretHash, secretHash), usable(now)));
  return row ?? null;
}
