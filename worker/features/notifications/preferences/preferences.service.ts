import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { notFound } from '../../../lib/errors';
import type { Actor, AuditService } from '../../audit';
import {
  DEFAULT_DND,
  DEFAULT_EMAIL_MODE,
  DEFAULT_REMINDER,
  DEFAULT_SEND_MINUTE,
  effectiveChannels,
  effectivePush,
  LOCKED_EMAIL,
  type NotificationPreferences,
  type UpdateNotificationPreferences,
} from './notification-preferences';
import type { Category } from '../notification-types';
import { createPreferencesRepo, type StoredPreferences } from './preferences.repo';

/** What delivery decides with: the stored choices with defaults filled in, plus the account's zone. */
export interface EffectivePreferences extends NotificationPreferences {
  userId: string;
  units: 'km' | 'mi';
  email: string;
  displayName: string;
}

export function effective(row: StoredPreferences): EffectivePreferences {
  return {
    userId: row.userId,
    units: row.units,
    email: row.email,
    displayName: row.displayName,
    timeZone: row.timeZone,
    emailMode: row.emailMode ?? DEFAULT_EMAIL_MODE,
    sendMinute: row.sendMinute ?? DEFAULT_SEND_MINUTE,
    channels: effectiveChannels(row.channels),
    dnd: row.dnd ?? DEFAULT_DND,
    push: effectivePush(row.push),
    reminder: { on: row.reminderOn ?? DEFAULT_REMINDER.on, minute: row.reminderMinute ?? DEFAULT_REMINDER.minute },
  };
}

/** Who switched a category by link, and from which email. */
export interface SwitchContext {
  actor?: Actor | null;
  deliveryId?: string;
}

const publicView = ({ userId: _u, units: _n, email: _e, displayName: _d, ...p }: EffectivePreferences): NotificationPreferences => p;

export function createPreferencesService(deps: { db: Executor; clock: Clock; audit: AuditService }) {
  const repo = createPreferencesRepo(deps.db);
  const load = async (userId: string) => {
    const row = await repo.load(userId);
    if (!row) throw notFound('User');
    return effective(row);
  };
  async function switchEmail(userId: string, category: Category, on: boolean, ctx: SwitchContext & { via: 'link' | 'one_click' }) {
    if (LOCKED_EMAIL.has(category)) return { changed: false };
    // One transaction per user: two clicks at once change (and audit) once.
    return deps.db.transaction(async (tx) => {
      const prefs = createPreferencesRepo(tx);
      await prefs.lockUser(userId);
      const changed = await prefs.setCategoryEmail(userId, category, on, deps.clock.now());
      if (changed) {
        await deps.audit.record(
          {
            actor: ctx.actor ?? null,
            action: on ? 'notifications.resubscribed' : 'notifications.unsubscribed',
            target: { type: 'user', id: userId },
            payload: { category, via: ctx.via, ...(ctx.deliveryId ? { deliveryId: ctx.deliveryId } : {}) },
          },
          tx,
        );
      }
      return { changed };
    });
  }

  return {
    /** For delivery code: defaults applied, with zone, units and address. */
    effective: load,

    /** `effective` for a queue batch's users in one statement, by user id; a user who no longer exists is absent. */
    async effectiveMany(userIds: string[]): Promise<Map<string, EffectivePreferences>> {
      const rows = await repo.loadMany([...new Set(userIds)]);
      return new Map(rows.map((r) => [r.userId, effective(r)]));
    },

    async get(userId: string): Promise<NotificationPreferences> {
      return publicView(await load(userId));
    },

    async update(userId: string, input: UpdateNotificationPreferences): Promise<NotificationPreferences> {
      const current = await load(userId);
      const channels = { ...current.channels };
      for (const [c, v] of Object.entries(input.channels ?? {})) {
        const cat = c as Category;
        // Billing and security mail stays on by email; the page says so.
        channels[cat] = { inApp: v?.inApp ?? channels[cat].inApp, email: LOCKED_EMAIL.has(cat) ? true : (v?.email ?? channels[cat].email) };
      }
      const next = {
        emailMode: input.emailMode ?? current.emailMode,
        sendMinute: input.sendMinute ?? current.sendMinute,
        channels,
        dnd: input.dnd ? [...input.dnd].sort((a, b) => a.day - b.day) : current.dnd,
        push: { ...current.push, ...input.push },
        reminder: { ...current.reminder, ...input.reminder },
      };
      const { reminder, ...stored } = next;
      await repo.save(userId, { ...stored, reminderOn: reminder.on, reminderMinute: reminder.minute }, deps.clock.now());
      return publicView({ ...current, ...next });
    },

    /**
     * The unsubscribe link's change: exactly one category's email off (idempotent; a replay changes
     * nothing and records nothing). Locked categories cannot be turned off this way. `ctx` names the
     * email the link came in and whose link it is (the account itself, signed in or not).
     */
    unsubscribe: (userId: string, category: Category, via: 'link' | 'one_click', ctx: SwitchContext = {}) =>
      switchEmail(userId, category, false, { via, ...ctx }),

    /** The unsubscribe page's Undo: that category's email back on, audited like the change it undoes. */
    resubscribe: (userId: string, category: Category, ctx: SwitchContext = {}) =>
      switchEmail(userId, category, true, { via: 'link', ...ctx }),
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
export { DEFAULT_DND, DEFAULT_EMAIL_MODE, DEFAULT_SEND_MINUTE };
