// SMS wording: per-org templates with {{variables}}, the defaults, validation and rendering. Times are
// rendered in the org's zone with its abbreviation at that instant ("Tue 10 Mar", "9:00 AM MDT").

import { inDailyWindow, localParts, minutesOfDay, zoneAbbreviation, zonedToUtc, addDays } from '../../../lib/dates';
import { formatWeekdayDate } from '../../../lib/format';

export const TEMPLATE_KINDS = ['confirmation', 'reminder', 'follow_up'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_VARIABLES = [
  'client_first_name',
  'client_name',
  'coach_name',
  'org_name',
  'session_date',
  'session_time',
  'location',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

/** Three SMS segments of GSM text: long enough for a friendly note, short enough to stay cheap. */
export const MAX_TEMPLATE_LENGTH = 480;

export const DEFAULT_TEMPLATES: Record<TemplateKind, string> = {
  confirmation:
    'Hi {{client_first_name}}, your session with {{coach_name}} ({{org_name}}) is booked for {{session_date}}, {{session_time}}. Reply Y to confirm.',
  reminder: 'Reminder: your session with {{coach_name}} is {{session_date}}, {{session_time}}. {{location}}',
  follow_up: 'Thanks for today’s session, {{client_first_name}}! Reply here if you have questions. – {{coach_name}}, {{org_name}}',
};

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
// "Reply Y", "reply YES", "text Y": the client has to know a single Y confirms.
const ASKS_FOR_Y = /\b(reply|text|answer|respond)\b[^.!?]{0,20}\b(y|yes)\b/i;
export const Y_PROMPT = 'Reply Y to confirm.';

/** Problems with a template body, as messages for the `body` field (empty when it is fine). */
export function templateProblems(body: string): string[] {
  const problems: string[] = [];
  if (body.trim() === '') problems.push('The message cannot be empty.');
  if (body.length > MAX_TEMPLATE_LENGTH) problems.push(`At most ${MAX_TEMPLATE_LENGTH} characters (this is ${body.length}).`);
  const unknown = [...body.matchAll(VARIABLE)].map((m) => m[1]!).filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v));
  if (unknown.length)
    problems.push(
      `Unknown variable${unknown.length > 1 ? 's' : ''}: ${[...new Set(unknown)].map((v) => `{{${v}}}`).join(', ')}. Use ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`,
    );
  if (/\{\{|\}\}/.test(body.replace(VARIABLE, ''))) problems.push('A {{ or }} is not closed.');
  return problems;
}

/** Fills the variables, tidies spaces left by empty ones, and makes sure a confirmation asks for Y. */
export function renderTemplate(kind: TemplateKind | 'automation' | 'manual', body: string, values: Partial<TemplateValues>): string {
  let text = body.replace(VARIABLE, (_, name: string) => values[name as TemplateVariable] ?? '');
  text = text
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([.,!?])/g, '$1')
    .trim();
  if (kind === 'confirmation' && !ASKS_FOR_Y.test(text)) text = `${text} ${Y_PROMPT}`;
  return text;
}

export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** "Tue 10 Mar" and "9:00 AM MDT" for an instant, in the org's zone. */
export function sessionWhen(instant: Date, timeZone: string): { date: string; time: string } {
  const l = localParts(instant, timeZone);
  const hour12 = l.hour % 12 === 0 ? 12 : l.hour % 12;
  return {
    date: formatWeekdayDate(l.date),
    time: `${hour12}:${String(l.minute).padStart(2, '0')} ${l.hour < 12 ? 'AM' : 'PM'} ${zoneAbbreviation(instant, timeZone)}`,
  };
}

/** Sample values for previews: a session next Tuesday at 9:00 in the org's zone. */
export function sampleValues(org: { name: string; timeZone: string }, coachName: string, now: Date): TemplateValues {
  const today = localParts(now, org.timeZone);
  const at = zonedToUtc(addDays(today.date, (2 - today.weekday + 7) % 7 || 7), '09:00', org.timeZone);
  const when = sessionWhen(at, org.timeZone);
  return {
    client_first_name: 'Alex',
    client_name: 'Alex Rivera',
    coach_name: coachName,
    org_name: org.name,
    session_date: when.date,
    session_time: when.time,
    location: 'Main studio',
  };
}

/**
 * If `at` falls in the org's quiet hours (org-local, may cross midnight), the instant they end; else null.
 * Quiet hours are stored as HH:MM(:SS) wall-clock times and re-read in the zone on each date, so DST holds.
 */
export function quietHoursEnd(at: Date, org: { timeZone: string; quietStart: string | null; quietEnd: string | null }): Date | null {
  if (!org.quietStart || !org.quietEnd) return null;
  const start = minutesOfDay(org.quietStart);
  const end = minutesOfDay(org.quietEnd);
  const l = localParts(at, org.timeZone);
  const minute = l.hour * 60 + l.minute;
  if (!inDailyWindow(minute, start, end)) return null;
  // In a window that crosses midnight, the evening part ends tomorrow morning.
  const endDate = start > end && minute >= start ? addDays(l.date, 1) : l.date;
  return zonedToUtc(endDate, org.quietEnd.slice(0, 5), org.timeZone);
}
