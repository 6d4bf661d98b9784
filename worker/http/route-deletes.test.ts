// Destroying the user's data is high-risk by construction, read from the route table (issue 55, ADR 029): the
// high-risk tests in route-access.test.ts then prove an impersonation is refused each such route.
import { describe, expect, it } from 'vitest';
import { ALL, declared, doc, type Endpoint } from './route-table.testing';

// Destroying what the user has is their own act (issue 55): a DELETE, or a write whose body can ask for a
// delete (a "delete" value in its schema, as the activities list's bulk edit offers). Each is high-risk, or
// stands here with why it destroys nothing: it takes back a mark or a link the user can put back as it was,
// or it is not the user's data at all.
const DELETES_NOTHING: Record<string, string> = {
  'DELETE /api/v1/plans/:planId/workouts/:workoutId/done': 'takes back the athlete’s own “done”; marking it again puts it back',
  'DELETE /api/v1/plans/:planId/workouts/:workoutId': 'a soft skip of a planned workout, restorable',
  'DELETE /api/v1/coach/clients/:id/plan/workouts/:workoutId': 'a soft delete of a planned workout, restorable and undoable',
  'DELETE /api/v1/social/posts/:id/kudos': 'takes back a kudos; giving it again puts it back',
  'DELETE /api/v1/social/activities/:activityId/race': 'takes a race mark off; marking it again earns its achievements again',
  'DELETE /api/v1/social/follows/:userId': 'a follow or request, made again with one request; nothing of the user’s is lost',
  'DELETE /api/v1/social/followers/:userId': 'a follower removed, who may ask again; nothing of the user’s is lost',
  'DELETE /api/v1/social/blocks/:userId': 'lifts a block, put back by blocking again; nothing of the user’s is lost',
  'DELETE /api/v1/social/mutes/:userId': 'unmutes, put back by muting again',
  'DELETE /api/v1/me/coach-links/:id/plan-edit': 'takes back a coach’s “may edit”; granting it again puts it back',
  'DELETE /api/v1/coach/team/invites/:id': 'cancels an invitation nobody took yet; inviting again puts it back',
  'DELETE /api/v1/admin/users/:id/permissions/:permission': 'an operator’s act on another user; the console refuses every impersonation',
  'DELETE /api/v1/admin/impersonation': 'ending the impersonation itself',
  'DELETE /mcp': 'the stateless MCP endpoint has no session to end: the SDK answers 405 and nothing is deleted (ADR 106)',
  'DELETE /api/v1/coach/mcp': 'as DELETE /mcp, the coach’s stateless MCP endpoint: 405, nothing is deleted (ADR 108)',
  'POST /webhooks/strava': 'Strava telling of a deletion on its side, by subscription; no session ever comes with it',
};

/** Whether a request body schema offers a "delete" (an enum value or a const), following $refs. */
function offersDelete(schema: unknown, seen = new Set<string>()): boolean {
  if (Array.isArray(schema)) return schema.some((s) => offersDelete(s, seen));
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop()!;
    if (seen.has(name)) return false;
    seen.add(name);
    return offersDelete(doc.components?.schemas?.[name], seen);
  }
  if (s.const === 'delete' || (Array.isArray(s.enum) && s.enum.includes('delete'))) return true;
  return Object.values(s).some((v) => offersDelete(v, seen));
}
const destroys = (e: Endpoint) =>
  e.method === 'DELETE' || (e.method !== 'GET' && offersDelete(e.op?.requestBody?.content?.['application/json']?.schema));

describe('routes that delete', () => {
  it('a route that deletes the user’s data is high-risk, or a stated reason it destroys nothing', () => {
    const problems: string[] = [];
    for (const e of ALL) {
      const high = declared(e).risk !== 'normal';
      if (destroys(e) && !high && !(e.key in DELETES_NOTHING)) problems.push(`${e.key} deletes: mark it high-risk`);
      if (e.key in DELETES_NOTHING && (high || !destroys(e))) problems.push(`${e.key}: a stale entry in DELETES_NOTHING`);
    }
    for (const key of Object.keys(DELETES_NOTHING)) if (!ALL.some((e) => e.key === key)) problems.push(`${key}: no such route`);
    expect(problems).toEqual([]);
    // The rule sees the reported two: the bulk edit's delete and a post's.
    expect(ALL.filter(destroys).map((e) => e.key)).toEqual(
      expect.arrayContaining(['POST /api/v1/activities/bulk', 'DELETE /api/v1/social/posts/:id']),
    );
  });
});
