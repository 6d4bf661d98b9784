// What the activity page says about where an activity came from and what it is used for, read from the
// policy row of its source (ADR 036), so the page cannot promise more than the reads do.
import type { ActivitySource } from '../activity.types';
import type { Policy } from './policy';

export interface SourceLine {
  /** "From Strava: visible only to you, not counted in your analytics, not used by the AI coach." */
  text: string;
  /** The provider's required attribution ("Garmin Forerunner 965", "Garmin"), where its terms ask for one. */
  attribution: string | null;
  /** Where the athlete can make it usable everywhere (their original file or Strava archive), when it is not. */
  upgrade: { text: string; href: string } | null;
  /** Set when the strict policy's cache window reduced it to a summary. */
  reduced: string | null;
}

export const UPLOAD_PATH = '/settings/data#files';

/** "Garmin Forerunner 965" from "Forerunner 965" or "Garmin Forerunner 965" (devices often name their maker); the brand alone without one. */
export function withBrand(brand: string, device: string | null | undefined): string {
  const model = device?.trim() ?? '';
  const named = model.toLowerCase() === brand.toLowerCase() || model.toLowerCase().startsWith(`${brand.toLowerCase()} `);
  const bare = named ? model.slice(brand.length).trim() : model;
  return bare ? `${brand} ${bare}` : brand;
}

export function sourceLine(
  policy: Policy,
  row: { source: ActivitySource; extras?: { device?: string }; cacheReducedAt?: Date | null },
  label: string,
): SourceLine {
  const rule = policy.rule(row.source);
  const u = rule.uses;
  const parts = [u.coach ? 'visible to you and coaches you share your training with' : 'visible only to you'];
  if (!u.analytics) parts.push('not counted in your analytics, calendar or plan');
  parts.push(u.ai ? 'used by the AI coach' : 'not used by the AI coach');
  const everywhere = u.coach && u.analytics && u.ai;
  const device = row.extras?.device?.trim();
  return {
    text: `From ${label}: ${parts.join(', ')}.`,
    attribution: rule.attribution === 'Garmin' ? withBrand('Garmin', device) : null,
    upgrade: everywhere ? null : { text: 'Upload the original or your Strava archive to use it everywhere.', href: UPLOAD_PATH },
    reduced: row.cacheReducedAt
      ? `Kept as a summary (sport, date, time and distance): Strava’s API policy lets Cadence keep its details for ${rule.rawCacheDays ?? 7} days.`
      : null,
  };
}
