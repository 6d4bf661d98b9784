import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/cloudflare';
import { useActionData, useLoaderData, useNavigate, useRouteLoaderData } from '@remix-run/react';
import { useRef, useState } from 'react';
import type { AskState } from '~/components/ai-coach/Chat';
import { coachJson } from '~/components/ai-coach/coach-api';
import { CoachIntro } from '~/components/ai-coach/CoachIntro';
import { Composer } from '~/components/ai-coach/Composer';
import { type ConversationView, MAX_QUESTION, newClientMessageId } from '~/utils/ai-coach';
import { startConversation } from '~/utils/ai-coach.server';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import type { CoachShellData } from './_app.ai-coach';

// /ai-coach: a new conversation. Without JavaScript the question posts here and the answer's page
// follows; with it, the conversation is created through the API and its page streams the answer.
export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args);
  // ?q= fills the box (the example questions without JavaScript).
  const q = new URL(args.request.url).searchParams.get('q')?.slice(0, MAX_QUESTION) ?? '';
  return { clientMessageId: newClientMessageId(), q };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  return startConversation(args.context, viewer, formValues(await args.request.formData()));
}

export default function NewConversation() {
  const shell = useRouteLoaderData<CoachShellData>('routes/_app.ai-coach');
  const { clientMessageId, q } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigate = useNavigate();
  const [text, setText] = useState(q);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  if (!shell) return null;

  const send = async (question: string, id: string) => {
    setBusy(true);
    setError(null);
    try {
      const { conversation } = await coachJson<{ conversation: ConversationView }>('/api/v1/ai-coach/conversations', {
        method: 'POST',
        json: {},
      });
      const state: AskState = { ask: { text: question, clientMessageId: id } };
      navigate(`/ai-coach/${conversation.id}`, { state });
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  const fill = (q: string) => {
    setText(q);
    input.current?.focus();
  };

  return (
    <div className="coach-new">
      <CoachIntro first={shell.conversations.length === 0} onExample={fill} />
      <div className="coach-composer-dock">
        <Composer
          value={text}
          onChange={setText}
          onSend={(q, id) => void send(q, id)}
          clientMessageId={clientMessageId}
          usage={shell.usage}
          busy={busy}
          textareaRef={input}
          action="/ai-coach?index"
          error={error ?? (result && 'formError' in result ? result.formError : null)}
        />
      </div>
    </div>
  );
}
