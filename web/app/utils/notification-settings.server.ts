import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { CATEGORIES, CATEGORY_LABELS } from '../../../worker/features/notifications';
import {
  EMAIL_MODES,
  LOCKED_EMAIL,
  UpdateNotificationPreferences,
  type DndWindow,
  type NotificationPreferences,
} from '../../../worker/features/notifications/notifications.schema';
import { appErrorToForm } from './forms.server';
import type { Feature } from './membership';
import {
  emailModes,
  minutesToTime,
  timeToMinutes,
  WEEKDAYS,
  type DndMode,
  type EmailModeName,
  type PrefsResult,
  type PrefsView,
} from './notification-settings';

/** Evenings and nights, as the defaults have it: what an empty row is filled with. */
const FALLBACK = { start: '22:00', end: '07:00' };
const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** The category × channel grid; billing and security email is on, whatever `read` says. */
const categoryRows = (read: (c: string, ch: 'inApp' | 'email' | 'push') => boolean) =>
  CATEGORIES.map((c) => ({
    value: c,
    label: CATEGORY_LABELS[c].label,
    hint: CATEGORY_LABELS[c].hint,
    inApp: read(c, 'inApp'),
    email: LOCKED_EMAIL.has(c) ? true : read(c, 'email'),
    emailLocked: LOCKED_EMAIL.has(c),
    push: read(c, 'push'),
  }));

/** The saved preferences as the form shows them, in words that fit the reader's membership. */
export function prefsView(p: NotificationPreferences, features: Readonly<Pick<Record<Feature, boolean>, 'email_summaries'>>): PrefsView {
  const byDay = new Map(p.dnd.map((w) => [w.day, w]));
  const first = p.dnd[0];
  const same = p.dnd.length === 7 && p.dnd.every((w) => w.start === first?.start && w.end === first?.end);
  const every = first ? { start: minutesToTime(first.start), end: minutesToTime(first.end) } : FALLBACK;
  return {
    categories: categoryRows((c, ch) =>
      ch === 'push' ? (p.push?.[c as keyof typeof p.push] ?? true) : (p.channels[c as keyof typeof p.channels]?.[ch] ?? true),
    ),
    emailMode: p.emailMode,
    sendTime: minutesToTime(p.sendMinute),
    dndMode: p.dnd.length === 0 ? 'off' : same ? 'same' : 'days',
    every,
    days: DAYS.map((day) => {
      const w = byDay.get(day);
      return {
        day,
        name: WEEKDAYS[day - 1]!,
        on: !!w,
        start: w ? minutesToTime(w.start) : every.start,
        end: w ? minutesToTime(w.end) : every.end,
      };
    }),
    timeZone: p.timeZone,
    emailModes: emailModes(features.email_summaries),
    mondayEmail: features.email_summaries,
    reminder: { on: p.reminder.on, time: minutesToTime(p.reminder.minute) },
  };
}

export async function loadPrefs(context: AppLoadContext, viewer: Viewer): Promise<PrefsView> {
  const s = context.services;
  const [prefs, ent] = await Promise.all([s.notifications.preferences.get(viewer.user.id), s.membership.entitlements(viewer.user.id)]);
  return prefsView(prefs, ent.features);
}

/** What was submitted, shown again after a refusal: typed times and ticks as they were. */
function submittedView(v: Record<string, string>, saved: PrefsView): PrefsView {
  const mode = (['same', 'days', 'off'] as const).find((m) => m === v.dndMode) ?? saved.dndMode;
  return {
    ...saved,
    categories: categoryRows((c, ch) => `${ch}.${c}` in v),
    emailMode: (EMAIL_MODES as readonly string[]).includes(v.emailMode ?? '') ? (v.emailMode as EmailModeName) : saved.emailMode,
    sendTime: v.sendTime ?? saved.sendTime,
    dndMode: mode,
    every: { start: v.everyStart ?? saved.every.start, end: v.everyEnd ?? saved.every.end },
    days: saved.days.map((d) => ({
      ...d,
      on: `dnd${d.day}On` in v,
      start: v[`dnd${d.day}Start`] ?? d.start,
      end: v[`dnd${d.day}End`] ?? d.end,
    })),
    reminder: 'reminderTime' in v ? { on: 'reminderOn' in v, time: v.reminderTime ?? '' } : saved.reminder,
  };
}

