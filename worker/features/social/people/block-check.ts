// The one question every social notification asks before it is sent: has either of the two blocked the other?
// After a block nobody hears of the other again (ADR 083); producers call this after their commit, before notify.
import type { Executor } from '../../../db/executor';
import { createRelationsRepo } from './relations.repo';

export const isBlockedEitherWay = (db: Executor, a: string, b: string): Promise<boolean> => createRelationsRepo(db).blockedBetween(a, b);
