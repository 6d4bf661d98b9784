// A coached athlete's plan changes on the coach's client page (issue 58): the ones waiting for the coach, with the
// recent decided ones, read with the page when the coach may change the plan (the link, the athlete's "may edit",
// Team); approve (as proposed or with only some of its steps) and refuse are plain forms to the page's action,
// through the API's own service and rights.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Member } from '../../../worker/features/coach-os';
import { isUuid } from '../../../worker/lib/ids';
import { appErrorToForm, isAppError } from './forms.server';
import { formatDate } from './format';
import { datesInWords } from './adapt.server';

const RECENT = 5;

/** The section's data, or null where the coach may not decide (no link, no grant, no plan, not Team). */
export async function loadClientChanges(context: AppLoadContext, m: Member, clientId: string, team: boolean) {
  if (!team) return null;
  try {
    const list = await context.services.clientAdapt.list(m, clientId);
    const tz = m.org.timeZone;
    const view = (i: (typeof list.items)[number]) => ({
      id: i.id,
      status: i.status,
      reason: datesInWords(i.reason),
      steps: i.changes.map((c) => c.words),
      created: formatDate(i.createdAt, tz),
      decided: i.decidedAt ? formatDate(i.decidedAt, tz) : null,
    });
    return {
      waiting: list.items.filter((i) => i.status === 'awaiting_coach').map(view),
      recent: list.items
        .filter((i) => i.status !== 'awaiting_coach' && i.status !== 'proposed')
        .slice(0, RECENT)
        .map(view),
    };
  } catch (err) {
    // Not granted, no active plan, the link gone: the plan section says why; this one is simply not there.
    if (isAppError(err) && [403, 404, 409].includes(err.status)) return null;
    throw err;
  }
}
export type ClientChanges = NonNullable<Awaited<ReturnType<typeof loadClientChanges>>>;

/** Approve (all its steps, or the ticked ones) or refuse; the answer is the section's message. */
export async function clientChangeAction(context: AppLoadContext, m: Member, clientId: string, form: FormData) {
  const intent = String(form.get('intent') ?? '');
  const id = String(form.get('id') ?? '');
  if (!isUuid(id)) throw new Response('Not found', { status: 404 });
  const s = context.services.clientAdapt;
  try {
    if (intent === 'adapt-refuse') {
      await s.refuse(m, clientId, id);
      return { ok: true as const, id, message: 'Refused: their plan stays as it is.' };
    }
    if (intent !== 'adapt-approve') throw new Response('Unknown action', { status: 400 });
    // The ticked steps, by their place in the change; all of them is the change as proposed.
    const item = (await s.list(m, clientId)).items.find((i) => i.id === id);
    if (!item) throw new Response('Not found', { status: 404 });
    const ticked = new Set(form.getAll('step').map(String));
    const steps = item.changes.filter((_, n) => ticked.has(String(n))).map((c) => c.step);
    if (steps.length === 0) return { ok: false as const, id, formError: 'Tick at least one step to approve, or refuse the change.' };
    await s.approve(m, clientId, id, steps.length === item.changes.length ? undefined : steps);
    return {
      ok: true as const,
      id,
      message:
        steps.length === item.changes.length
          ? 'Approved and applied to their plan.'
          : `Approved with ${steps.length} of its ${item.changes.length} steps, applied to their plan.`,
    };
  } catch (err) {
    if (!isAppError(err)) throw err;
    const f = appErrorToForm(err);
    if (f.status === 404) throw new Response(err.message, { status: 404 });
    return { ok: false as const, id, formError: err.message };
  }
}
