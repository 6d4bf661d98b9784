import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Outlet, useLoaderData } from '@remix-run/react';
import { ConversationList } from '~/components/ai-coach/ConversationList';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PageHeader } from '~/components/ui';
import { loadCoachShell } from '~/utils/ai-coach.server';
import { requireViewer } from '~/utils/auth.server';

// /ai-coach: the athlete's AI coach — the conversations beside the open one (or a new one, the index).
// (/coach is the business console.)
export const meta: MetaFunction = () => [{ title: 'AI coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadCoachShell(args.context, viewer);
}

export type CoachShellData = Awaited<ReturnType<typeof loader>>;

export default function AiCoachLayout() {
  const { conversations, timeZone } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow="AI coach"
        title="Your coach"
        description="Ask about your training. Every number comes from your own data, with receipts. It proposes; you decide."
      />
      <div className="coach-layout">
        <ConversationList conversations={conversations} timeZone={timeZone} />
        <div className="coach-main">
          <Outlet />
        </div>
      </div>
    </>
  );
}
