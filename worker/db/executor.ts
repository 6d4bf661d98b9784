import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import type * as schema from './schema';

/** A database handle or an open transaction: repos accept either, so services choose the boundary. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

/**
 * Any handle that runs single statements: the pool, a transaction, or the HTTP driver (createHttpDb).
 * For repos whose statements never need a transaction of their own (the session lookup).
 */
export type StatementExecutor = PgDatabase<PgQueryResultHKT, typeof schema>;
