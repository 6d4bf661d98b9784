import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { CurrentPassword } from '../../auth';

/** Days between the request and the erasure; logging in meanwhile offers to cancel. */
export const GRACE_DAYS = 7;
/** What the athlete types to confirm: a deliberate word, the same on every keyboard and language. */
export const CONFIRM_WORD = 'DELETE';

export const RequestDeletionInput = z
  .object({
    password: CurrentPassword('Enter your password'),
    // A word, not free text: anything but letters is refused before the exact word is checked.
    confirm: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{1,20}$/, `Type ${CONFIRM_WORD} in capitals to confirm`)
      .refine((v) => v === CONFIRM_WORD, { message: `Type ${CONFIRM_WORD} in capitals to confirm` }),
  })
  .openapi('RequestDeletionInput');
export type RequestDeletionInput = z.infer<typeof RequestDeletionInput>;

export const DeleteOrgInput = z
  .object({
    password: CurrentPassword('Enter your password'),
    /** The organisation's name, typed exactly. */
    confirm: FreeText({ min: 1, max: 200, minMessage: 'Type the organisation’s name to confirm' }),
  })
  .openapi('DeleteOrgInput');
export type DeleteOrgInput = z.infer<typeof DeleteOrgInput>;

export const DeletionStatus = z
  .object({
    /** A deletion waiting for its grace to end (cancellable), running, or none. */
    state: z.enum(['none', 'scheduled', 'running']),
    requestId: z.string().nullable(),
    requestedAt: z.string().nullable(),
    /** When the erasure starts: the end of the grace period. */
    runsAt: z.string().nullable(),
    graceDays: z.number().int(),
    /** Orgs the account alone owns: the deletion is refused until they are deleted. */
    blockingOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .openapi('DeletionStatus');
export type DeletionStatus = z.infer<typeof DeletionStatus>;

/** What a deletion removed, per store: the counts that are emailed and kept (deletion_receipts.counts). */
export interface DeletionReceipt {
  tables: { table: string; area: string; fate: 'deleted' | 'unlinked' | 'pseudonymised' | 'kept'; rows: number }[];
  audit: { pseudonymised: number };
  aiCosts: { folded: number };
  /** Objects deleted, and the bucket areas they were in (`imports/`, …). */
  files: { objects: number; areas: string[] };
  providers: { provider: string; outcome: string }[];
  stripe: { customers: number; subscriptionsCancelled: number; customersAnonymised: number; invoicesKept: string };
  coaching: { links: number; coachesTold: number };
  sessions: number;
}

export const INVOICES_KEPT =
  'Invoices stay at Stripe, attached to the anonymised customer: tax law requires keeping them (up to 10 years).';
