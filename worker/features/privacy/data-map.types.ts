// The privacy data map's vocabulary: whose rows a table's rows are, what deletion does to each column that names a
// person, where an export puts them (data-map.ts holds the decisions).
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/** Whose rows a table's rows are. */
export type Owner =
  /** The column holds the owning user's id. */
  | { readonly user: PgColumn }
  /** The column points at a row of `parent`, whose own owner decides (e.g. streams hang off their activity). */
  | { readonly parent: PgTable; readonly column: PgColumn }
  /** A coaching org's business record: it belongs to the org (and so to its owners), not to the client it is about. */
  | { readonly org: PgColumn };

/** What deletion does to one column that names a person (a user, client or org id, or an email). */
export type EraseRule =
  /** Its own foreign key is ON DELETE CASCADE: the row goes with the person (the test checks the key). */
  | 'cascade'
  /** Its own foreign key is ON DELETE SET NULL: the row is someone else's record and only loses the link (checked). */
  | 'set null'
  /** No foreign key: the erasure deletes the rows whose column names the person. */
  | 'delete'
  /** No foreign key: the erasure clears the column and keeps the row (someone else's record). */
  | 'clear'
  /** Replaced with a keyed hash of the id, so history stays countable and unlinkable (audit). */
  | 'pseudonymise'
  /** The row goes with its parent through another column of the table, whose key cascades (checked). */
  | { readonly with: PgColumn }
  /** Kept, for the reason given (shown on the retention page and in the receipt). */
  | { readonly keep: string }
  /** The column's name looks like a person reference but holds something else. */
  | { readonly notAPerson: string };

export type ExportRule =
  /** One JSON file per area; `omit` lists columns never written out (secrets and hashes). */
  { readonly area: ExportArea; readonly omit?: readonly PgColumn[] } | { readonly exempt: string };

export type ExportArea =
  | 'account'
  | 'activities'
  | 'analytics'
  | 'plans'
  | 'ai-coach'
  | 'coaching'
  | 'connections'
  | 'notifications'
  | 'billing'
  | 'imports'
  | 'wellness'
  | 'social'
  | 'security';

export interface PersonalTable {
  readonly table: PgTable;
  readonly owner: Owner;
  readonly export: ExportRule;
  /** Every column that names a person, by its SQL name. */
  readonly erase: Readonly<Record<string, EraseRule>>;
}

/** A table with no data about any person, and why. */
export interface ImpersonalTable {
  readonly table: PgTable;
  readonly impersonal: string;
}

export type DataMapEntry = PersonalTable | ImpersonalTable;

export const COACH_RECORD = "the coach's own business record of their client; the coach decides, and it goes with the org";
export const OWN_SECRET = 'a secret, never written to an archive';
export const OPERATIONAL = 'operational state rebuilt from the rows above; nothing a person entered or recorded';
