// What every operator action handler shares: its context, its result, and the audit writer it is handed.
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import type { CoachChatService } from '../ai-coach';
import type { TrainingLoadService } from '../analytics';
import type { Actor, AuditService } from '../audit';
import type { UserRow } from '../auth';
import type { ImportsService, IngestionService, StravaConnections } from '../ingest';
import type { BillingSyncService, MembershipService } from '../membership';
import type { IntakeService } from '../plans';
import type { OperatorAction, OperatorActionInput } from './operator-actions.schema';

export type Facts = Record<string, unknown>;
export type Ctx<A extends OperatorAction> = { actor: Actor; user: UserRow; input: OperatorActionInput<A> };
export type Result = { changed: boolean; message: string; before: Facts; after: Facts };
/** Writes the action's audit row (in `tx` when given). */
export type Audit = (
  entry: { before: Facts; after: Facts; target?: { type: string; id: string }; ids?: Facts },
  tx?: Executor,
) => Promise<void>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export const day = (d: Date) => d.toISOString().slice(0, 10);
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One handler per action: it makes the change through the owning feature and has `audit` write the row. */
export type Handlers<K extends OperatorAction> = { [A in K]: (c: Ctx<A>, audit: Audit) => Promise<Result> };

/** What the service and its handlers are built from (here, so the handler files need not import the service). */
export interface OperatorActionsDeps {
  clock: Clock;
  audit: AuditService;
  userById: (id: string) => Promise<UserRow | null>;
  membership: MembershipService;
  billingSync: BillingSyncService;
  ingestion: IngestionService;
  imports: ImportsService;
  connections: StravaConnections;
  trainingLoad: TrainingLoadService;
  intake: IntakeService;
  coachChat: CoachChatService;
}
