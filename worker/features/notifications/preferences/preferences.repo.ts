import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { notificationPreferences, users } from '../../../db/schema';
import {
  DEFAULT_DND,
  DEFAULT_EMAIL_MODE,
  DEFAULT_SEND_MINUTE,
  type ChannelPrefs,
  type DndWindow,
  type EmailMode,
} from './notification-preferences';

export interface StoredPreferences {
  userId: string;
  timeZone: string;
  units: 'km' | 'mi';
  email: string;
  displayName: string;
  /** Null when the user never saved preferences (the defaults apply). */
  emailMode: EmailMode | null;
  sendMinute: number | null;
  channels: Record<string, Partial<ChannelPrefs>> | null;
  dnd: DndWindow[] | null;
  push: Record<string, boolean> | null;
  reminderOn: boolean | null;
  reminderMinute: number | null;
}

export function createPreferencesRepo(db: Executor) {
  /** `load` for many users in one statement (a queue batch's fan-out); users that do not exist are absent. */
  async function loadMany(userIds: string[]): Promise<StoredPreferences[]> {
    if (userIds.length === 0) return [];
    return db
      .select({
        userId: users.id,
        timeZone: users.timeZone,
        units: users.units,
        email: users.email,
        displayName: users.displayName,
        emailMode: notificationPreferences.emailMode,
        sendMinute: notificationPreferences.sendMinute,
        channels: notificationPreferences.channels,
        dnd: notificationPreferences.dnd,
        push: notificationPreferences.push,
        reminderOn: notificationPreferences.reminderOn,
        reminderMinute: notificationPreferences.reminderMinute,
      })
      .from(users)
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(userIds.length === 1 ? eq(users.id, userIds[0]!) : inArray(users.id, userIds));
  }

  return {
    loadMany,

    /** The user's stored choices with what delivery needs from the account (zone, units, address). */
    async load(userId: string): Promise<StoredPreferences | null> {
      const [row] = await loadMany([userId]);
      return row ?? null;
    },

    /** Writes the whole row (a first save stores the defaults for what it did not set). */
    async save(
      userId: string,
      next: {
        emailMode: EmailMode;
        sendMinute: number;
        channels: Record<string, Partial<ChannelPrefs>>;
        dnd: DndWindow[];
        push: Record<string, boolean>;
        reminderOn: boolean;
        reminderMinute: number;
      },
      now: Date,
    ) {
      await db
        .insert(notificationPreferences)
        .values({ userId, ...next, updatedAt: now })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: { ...next, updatedAt: now } });
    },

    /** Serialises one user's unsubscribe writes (a mail scanner's one-click and the person's click at once). */
    async lockUser(userId: string) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`notify-prefs:${userId}`}, 17))`);
    },

    /** The account's address and role: the unsubscribe page's hint and the audit row's actor. */
    async account(userId: string): Promise<{ email: string; role: string } | null> {
      const [row] = await db.select({ email: users.email, role: users.role }).from(users).where(eq(users.id, userId));
      return row ?? null;
    },

    /**
     * Turns one category's email on or off in one statement (the unsubscribe link's write); a user without
     * a row gets the defaults plus this change. Returns whether the stored value changed.
     */
    async setCategoryEmail(userId: string, category: string, enabled: boolean, now: Date): Promise<boolean> {
      const patch = sql`jsonb_build_object(${category}::text, coalesce(notification_preferences.channels -> ${category}::text, '{}'::jsonb) || jsonb_build_object('email', ${enabled}::boolean))`;
      const rows = await db.execute<{ changed: boolean }>(sql`
        with before as (select channels -> ${category}::text ->> 'email' as email from notification_preferences where user_id = ${userId}),
        up as (
          insert into notification_preferences (user_id, email_mode, send_minute, channels, dnd, updated_at)
          values (${userId}, ${DEFAULT_EMAIL_MODE}, ${DEFAULT_SEND_MINUTE}, jsonb_build_object(${category}::text, jsonb_build_object('email', ${enabled}::boolean)), ${JSON.stringify(DEFAULT_DND)}::jsonb, ${now})
          on conflict (user_id) do update set channels = notification_preferences.channels || ${patch}, updated_at = ${now}
          returning user_id
        )
        select coalesce((select email from before), 'true') <> ${String(enabled)} as changed from up`);
      return rows.rows[0]?.changed ?? false;
    },
  };
}
