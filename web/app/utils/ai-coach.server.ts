// The AI coach pages' server side: the same coach services the /api/v1/coach routes call. The composer
// and the proposal buttons post here, so the page works without JavaScript (the answer arrives whole).
import { data, redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { isUuid } from '../../../worker/lib/ids';
import { MAX_QUESTION, newClientMessageId } from './ai-coach';
import { athleteOf } from './analytics.server';
import { isAppError } from './forms.server';

const coach = (context: AppLoadContext) => ({ coachChat: context.services.coachChat, coachProposals: context.services.coachProposals });

/** The list beside every coach page: conversations (newest first), this month's usage, the athlete's zone. */
export async function loadCoachShell(context: AppLoadContext, viewer: Viewer) {
  const { coachChat } = coach(context);
  const [conversations, usage, ent] = await Promise.all([
    coachChat.listConversations(viewer.user.id),
    coachChat.usage(viewer.user.id),
    context.services.membership.entitlements(viewer.user.id),
  ]);
  // The upgrade link shows on Free only.
  return { conversations, usage: { ...usage, free: ent.tier === 'free' }, timeZone: viewer.user.timeZone };
}

export async function loadConversation(context: AppLoadContext, viewer: Viewer, id: string | undefined, url: URL) {
  if (!isUuid(id)) throw new Response('Not found', { status: 404 });
  try {
    const found = await coach(context).coachChat.conversation(viewer.user.id, id);
    return { ...found, clientMessageId: newClientMessageId(), notice: noticeOf(url.searchParams.get('error')) };
  } catch (err) {
    if (isAppError(err) && err.status === 404) throw new Response('Not found', { status: 404 });
    throw err;
  }
}

const NOTICES: Record<string, string> = {
  COACH_BUSY: 'Your coach is still answering another question. Ask again when it has finished.',
  QUOTA_EXCEEDED: "You've used this month's questions on your plan.",
};
const noticeOf = (code: string | null) => (code ? (NOTICES[code] ?? 'Your coach could not answer just now. Try again.') : null);

type Values = Record<string, string | undefined>;
const question = (v: Values) => {
  const text = (v.text ?? '').trim();
  const clientMessageId = v.clientMessageId ?? '';
  if (!text || text.length > MAX_QUESTION) return { error: `Ask a question of up to ${MAX_QUESTION} characters.` } as const;
  if (clientMessageId.length < 8 || clientMessageId.length > 64) return { error: 'Reload the page and ask again.' } as const;
  return { text, clientMessageId } as const;
};

/** "Ask" on the new-conversation page without JavaScript: a conversation, the whole answer, then its page. */
export async function startConversation(context: AppLoadContext, viewer: Viewer, v: Values) {
  const q = question(v);
  if ('error' in q) return data({ formError: q.error }, { status: 400 });
  const { coachChat } = coach(context);
  const conversation = await coachChat.createConversation(viewer.user.id);
  try {
    await coachChat.ask(viewer, conversation.id, q);
  } catch (err) {
    if (!isAppError(err)) throw err;
    throw redirect(`/ai-coach/${conversation.id}?error=${encodeURIComponent(err.code)}`);
  }
  return redirect(`/ai-coach/${conversation.id}#latest`);
}

/** The conversation page's forms: ask and retry (JS off), confirm / reject a proposal, undo an applied one. */
export async function conversationAction(context: AppLoadContext, viewer: Viewer, conversationId: string, v: Values) {
  const { coachChat, coachProposals } = coach(context);
  const back = `/ai-coach/${conversationId}`;
  try {
    if (v.intent === 'ask') {
      const q = question(v);
      if ('error' in q) return data({ formError: q.error }, { status: 400 });
      await coachChat.ask(viewer, conversationId, q);
      return redirect(`${back}#latest`);
    }
    if (v.intent === 'retry') {
      if (!isUuid(v.messageId)) throw new Response('Not found', { status: 404 });
      await coachChat.retryAnswer(viewer.user.id, v.messageId);
      return redirect(`${back}#latest`);
    }
    if (!isUuid(v.proposalId)) throw new Response('Not found', { status: 404 });
    if (v.intent === 'confirm') await coachProposals.confirm(viewer, v.proposalId);
    else if (v.intent === 'reject') await coachProposals.reject(viewer, v.proposalId);
    else if (v.intent === 'undo' && isUuid(v.planId) && isUuid(v.changeId)) {
      const by = { athlete: athleteOf(viewer), actorId: viewer.user.id, source: 'athlete' as const };
      await context.services.workoutControl.undo(by, v.planId, v.changeId);
      return redirect(`${back}?undone=${v.changeId}`);
    } else throw new Response('Unknown action', { status: 400 });
    return redirect(back);
  } catch (err) {
    if (!isAppError(err)) throw err;
    return data({ formError: err.message }, { status: err.status >= 400 && err.status < 500 ? err.status : 400 });
  }
}