/**
 * The form → the API's update (every part at once), with errors named by the form's own fields:
 * sendTime, emailMode, every (the same-every-day window), dnd1…dnd7.
 */
export function parsePrefsForm(v: Record<string, string>): {
  input: UpdateNotificationPreferences | null;
  fieldErrors: Record<string, string>;
} {
  const fieldErrors: Record<string, string> = {};
  const sendMinute = timeToMinutes(v.sendTime);
  if (sendMinute === null) fieldErrors.sendTime = 'Enter a time of day, like 07:00';
  const mode: DndMode | undefined = (['same', 'days', 'off'] as const).find((m) => m === v.dndMode);
  if (!mode) fieldErrors.dndMode = 'Choose when do-not-disturb applies';

  // Which form field each window came from, to put the schema's complaint beside it.
  const windows: { window: DndWindow; field: string }[] = [];
  const window = (field: string, day: number, start: string | undefined, end: string | undefined) => {
    const s = timeToMinutes(start);
    const e = timeToMinutes(end);
    if (s === null || e === null) fieldErrors[field] ??= 'Enter a start and an end time, like 22:00 and 07:00';
    else windows.push({ window: { day, start: s, end: e }, field });
  };
  if (mode === 'same') for (const day of DAYS) window('every', day, v.everyStart, v.everyEnd);
  if (mode === 'days') for (const day of DAYS) if (`dnd${day}On` in v) window(`dnd${day}`, day, v[`dnd${day}Start`], v[`dnd${day}End`]);

  // The daily reminder: only a form that showed it (its time field) changes it; a time is needed only to turn it on.
  const reminderOn = 'reminderOn' in v;
  const reminderMinute = timeToMinutes(v.reminderTime);
  if ('reminderTime' in v && reminderOn && reminderMinute === null) fieldErrors.reminderTime = 'Enter a time of day, like 07:00';

  const candidate = {
    emailMode: v.emailMode,
    sendMinute: sendMinute ?? 0,
    channels: Object.fromEntries(
      CATEGORIES.map((c) => [
        c,
        LOCKED_EMAIL.has(c) ? { inApp: `inApp.${c}` in v } : { inApp: `inApp.${c}` in v, email: `email.${c}` in v },
      ]),
    ),
    dnd: windows.map((w) => w.window),
    // Only a form that showed the push column (its marker field) changes push: an older form leaves it as it was.
    ...('pushShown' in v ? { push: Object.fromEntries(CATEGORIES.map((c) => [c, `push.${c}` in v])) } : {}),
    ...('reminderTime' in v ? { reminder: { on: reminderOn, ...(reminderMinute === null ? {} : { minute: reminderMinute }) } } : {}),
  };
  const parsed = UpdateNotificationPreferences.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index] = issue.path;
      const field =
        top === 'dnd' && typeof index === 'number'
          ? windows[index]?.field
          : top === 'emailMode'
            ? 'emailMode'
            : top === 'sendMinute'
              ? 'sendTime'
              : top === 'reminder'
                ? 'reminderTime'
                : undefined;
      if (field) fieldErrors[field] ??= top === 'emailMode' ? 'Choose how much email you want' : issue.message;
      else fieldErrors.form ??= issue.message;
    }
  }
  return Object.keys(fieldErrors).length === 0 && parsed.success ? { input: parsed.data, fieldErrors } : { input: null, fieldErrors };
}

export async function savePrefs(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<PrefsResult> {
  const saved = await loadPrefs(context, viewer);
  const { input, fieldErrors } = parsePrefsForm(values);
  const refuse = (errors: Record<string, string>, formError?: string): PrefsResult => {
    const { form, ...fields } = errors;
    return {
      ok: false,
      fieldErrors: fields,
      formError: formError ?? form ?? 'Some settings need a look: see the messages beside them.',
      view: submittedView(values, saved),
    };
  };
  if (!input) return refuse(fieldErrors);
  try {
    await context.services.notifications.preferences.update(viewer.user.id, input);
  } catch (err) {
    const form = appErrorToForm(err, {
      fieldOf: (p) => (p === 'sendMinute' ? 'sendTime' : p.startsWith('dnd') ? 'dndMode' : p.startsWith('reminder') ? 'reminderTime' : p),
    });
    return refuse(form.fieldErrors, form.formError);
  }
  return { ok: true, message: 'Saved', fieldErrors: {} };
}
