// SQL over the data map: which rows of a table are one person's. Export dumps them, erasure and its
// verification count them, so both read the same filter.
import { type SQL, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { orgMembers } from '../../db/schema';
import { DATA_MAP, isPersonal, type PersonalTable } from './data-map';

/** The data-map entry of a table (every table has one: data-map.test.ts). */
export function entryFor(table: PgTable): PersonalTable | undefined {
  return DATA_MAP.filter(isPersonal).find((e) => e.table === table);
}

/** The column of `parent` that `column`'s foreign key points at (usually its id). */
export function referencedColumn(table: PgTable, column: PgColumn): PgColumn {
  for (const fk of getTableConfig(table).foreignKeys) {
    const ref = fk.reference();
    const at = ref.columns.findIndex((c) => c.name === column.name);
    if (at >= 0) return ref.foreignColumns[at]!;
  }
  throw new Error(`${getTableConfig(table).name}.${column.name} has no foreign key`);
}

/**
 * WHERE-clause for the rows of `entry` that belong to `userId`: their own column, their parent row's owner, or —
 * for a coaching org's business records — the orgs they own.
 */
export function ownedBy(entry: PersonalTable, userId: string): SQL {
  const { owner } = entry;
  if ('user' in owner) return sql`${owner.user} = ${userId}`;
  if ('org' in owner) {
    return sql`${owner.org} in (select ${orgMembers.orgId} from ${orgMembers} where ${orgMembers.userId} = ${userId} and ${orgMembers.role} = 'owner')`;
  }
  const parent = entryFor(owner.parent);
  if (!parent) throw new Error(`${getTableConfig(owner.parent).name} is not in the data map as personal`);
  const target = referencedColumn(entry.table, owner.column);
  return sql`${owner.column} in (select ${target} from ${owner.parent} where ${ownedBy(parent, userId)})`;
}
