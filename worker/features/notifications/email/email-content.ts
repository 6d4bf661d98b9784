import { type Category, type NotificationType, type Receipt, typeSpec } from '../notification-types';

/** What one notification email says; the renderer turns it into HTML and plain text (render-email.tsx). */
export type EmailContent =
  | { kind: 'single'; type: NotificationType; data: Record<string, unknown>; at: string }
  /** The events after the first of a burst of one type, in one message. */
  | { kind: 'digest'; type: NotificationType; items: { data: Record<string, unknown>; at: string }[] }
  /** The day's non-urgent events, at the chosen send time (email mode "daily"). */
  | { kind: 'daily'; date: string; items: { type: NotificationType; data: Record<string, unknown>; at: string }[] }
  | { kind: 'weekly'; summary: WeeklySummary };

export interface EmailRecipient {
  displayName: string;
  units: 'km' | 'mi';
  timeZone: string;
}

export interface EmailLinks {
  appOrigin: string;
  /**
   * The page behind the footer's link: confirms, then turns this email's categories off (works signed out).
   * Null for billing and security mail, which cannot be turned off.
   */
  unsubscribeUrl: string | null;
  /** RFC 8058 one-click target for `List-Unsubscribe` (POST `List-Unsubscribe=One-Click`); null as above. */
  oneClickUrl: string | null;
  preferencesUrl: string;
}

/** The preference categories an email is about: its type's, or each of a daily summary's types' (in order). */
export function emailCategories(content: EmailContent): Category[] {
  if (content.kind === 'weekly') return ['analysis'];
  if (content.kind === 'daily') return [...new Set(content.items.map((i) => typeSpec(i.type).category))];
  return [typeSpec(content.type).category];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The Monday summary's figures; built from the analytics and plans services (the same numbers as their API). */
export interface WeeklySummary {
  /** Monday and Sunday of the week summarised (local dates). */
  weekStart: string;
  weekEnd: string;
  volume: { activities: number; distanceM: number; movingTimeS: number; previousDistanceM: number };
  /** Sum of the week's daily training load and the week before's. */
  load: { total: number; previous: number };
  /** Fitness, fatigue, form at the end of the week; null without any load history. */
  form: { date: string; ctl: number; atl: number; tsb: number } | null;
  /**
   * The plan calendar's statuses for the week's sessions (rest days aside): planned excludes skipped ones,
   * percent = completed ÷ planned (whole percent). Null when no plan covered the week.
   */
  compliance: { planned: number; completed: number; skipped: number; percent: number | null } | null;
  /** The coming week's key sessions (long run, quality sessions), by date. */
  nextWeek: { date: string; title: string; kind: string; distanceM: number | null; durationS: number | null }[];
  /** The week's activities the figures came from (most recent first, at most 10). */
  receipts: WeeklyReceipt[];
}

/** A receipt of the weekly summary: the common receipt plus the figures it adds (optional: older fixtures lack them). */
export interface WeeklyReceipt extends Receipt {
  sport?: string;
  distanceM?: number;
  movingTimeS?: number;
  /** The activity's training load as the analytics API shows it (rounded); null until computed. */
  load?: number | null;
}
