import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import type { EmailSender } from '../../../providers/email/email';
import type { AuditService } from '../../audit';
import type { CoachEvents } from '../coach-events';
import { createAutomationFiring } from './automation-firing';
import { createAutomationRunner, type RunnerDeps } from './automation-runner';
import { createAutomationsService } from './automations.service';

export type { AutomationsService } from './automations.service';
export { CreateAutomationInput, Trigger, type Audience } from './automations.schema';
export { describeAudience, localLabel } from './automation-trigger';

/** Builds the automations service and subscribes it to coach events (booking completed, session used). */
export function createAutomations(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  email: EmailSender;
  sms: RunnerDeps['sms'];
  orgPlan: RunnerDeps['orgPlan'];
  events?: CoachEvents;
  defer?: (p: Promise<unknown>) => void;
}) {
  const runner = createAutomationRunner(deps);
  const firing = createAutomationFiring({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    runner,
    ...(deps.defer ? { defer: deps.defer } : {}),
  });
  deps.events?.on((e) => firing.onEvent(e));
  return createAutomationsService({ db: deps.db, clock: deps.clock, audit: deps.audit, firing, orgPlan: deps.orgPlan });
}
