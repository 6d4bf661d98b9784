import type { EffectivePreferences } from '../preferences/preferences.service';
import type { Category, Urgency } from '../notification-types';

/** How long after one email of a type the next ones wait to go out together. */
export const DIGEST_WINDOW_MS = 30 * 60_000;

/**
 * Whether an event is emailed, and how: now (alerts, billing), in the day's summary (everything else in
 * mode "daily"), or not at all. The preference matrix in one place; do-not-disturb is applied after.
 */
export function planEmail(
  event: { category: Category; urgency: Urgency; emailed?: false },
  prefs: Pick<EffectivePreferences, 'emailMode' | 'channels'>,
): 'now' | 'daily' | 'none' {
  // A type the catalog never emails (today's workout reminder: stale by any summary's send time).
  if (event.emailed === false) return 'none';
  // Billing and security mail is not optional: every mode, every toggle.
  if (event.urgency === 'transactional') return 'now';
  if (!prefs.channels[event.category].email) return 'none';
  switch (prefs.emailMode) {
    case 'off':
      return 'none';
    case 'alerts':
    case 'weekly':
      return event.urgency === 'alert' ? 'now' : 'none';
    case 'daily':
      return event.urgency === 'alert' ? 'now' : 'daily';
  }
}

/** The Monday summary goes by email in modes daily and weekly, when the analysis category's email is on. */
export const wantsWeeklyEmail = (prefs: Pick<EffectivePreferences, 'emailMode' | 'channels'>) =>
  (prefs.emailMode === 'daily' || prefs.emailMode === 'weekly') && prefs.channels.analysis.email;
