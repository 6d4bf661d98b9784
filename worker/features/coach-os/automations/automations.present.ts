// Automations, their runs and tasks as the API and the automations page show them: instants as ISO
// strings, triggers with a plain-language summary and their next runs in the org's zone.
import { describeTrigger, localLabel, nextRuns } from './automation-trigger';
import type { AutomationRow, RunRow, TaskRow } from './automations.repo';
import { isSchedule, type Action, type Audience, type Trigger } from './automations.schema';

export const presentRun = (r: RunRow) => ({
  id: r.id,
  automationId: r.automationId,
  clientId: r.clientId,
  key: r.key,
  status: r.status,
  detail: r.detail,
  errorCode: r.errorCode,
  errorMessage: r.errorMessage,
  attempt: r.attempt,
  nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

export const presentTask = (t: TaskRow) => ({
  id: t.id,
  title: t.title,
  body: t.body,
  clientId: t.clientId,
  assigneeId: t.assigneeId,
  dueAt: t.dueAt?.toISOString() ?? null,
  doneAt: t.doneAt?.toISOString() ?? null,
  automationRunId: t.runId,
  createdAt: t.createdAt.toISOString(),
});

/** The next five runs of a schedule (none for an event trigger), as instants and org-local labels. */
export function schedulePreview(trigger: Trigger, timeZone: string, from: Date) {
  if (!isSchedule(trigger)) return [];
  return nextRuns(trigger, timeZone, from, 5).map((at) => ({ at: at.toISOString(), local: localLabel(at, timeZone) }));
}

export function presentAutomation(r: AutomationRow, timeZone: string, now: Date, lastRun: RunRow | undefined) {
  const trigger = r.trigger as Trigger;
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    trigger,
    action: r.action as Action,
    audience: (r.audience as Audience | null) ?? null,
    summary: describeTrigger(trigger, timeZone, now),
    nextRunAt: r.nextRunAt?.toISOString() ?? null,
    nextRuns: r.enabled ? schedulePreview(trigger, timeZone, now) : [],
    lastRun: lastRun ? presentRun(lastRun) : null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** An automation as a client's page lists it: what it does, not its whole definition. */
export const presentClientAutomation = (r: AutomationRow, timeZone: string, now: Date) => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  summary: describeTrigger(r.trigger as Trigger, timeZone, now),
  action: (r.action as Action).kind,
});
