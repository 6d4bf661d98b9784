import type { Db } from './client';

/** A database handle or an open transaction: repos accept either, so services choose the boundary. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;
