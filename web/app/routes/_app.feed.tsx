import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PostCard } from '~/components/social/PostCard';
import { EmptyState, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formatDay } from '../../../worker/lib/format';

// /feed — your posts and those of the people you follow, newest day first, each day's posts together (a late
// upload lands in its day). Every post comes through the social serializer.
export const meta: MetaFunction = () => [{ title: 'Feed · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const cursor = new URL(args.request.url).searchParams.get('cursor');
  const u = viewer.user;
  const page = await args.context.services.socialPosts.feed(
    { id: u.id, displayName: u.displayName, timeZone: u.timeZone },
    cursor && /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? cursor : undefined,
  );
  return page;
}

export default function Feed() {
  const { days, nextCursor } = useLoaderData<typeof loader>();
  return (
    <div className="page feed-page">
      <PageHeader title="Feed" description="Your training log and the people you follow." />
      {days.length === 0 ? (
        <EmptyState title="Nothing here yet">Share an activity from its page to start your log.</EmptyState>
      ) : (
        days.map((d) => (
          <section key={d.day} aria-labelledby={`day-${d.day}`} className="feed-day">
            <h2 id={`day-${d.day}`}>{formatDay(d.day)}</h2>
            {d.posts.map((p) => (
              <PostCard key={p.id} post={p} />
            ))}
          </section>
        ))
      )}
      {nextCursor ? <Link to={`/feed?cursor=${nextCursor}`}>Older</Link> : null}
    </div>
  );
}
