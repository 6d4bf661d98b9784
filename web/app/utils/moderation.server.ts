import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { ReviewDecideInput } from '../../../worker/features/social/awards/awards.schema';
import {
  ActionInput,
  AppealInput,
  DecideInput,
  MODERATION_REASONS,
  ReportInput,
} from '../../../worker/features/social/moderation/moderation.schema';
import { actorOf, refuseWhileImpersonating } from '../../../worker/http/guards';
import { isAppError } from './forms.server';

export { MODERATION_REASONS };

// The moderation pages' server side: the console's queue and appeals (the `moderation` permission) and the
// athlete's notices; each form goes through the same schemas and services as the API.

export type ModerationResult = { ok: true; message: string } | { ok: false; message: string; targetId?: string };

const firstIssue = (issues: { message: string }[]) => issues[0]?.message ?? 'Check the form.';

/** Runs a service call, turning its refusals into the form's message. */
async function attempt(run: () => Promise<string>, targetId?: string): Promise<ModerationResult> {
  try {
    return { ok: true, message: await run() };
  } catch (err) {
    if (isAppError(err)) return { ok: false, message: err.message, targetId };
    throw err;
  }
}

const DONE: Record<string, string> = {
  hide: 'Hidden; the author was told why.',
  warn: 'Warned; the author was told why.',
  suspend: 'Suspended; the athlete was told until when and why.',
  lift: 'Lifted; the athlete was told.',
  dismiss: 'Reports dismissed.',
};

/** The console form: hide, warn, suspend (a date), lift or dismiss, a reason always. */
export async function moderate(context: AppLoadContext, viewer: Viewer, v: Record<string, string>): Promise<ModerationResult> {
  // The form's date is a day: a suspension ends at the start of that day, UTC.
  const until = v.kind === 'suspend' && v.until ? `${v.until}T00:00:00.000Z` : undefined;
  const parsed = ActionInput.safeParse({ kind: v.kind, targetKind: v.targetKind, targetId: v.targetId, reason: v.reason, until });
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error.issues), targetId: v.targetId };
  return attempt(async () => {
    await context.services.moderationAdmin.act(actorOf(viewer), parsed.data);
    return DONE[parsed.data.kind] ?? 'Done.';
  }, v.targetId);
}

export async function decideAppeal(context: AppLoadContext, viewer: Viewer, v: Record<string, string>): Promise<ModerationResult> {
  const parsed = DecideInput.safeParse({ decision: v.decision, reason: v.reason });
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error.issues), targetId: v.actionId };
  return attempt(async () => {
    await context.services.moderationAdmin.decide(actorOf(viewer), v.actionId ?? '', parsed.data);
    return parsed.data.decision === 'overturned' ? 'Overturned; the author was told.' : 'Upheld; the author was told.';
  }, v.actionId);
}

/** The athlete's one appeal, from the notices page. */
export async function appeal(context: AppLoadContext, viewer: Viewer, v: Record<string, string>): Promise<ModerationResult> {
  const parsed = AppealInput.safeParse({ text: v.text });
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error.issues), targetId: v.actionId };
  return attempt(async () => {
    // The appeal is the athlete's own word, as on the API (high risk there).
    refuseWhileImpersonating(viewer, 'appeal a moderation action');
    await context.services.moderation.appeal(viewer.user.id, v.actionId ?? '', parsed.data.text);
    return 'Your appeal is sent; a moderator will decide and you will be told.';
  }, v.actionId);
}

/** A leaderboard review decided from the console (ADR 084): accepted counts the activity, declined shows the reason. */
export async function decideReview(context: AppLoadContext, viewer: Viewer, v: Record<string, string>): Promise<ModerationResult> {
  const parsed = ReviewDecideInput.safeParse({ decision: v.decision, reason: v.reason });
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error.issues), targetId: v.reviewId };
  return attempt(async () => {
    await context.services.reviewsAdmin.decide(actorOf(viewer), v.reviewId ?? '', parsed.data);
    return parsed.data.decision === 'accepted'
      ? 'Accepted: the activity counts from the next evaluation.'
      : 'Declined: the athlete reads your reason beside the activity.';
  }, v.reviewId);
}

/** A report from a page (a post or a comment the athlete can see), through the same schema and service as the API. */
export async function report(context: AppLoadContext, viewer: Viewer, v: Record<string, string>): Promise<ModerationResult> {
  const parsed = ReportInput.safeParse({ targetKind: v.targetKind, targetId: v.targetId, reason: v.reason, note: v.note || undefined });
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error.issues), targetId: v.targetId };
  return attempt(async () => {
    // The athlete's own word about someone else, as on the API (high risk there).
    refuseWhileImpersonating(viewer, 'report someone');
    const r = await context.services.moderation.report(viewer.user.id, parsed.data);
    return r.already
      ? 'You reported this before; that report stands.'
      : 'Reported. A moderator will look at it; nobody is told who reported.';
  }, v.targetId);
}
