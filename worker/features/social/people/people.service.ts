// Settings, privacy zones, the directory and profiles. A profile is read through the one relation and shown by the
// serializer: a block is a 404 whichever side made it, a private profile shows a stranger its name only, and zones
// reach nobody but their owner (ADR 082, 083).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { createRelations, DEFAULT_SOCIAL_SETTINGS } from './relations';
import { createPeopleRepo } from './people.repo';
import { person, serializeProfile, serializePublicProfile } from '../posts/serializer';
import type { ProfileView, PublicProfileView } from '../posts/serializer.schema';
import type { DirectoryQuery, SocialSettingsUpdate, ZoneInput } from './people.schema';

/** Address zones an athlete may keep. */
export const MAX_ZONES = 10;

export interface PeopleDeps {
  db: Db;
  clock: Clock;
}

const personNotFound = () => notFound('Person');

const encodeCursor = (name: string, id: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify([name, id]))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const bin = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const [name, id] = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)))) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { name, id };
  } catch {
    // Falls through to the one error below.
  }
  throw new AppError(ErrorCode.VALIDATION, 'cursor: Not a page cursor', { fields: [{ path: 'cursor', message: 'Not a page cursor' }] });
}

export function createPeopleService(deps: PeopleDeps) {
  const repo = createPeopleRepo(deps.db);
  const relations = createRelations(deps.db);

  async function settingsView(userId: string) {
    const s = await relations.settings(userId);
    // No row gives the defaults object itself: the athlete never chose.
    const saved = s !== DEFAULT_SOCIAL_SETTINGS;
    return {
      ...s,
      // The table's checks hold these to the schema's values.
      profileVisibility: s.profileVisibility as 'public' | 'private',
      defaultPostVisibility: s.defaultPostVisibility as 'public' | 'followers' | 'private',
      suspendedUntil: s.suspendedUntil ? s.suspendedUntil.toISOString() : null,
      saved,
    };
  }

  async function zonesOf(userId: string) {
    const rows = await repo.zones(userId);
    return {
      zones: rows.map((z) => ({
        id: z.id,
        label: z.label,
        lat: z.lat,
        lon: z.lon,
        radiusM: z.radiusM,
        createdAt: z.createdAt.toISOString(),
      })),
    };
  }

  return {
    settings: settingsView,
    /**
     * Saves what the athlete chose (the first save writes the row). Turning a private profile public accepts no
     * waiting request: each stays pending until its owner answers it.
     */
    async saveSettings(userId: string, patch: SocialSettingsUpdate) {
      await repo.saveSettings(userId, patch, deps.clock.now());
      return settingsView(userId);
    },

    zones: zonesOf,
    async addZone(userId: string, input: ZoneInput) {
      const id = await repo.addZone(userId, input, MAX_ZONES);
      if (!id) throw new AppError(ErrorCode.CONFLICT, `You can hide at most ${MAX_ZONES} places; delete one first.`);
      return (await zonesOf(userId)).zones.find((z) => z.id === id)!;
    },
    async deleteZone(userId: string, id: string) {
      if (!(await repo.deleteZone(userId, id))) throw notFound('Privacy zone');
      return { ok: true as const };
    },

    /** Opted-in people by the start of their name, never anyone blocked either way, a keyset page at a time. */
    async directory(me: string, q: DirectoryQuery) {
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const rows = await repo.directory(me, q.q ?? '', after, q.limit);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        people: page.map(person),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.key, last.id) : null,
      };
    },

    /** One person as the viewer may see them: 404 when blocked either way or nobody. */
    async profile(viewerId: string, userId: string): Promise<ProfileView> {
      const user = await repo.user(userId);
      if (!user) throw personNotFound();
      const [relation, settings] = await Promise.all([relations.between(viewerId, userId), relations.settings(userId)]);
      const view = await serializeProfile({ user, settings, relation, counts: () => repo.counts(userId) });
      if (!view) throw personNotFound();
      return view;
    },
    /** The signed-out page, only when its owner turned it on; a private profile shows its name only. */
    async publicProfile(userId: string): Promise<PublicProfileView> {
      const user = await repo.user(userId);
      const view =
        user && (await serializePublicProfile({ user, settings: await relations.settings(userId), counts: () => repo.counts(userId) }));
      if (!view) throw personNotFound();
      return view;
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
