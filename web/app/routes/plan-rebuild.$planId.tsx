import { data, redirect, type ActionFunctionArgs } from '@remix-run/cloudflare';
import { requireViewer } from '~/utils/auth.server';
import { athleteOf } from '~/utils/analytics.server';
import { isAppError } from '~/utils/forms.server';
import { safeNext } from '~/utils/redirects';
import { isUuid } from '../../../worker/lib/ids';

// RebuildPrompt's answers ("Rebuild" confirmed, or "Keep my plan"), then back to the page it was on.
export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const form = await args.request.formData();
  const planId = args.params.planId ?? '';
  if (!isUuid(planId)) throw new Response('Not found', { status: 404 });
  const back = new URL(safeNext(form.get('back'), '/home'), 'http://local');
  const { rebuild } = args.context.services;
  try {
    if (form.get('intent') === 'rebuild') {
      await rebuild.confirm(athleteOf(viewer), planId);
      back.searchParams.set('rebuilt', '1');
    } else await rebuild.dismiss(athleteOf(viewer), planId);
  } catch (err) {
    if (!isAppError(err)) throw err;
    return data({ ok: false as const, message: err.message }, { status: err.status });
  }
  back.searchParams.delete('rebuild');
  return redirect(`${back.pathname}${back.search}`);
}
