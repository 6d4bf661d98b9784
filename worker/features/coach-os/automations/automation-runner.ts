// Carries out one attempt of a run and records what happened. A failed send is recorded as failed
// (never as success) and retried after 1, 5, 15 and 60 minutes; after the fifth attempt it stays failed.
// SMS goes through the SMS subsystem, which owns consent and quiet hours: "skipped" there (no phone,
// consent revoked) is a skipped run with its reason; "scheduled"/"deferred" (quiet hours, the SMS
// subsystem's own provider retries) count as succeeded, with the detail saying so.

import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { EmailSender } from '../../../providers/email/email';
import { todayIn } from '../../../lib/dates';
import { createCoachRepo } from '../coach-os.repo';
import type { SendToClientInput, SmsOutcome } from '../sms';
import { createAutomationClientsRepo } from './automation-clients.repo';
import { renderMessage, type MessageValues } from './automation-message';
import { createAutomationsRepo, type AutomationRow, type RunRow } from './automations.repo';
import type { Action } from './automations.schema';
import type { OrgPlan } from '../org-plan';

export const MAX_ATTEMPTS = 5;
const BACKOFF_MINUTES = [1, 5, 15, 60];
export const retryDelayMs = (attempt: number) => BACKOFF_MINUTES[Math.min(attempt, BACKOFF_MINUTES.length) - 1]! * 60_000;
/** How long an attempt holds its run; a crashed attempt is taken again after it. */
export const LEASE_MS = 2 * 60_000;

export interface RunnerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  email: EmailSender;
  sms: { sendToClient(input: SendToClientInput): Promise<SmsOutcome> };
  orgPlan: OrgPlan;
}

type Result = { status: 'succeeded' | 'skipped' | 'failed'; detail?: string | null; errorCode?: string; errorMessage?: string };

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

export function createAutomationRunner(deps: RunnerDeps) {
  const repo = createAutomationsRepo(deps.db);
  const clientsRepo = createAutomationClientsRepo(deps.db);

  async function valuesFor(run: RunRow, org: { name: string; timeZone: string }): Promise<MessageValues> {
    const now = deps.clock.now();
    const today = todayIn(org.timeZone, now);
    const values: MessageValues = { org_name: org.name, today };
    if (!run.clientId) return values;
    const [facts] = await clientsRepo.facts(run.orgId, today, [run.clientId]);
    if (!facts) return values;
    Object.assign(values, {
      client_name: facts.name,
      client_first_name: firstName(facts.name),
      sessions_left: String(facts.sessionsLeft),
      package_name: facts.packageName ?? '',
      expires_on: facts.expiresOn ?? '',
      inactive_days: String(Math.max(0, Math.floor((now.getTime() - facts.lastActiveAt.getTime()) / 86_400_000))),
    });
    // An event about one package speaks of that package.
    const packageId = run.context.packageId;
    if (packageId) {
      const pkg = await clientsRepo.packageOf(run.orgId, packageId);
      if (pkg)
        Object.assign(values, { package_name: pkg.name, expires_on: pkg.expiresOn ?? '', sessions_left: String(pkg.sessionsRemaining) });
    }
    return values;
  }

  async function perform(run: RunRow, automation: AutomationRow, attempt: number): Promise<Result> {
    const org = await createCoachRepo(deps.db).orgById(run.orgId);
    if (!org) return { status: 'skipped', detail: 'org_gone' };
    // Automations are part of Team: a lapsed org's rules stay (and say why they did nothing) until it is back.
    if (!(await deps.orgPlan.hasTeam(org.id))) return { status: 'skipped', detail: 'needs_team_plan' };
    const action = automation.action as Action;
    const values = await valuesFor(run, org);
    switch (action.kind) {
      case 'sms': {
        if (!run.clientId) return { status: 'skipped', detail: 'no_client' };
        // A new key per attempt: the SMS subsystem sends each key once, and a retry must really send again.
        const out = await deps.sms.sendToClient({
          orgId: run.orgId,
          clientId: run.clientId,
          body: renderMessage(action.message, values),
          kind: 'automation',
          key: `${run.key}:attempt-${attempt}`,
        });
        if (out.status === 'sent') return { status: 'succeeded', detail: `sms sent (${out.messageId})` };
        if (out.status === 'scheduled' || out.status === 'deferred')
          return { status: 'succeeded', detail: `sms ${out.status}${out.reason ? `: ${out.reason}` : ''} (${out.messageId})` };
        if (out.status === 'skipped') return { status: 'skipped', detail: out.reason ?? 'sms skipped' };
        return { status: 'failed', errorCode: 'SMS_FAILED', errorMessage: out.error ?? 'The SMS provider refused the message' };
      }
      case 'email': {
        const to = await clientsRepo.coachRecipient(run.orgId, automation.createdBy);
        if (!to) return { status: 'skipped', detail: 'no_coach' };
        const sent = await deps.email.send({
          to: to.email,
          subject: renderMessage(action.subject, values),
          text: renderMessage(action.message, values),
          tag: 'automation',
          // A retried run whose send got no answer is delivered once by the provider, not again.
          idempotencyKey: `automation:${run.id}`,
        });
        return { status: 'succeeded', detail: `email sent (${sent.id})` };
      }
      case 'task': {
        const to = await clientsRepo.coachRecipient(run.orgId, automation.createdBy);
        const task = await repo.insertTask({
          orgId: run.orgId,
          assigneeId: to?.userId ?? null,
          title: renderMessage(action.title, values),
          body: renderMessage(action.message ?? '', values),
          clientId: run.clientId,
          dueAt: deps.clock.now(),
          runId: run.id,
          key: run.key,
        });
        return { status: 'succeeded', detail: task ? `task created (${task.id})` : 'task already created' };
      }
    }
  }

  return {
    /** One attempt of a run the caller holds (just inserted, or claimed for retry). */
    async attempt(run: RunRow, automation: AutomationRow): Promise<RunRow> {
      const attempt = run.attempt + 1;
      let result: Result;
      try {
        result = await perform(run, automation, attempt);
      } catch (err) {
        result =
          err instanceof AppError
            ? { status: 'failed', errorCode: err.code, errorMessage: err.message }
            : {
                status: 'failed',
                errorCode: 'ACTION_FAILED',
                errorMessage: err instanceof Error ? err.message.slice(0, 300) : 'The action failed',
              };
      }
      const now = deps.clock.now();
      const retry = result.status === 'failed' && attempt < MAX_ATTEMPTS;
      if (result.status === 'failed')
        deps.logger.warn('automation run failed', {
          runId: run.id,
          automationId: run.automationId,
          attempt,
          code: result.errorCode,
          retry,
        });
      return repo.finishRun(run.id, {
        status: result.status,
        detail: result.detail ?? null,
        errorCode: result.errorCode ?? null,
        errorMessage: result.errorMessage ?? null,
        attempt,
        nextAttemptAt: retry ? new Date(now.getTime() + retryDelayMs(attempt)) : null,
        finishedAt: now,
      });
    },
  };
}

export type AutomationRunner = ReturnType<typeof createAutomationRunner>;
