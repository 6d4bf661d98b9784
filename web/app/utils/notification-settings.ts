// The notification preferences page's view and words, shared by its loader, its action and its form.
import type { FormOutcome } from './form-outcome';
import type { Feature } from './membership';

export type DndMode = 'same' | 'days' | 'off';
export type EmailModeName = 'daily' | 'weekly' | 'alerts' | 'off';

export interface PrefsView {
  categories: { value: string; label: string; hint: string; inApp: boolean; email: boolean; emailLocked: boolean; push: boolean }[];
  emailMode: EmailModeName;
  /** "07:00" in the account's zone. */
  sendTime: string;
  dndMode: DndMode;
  /** The "same every day" window. */
  every: { start: string; end: string };
  days: { day: number; name: string; on: boolean; start: string; end: string }[];
  timeZone: string;
  /** The email modes in words that fit the reader's membership (emailModes()). */
  emailModes: EmailModeView[];
  /** Whether the Monday summary goes by email on the reader's plan (email_summaries). */
  mondayEmail: boolean;
  /** The daily workout reminder: on or off, and "07:00" in the account's zone. */
  reminder: { on: boolean; time: string };
}

export interface EmailModeView {
  value: EmailModeName;
  label: string;
  line: string;
  /** The feature the mode's promise needs and the reader's plan lacks; null when it includes it. */
  locked: Feature | null;
}

export interface PrefsResult extends FormOutcome {
  /** What was submitted, as the form shows it again after a refusal (JavaScript or not). */
  view?: PrefsView;
}

/**
 * The email modes, promising only what the reader's plan includes: the Monday summary by email is Pro's
 * (email_summaries), so on Free the daily summary leaves it out and "Weekly analysis" shows locked.
 */
export function emailModes(mondayEmail: boolean): EmailModeView[] {
  const locked = mondayEmail ? null : ('email_summaries' as const);
  return [
    {
      value: 'daily',
      label: 'Daily summary',
      line: mondayEmail
        ? 'One email a day at your send time with everything new, the Monday summary, and alerts as they happen.'
        : 'One email a day at your send time with everything new, and alerts as they happen.',
      locked: null,
    },
    { value: 'weekly', label: 'Weekly analysis', line: 'Your Monday summary of last week, plus alerts as they happen.', locked },
    {
      value: 'alerts',
      label: 'Alerts only',
      line: 'Only training-load alerts and plan changes waiting for your confirmation, as they happen.',
      locked: null,
    },
    { value: 'off', label: 'Off', line: 'No email at all, except billing and security.', locked: null },
  ];
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const minutesToTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "07:00" (or "07:00:00", as some browsers send) → 420; null for anything else. */
export function timeToMinutes(text: string | undefined): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/.exec((text ?? '').trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * How a window reads, under its two times: whether it ends the same day or the next morning (named by
 * weekday when `day`, 1–7, is the day it starts).
 */
export function windowWords(start: string, end: string, day?: number): string | null {
  const s = timeToMinutes(start);
  const e = timeToMinutes(end);
  if (s === null || e === null) return null;
  if (s === e) return 'The start and the end must differ.';
  if (e > s) return 'Ends the same day.';
  return day ? `Ends ${WEEKDAYS[day % 7]} morning.` : 'Ends the next morning.';
}
