// Coach-side automations: CRUD (audited), previews, runs, the client page's view, and tasks. Firing
// lives in automation-firing.ts; one attempt of an action in automation-runner.ts.

import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, hasChanges, notFound, nothingToUpdate, type FieldIssue } from '../../../lib/errors';
import type { AuditService } from '../../audit';
import { createCoachRepo } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import { CLIENT_VARIABLES, variablesIn } from './automation-message';
import { describeTrigger, nextRunAfter } from './automation-trigger';
import { createAutomationsRepo, type AutomationRow } from './automations.repo';
import { presentClientAutomation, presentAutomation, presentRun, presentTask, schedulePreview } from './automations.present';
import { isSchedule, type Action, type Audience, type Trigger } from './automations.schema';
import type { AutomationFiring } from './automation-firing';
import type { OrgPlan } from '../org-plan';

export interface AutomationInput {
  name: string;
  enabled?: boolean | undefined;
  trigger: Trigger;
  action: Action;
  audience?: Audience | null | undefined;
}

/** Rules across fields that zod alone cannot see; each problem names its field. */
function crossFieldProblems(input: AutomationInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const schedule = isSchedule(input.trigger);
  const audience = input.audience ?? null;
  if (schedule && !audience)
    issues.push({
      path: 'audience',
      message: 'A scheduled automation needs an audience (coach, active_clients, low_sessions or inactive).',
    });
  if (!schedule && audience)
    issues.push({ path: 'audience', message: 'An event automation acts on the client of the event; leave the audience out.' });
  const coachOnly = schedule && audience?.kind === 'coach';
  if (coachOnly && input.action.kind === 'sms')
    issues.push({ path: 'action.kind', message: 'An SMS goes to clients: pick a client audience, or email / a task for yourself.' });
  if (coachOnly) {
    const texts = [
      input.action.message ?? '',
      'subject' in input.action ? input.action.subject : '',
      'title' in input.action ? input.action.title : '',
    ].join(' ');
    const clientVars = variablesIn(texts).filter((v) => (CLIENT_VARIABLES as readonly string[]).includes(v));
    if (clientVars.length)
      issues.push({
        path: 'action.message',
        message: `${clientVars.map((v) => `{{${v}}}`).join(', ')} need a client; this automation only tells you.`,
      });
  }
  return issues;
}

