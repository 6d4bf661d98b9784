import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { Chat } from '~/components/ai-coach/Chat';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { conversationAction, loadConversation } from '~/utils/ai-coach.server';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import type { CoachShellData } from './_app.ai-coach';

// /ai-coach/:id — one conversation: its messages, the live answer, proposals to confirm or reject.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.conversation.title || 'Conversation'} · AI coach · Cadence` : 'AI coach · Cadence' },
];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadConversation(args.context, viewer, args.params.id, new URL(args.request.url));
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  // Each service checks the conversation and proposal belong to this athlete.
  return conversationAction(args.context, viewer, args.params.id ?? '', formValues(await args.request.formData()));
}

export default function Conversation() {
  const shell = useRouteLoaderData<CoachShellData>('routes/_app.ai-coach');
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!shell) return null;
  return (
    <>
      <h2 className="coach-title">{d.conversation.title || 'New conversation'}</h2>
      <Chat
        key={d.conversation.id}
        conversationId={d.conversation.id}
        messages={d.messages}
        live={d.live}
        usage={shell.usage}
        timeZone={shell.timeZone}
        clientMessageId={d.clientMessageId}
        formError={(result && 'formError' in result ? result.formError : null) ?? d.notice}
      />
      <span id="latest" />
    </>
  );
}
