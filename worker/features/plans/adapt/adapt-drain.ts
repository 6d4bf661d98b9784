// The minute pass's loop (issue 58): the due athletes in turn, for no longer than the budget (the tick never holds the
// isolate; the rest wait for the next). One athlete failing stops no other: it goes behind the rest, and the tick
// ends with the first failure for the cron's log.
import type { Athlete } from '../../analytics';

export async function drainDue(
  deps: { due: () => Promise<Athlete[]>; touch: (userId: string) => Promise<void>; pass: (a: Athlete) => Promise<unknown[]> },
  budgetMs: number,
): Promise<{ athletes: number; proposals: number }> {
  const started = Date.now();
  let athletes = 0;
  let proposals = 0;
  let failure: unknown = null;
  for (const a of await deps.due()) {
    if (Date.now() - started > budgetMs) break;
    try {
      proposals += (await deps.pass(a)).length;
    } catch (err) {
      await deps.touch(a.id);
      failure ??= err;
    }
    athletes++;
  }
  if (failure) throw failure;
  return { athletes, proposals };
}