export function createAutomationsService(deps: { db: Db; clock: Clock; audit: AuditService; firing: AutomationFiring; orgPlan: OrgPlan }) {
  const repo = () => createAutomationsRepo(deps.db);

  function nextRunAtFor(row: Pick<AutomationRow, 'enabled'>, trigger: Trigger, timeZone: string): Date | null {
    return row.enabled && isSchedule(trigger) ? nextRunAfter(trigger, timeZone, deps.clock.now()) : null;
  }

  async function present(m: Member, rows: AutomationRow[]) {
    const last = await repo().lastRuns(rows.map((r) => r.id));
    const now = deps.clock.now();
    return rows.map((r) => presentAutomation(r, m.org.timeZone, now, last.get(r.id)));
  }

  async function own(m: Member, id: string): Promise<AutomationRow> {
    const row = await repo().get(m.org.id, id);
    if (!row) throw notFound('Automation');
    return row;
  }

  /** Owners change any automation; a coach changes the ones they made. */
  function mayChange(m: Member, row: AutomationRow) {
    if (m.role !== 'owner' && row.createdBy !== m.actor.id)
      throw new AppError(ErrorCode.FORBIDDEN, 'Only the organisation’s owner or the coach who made this automation can change it.');
  }

  function validate(input: AutomationInput) {
    const fields = crossFieldProblems(input);
    if (fields.length) throw new AppError(ErrorCode.VALIDATION, fields[0]!.message, { fields });
  }

  return {
    firing: deps.firing,

    async list(m: Member) {
      return present(m, await repo().list(m.org.id));
    },

    async get(m: Member, id: string) {
      return (await present(m, [await own(m, id)]))[0]!;
    },

    async create(m: Member, input: AutomationInput) {
      await deps.orgPlan.requireOrgFeature(m.org.id, 'automations');
      validate(input);
      const enabled = input.enabled ?? true;
      const row = await repo().create({
        orgId: m.org.id,
        createdBy: m.actor.id,
        name: input.name,
        enabled,
        trigger: input.trigger,
        action: input.action,
        audience: isSchedule(input.trigger) ? (input.audience ?? null) : null,
        nextRunAt: nextRunAtFor({ enabled }, input.trigger, m.org.timeZone),
        timeZone: m.org.timeZone,
      });
      await deps.audit.record({
        actor: m.actor,
        action: 'automation.created',
        target: { type: 'automation', id: row.id },
        payload: { trigger: input.trigger.kind, action: input.action.kind },
      });
      return (await present(m, [row]))[0]!;
    },

    /** A changed trigger, zone or enabled flag recomputes next_run_at from now. */
    async update(m: Member, id: string, patch: Partial<AutomationInput>) {
      const current = await own(m, id);
      mayChange(m, current);
      if (!hasChanges(patch)) throw nothingToUpdate(['name', 'enabled', 'trigger', 'action', 'audience']);
      // Without Team an automation may still be switched off (or deleted), never changed or switched on.
      const onlyDisabling = patch.enabled === false && Object.values({ ...patch, enabled: undefined }).every((v) => v === undefined);
      if (!onlyDisabling) await deps.orgPlan.requireOrgFeature(m.org.id, 'automations');
      const merged: AutomationInput = {
        name: patch.name ?? current.name,
        enabled: patch.enabled ?? current.enabled,
        trigger: patch.trigger ?? (current.trigger as Trigger),
        action: patch.action ?? (current.action as Action),
        audience: patch.audience !== undefined ? patch.audience : (current.audience as Audience | null),
      };
      if (patch.trigger && !isSchedule(patch.trigger) && patch.audience === undefined) merged.audience = null;
      validate(merged);
      const row = await repo().update(m.org.id, id, {
        name: merged.name,
        enabled: merged.enabled!,
        trigger: merged.trigger,
        action: merged.action,
        audience: isSchedule(merged.trigger) ? (merged.audience ?? null) : null,
        nextRunAt: nextRunAtFor({ enabled: merged.enabled! }, merged.trigger, m.org.timeZone),
        timeZone: m.org.timeZone,
      });
      if (!row) throw notFound('Automation');
      await deps.audit.record({
        actor: m.actor,
        action: 'automation.updated',
        target: { type: 'automation', id },
        payload: { fields: Object.keys(patch) },
      });
      return (await present(m, [row]))[0]!;
    },

    async remove(m: Member, id: string) {
      mayChange(m, await own(m, id));
      if (!(await repo().remove(m.org.id, id))) throw notFound('Automation');
      await deps.audit.record({ actor: m.actor, action: 'automation.deleted', target: { type: 'automation', id } });
    },

    async runs(m: Member, id: string, limit: number) {
      await own(m, id);
      return (await repo().runsOf(m.org.id, id, limit)).map(presentRun);
    },

    preview(m: Member, trigger: Trigger) {
      const now = deps.clock.now();
      return {
        timeZone: m.org.timeZone,
        summary: describeTrigger(trigger, m.org.timeZone, now),
        nextRuns: schedulePreview(trigger, m.org.timeZone, now),
      };
    },

    /** Automations that can act on this client (every event automation, schedules with a client audience) and its recent runs. */
    async forClient(m: Member, clientId: string) {
      if (!(await createCoachRepo(deps.db).getClient(m.org.id, clientId))) throw notFound('Client');
      const [rows, runs] = await Promise.all([repo().list(m.org.id), repo().runsForClient(m.org.id, clientId, 50)]);
      const touched = new Set(runs.map((r) => r.automationId));
      const affecting = rows.filter((r) => touched.has(r.id) || (r.enabled && (r.audience as Audience | null)?.kind !== 'coach'));
      const now = deps.clock.now();
      return {
        automations: affecting.map((r) => presentClientAutomation(r, m.org.timeZone, now)),
        runs: runs.map(presentRun),
      };
    },

    /** Operators (Ops Pulse): one more attempt of a failed run now, audited with the operator's reason. */
    async retryFailedRun(actor: { id: string; role: string }, runId: string, reason: string) {
      const run = await deps.firing.retryNow(runId);
      if (!run) throw new AppError(ErrorCode.CONFLICT, 'This run has not failed (or no longer exists): nothing to retry.');
      await deps.audit.record({
        actor,
        action: 'operator.retry_automation',
        target: { type: 'automation_run', id: runId },
        payload: { reason, before: { status: 'failed' }, after: { status: run.status }, orgId: run.orgId, automationId: run.automationId },
      });
      return { id: run.id, status: run.status, errorCode: run.errorCode, attempt: run.attempt };
    },

    async tasks(m: Member, status: 'open' | 'done' | 'all') {
      return (await repo().tasks(m.org.id, status)).map(presentTask);
    },

    async taskDone(m: Member, id: string) {
      const row = await repo().markTaskDone(m.org.id, id, deps.clock.now());
      if (!row) throw notFound('Task');
      await deps.audit.record({ actor: m.actor, action: 'task.done', target: { type: 'coach_task', id } });
      return presentTask(row);
    },
  };
}

export type AutomationsService = ReturnType<typeof createAutomationsService>;
