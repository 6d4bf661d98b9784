import { type ActionFunctionArgs, redirect } from '@remix-run/cloudflare';
import { requireViewer } from '~/utils/auth.server';
import { markDoneFromForm } from '~/utils/plans.server';

// POST /training/done — "Mark done" / "Mark not done" as a plain form (ADR 080), for a page without JavaScript:
// the same service as PUT/DELETE /api/v1/plans/{planId}/workouts/{workoutId}/done, then back to where it was sent from.
export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  return redirect(await markDoneFromForm(args.context, viewer, await args.request.formData()));
}
