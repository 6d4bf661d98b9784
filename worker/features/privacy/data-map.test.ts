import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { DATA_MAP, type EraseRule, isPersonal } from './data-map';

const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((v): v is PgTable => v instanceof PgTable);
const nameOf = (t: PgTable) => getTableConfig(t).name;

// A column names a person when its key points at a user, org or client, or its name says so.
const PERSON_TABLES = new Set(['users', 'orgs', 'clients']);
const PERSON_NAME = /(^|_)(user|athlete|actor|owner|coach|client|org|impersonator|assignee|target)_id$|_by$|^email$/;

function personColumns(t: PgTable): string[] {
  const config = getTableConfig(t);
  const byKey = new Set(
    config.foreignKeys.flatMap((fk) => {
      const ref = fk.reference();
      return PERSON_TABLES.has(getTableConfig(ref.foreignTable).name) ? ref.columns.map((c) => c.name) : [];
    }),
  );
  return config.columns.map((c) => c.name).filter((n) => byKey.has(n) || (PERSON_NAME.test(n) && !(n === 'id')));
}

function onDeleteOf(t: PgTable, column: string): string | undefined {
  const fk = getTableConfig(t).foreignKeys.find((k) => k.reference().columns.some((c) => c.name === column));
  return fk ? (fk.onDelete ?? 'no action') : undefined;
}

function ruleProblem(t: PgTable, column: string, rule: EraseRule): string | undefined {
  const onDelete = onDeleteOf(t, column);
  if (rule === 'cascade' && onDelete !== 'cascade') return `'cascade' but its key is ${onDelete ?? 'missing'}`;
  if (rule === 'set null' && onDelete !== 'set null') return `'set null' but its key is ${onDelete ?? 'missing'}`;
  if ((rule === 'delete' || rule === 'clear') && onDelete) return `'${rule}' but it has a key (${onDelete}): say what the key does`;
  if (typeof rule === 'object' && 'with' in rule && onDeleteOf(t, rule.with.name) !== 'cascade')
    return `goes with ${rule.with.name}, whose key does not cascade`;
  return undefined;
}

describe('privacy data map', () => {
  it('has exactly one decision for every table of the schema', () => {
    const mapped = DATA_MAP.map((e) => nameOf(e.table));
    expect(new Set(mapped).size, 'a table listed twice').toBe(mapped.length);
    const missing = tables.map(nameOf).filter((n) => !mapped.includes(n));
    expect(missing, 'tables without a privacy decision: add them to worker/features/privacy/data-map.ts').toEqual([]);
  });

  it('names a rule for every column that names a person, and each rule matches the schema', () => {
    const problems: string[] = [];
    for (const entry of DATA_MAP) {
      const table = nameOf(entry.table);
      const people = personColumns(entry.table);
      if (!isPersonal(entry)) {
        if (people.length) problems.push(`${table}: declared impersonal but names a person in ${people.join(', ')}`);
        continue;
      }
      const columns = new Set(getTableConfig(entry.table).columns.map((c) => c.name));
      for (const column of people) if (!(column in entry.erase)) problems.push(`${table}.${column}: no erase rule`);
      for (const [column, rule] of Object.entries(entry.erase)) {
        if (!columns.has(column)) problems.push(`${table}.${column}: no such column`);
        const problem = ruleProblem(entry.table, column, rule);
        if (problem) problems.push(`${table}.${column}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reaches every owner through columns of the table itself, and parents that are personal', () => {
    const problems: string[] = [];
    for (const entry of DATA_MAP.filter(isPersonal)) {
      const own = new Set(getTableConfig(entry.table).columns);
      const { owner } = entry;
      const column = 'user' in owner ? owner.user : 'org' in owner ? owner.org : owner.column;
      if (!own.has(column)) problems.push(`${nameOf(entry.table)}: owner column from another table`);
      if ('parent' in owner && !DATA_MAP.filter(isPersonal).some((e) => e.table === owner.parent))
        problems.push(`${nameOf(entry.table)}: parent ${nameOf(owner.parent)} is not personal`);
      if (entry.export && 'omit' in entry.export)
        for (const c of entry.export.omit ?? []) if (!own.has(c)) problems.push(`${nameOf(entry.table)}: omits a column of another table`);
    }
    expect(problems).toEqual([]);
  });
});
