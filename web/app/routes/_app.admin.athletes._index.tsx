import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AthleteResults } from '~/components/admin/AthleteResults';
import { AthleteSearchForm } from '~/components/admin/AthleteSearchForm';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, EmptyState, Icon, LiveRegion, PageHeader } from '~/components/ui';
import { canSeePii } from '~/utils/admin.server';
import { requireAdminPermission } from '~/utils/auth.server';
import { formatDate, relativeTime } from '~/utils/format';
import { isAppError } from '~/utils/forms.server';
import { SearchQuery } from '../../../worker/features/support/support.schema';

// /admin/athletes: find an account by email, name or id (users.read). Personal data masked without users.pii,
// and then only ids are searched.
export const meta: MetaFunction = ({ error }) => [{ title: error ? 'Not allowed · Cadence' : 'Athletes · Admin · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'users.read');
  const { context } = args;
  const pii = await canSeePii(context, viewer);
  const params = new URL(args.request.url).searchParams;
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const cursor = params.get('cursor') ?? '';
  const base = { q, role, paged: cursor !== '', searched: q !== '' || role !== '', pii };
  const parsed = SearchQuery.safeParse({ q, role: role || undefined, cursor: cursor || undefined });
  if (!parsed.success)
    return { ...base, rows: [], next: null, error: 'That search is not valid: use at most 200 characters and a role from the list.' };
  try {
    const found = await context.services.support.search(parsed.data, { pii });
    const tz = viewer.user.timeZone;
    const now = context.services.clock.now();
    const rows = found.users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      email: u.email,
      role: u.role,
      tier: u.tier,
      blocked: u.blocked,
      created: formatDate(u.createdAt, tz),
      lastSeen: u.lastSeenAt ? relativeTime(u.lastSeenAt, now, tz) : null,
    }));
    const next = found.nextCursor ? `?${new URLSearchParams({ q, role, cursor: found.nextCursor })}` : null;
    return { ...base, rows, next, error: null };
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION') return { ...base, rows: [], next: null, error: err.message };
    throw err;
  }
}

export default function AthletesSearch() {
  const { q, role, rows, next, paged, searched, error, pii } = useLoaderData<typeof loader>();
  const first = `?${new URLSearchParams({ q, role })}`;
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Athletes"
        description={
          pii
            ? 'Find an account to see its whole state.'
            : 'Find an account by its id to see its whole state. Personal data is masked for your role.'
        }
      />
      <Card id="athlete-search" className="support-card">
        <AthleteSearchForm q={q} role={role} pii={pii} />
      </Card>
      <LiveRegion className="support-live">
        {error ? (
          <Alert tone="error" announce={false} title="Search failed">
            {error}
          </Alert>
        ) : rows.length === 0 ? (
          <EmptyState icon={<Icon name="users" />} title={searched ? 'No athletes match' : 'No accounts yet'}>
            {searched ? <p>{pii ? 'Try part of the email or name, or the full id.' : 'Try the full id or its first characters.'}</p> : null}
          </EmptyState>
        ) : (
          <p className="support-count">
            {rows.length} {rows.length === 1 ? 'account' : 'accounts'}
            {paged ? ' on this page' : ''}, newest first
          </p>
        )}
      </LiveRegion>
      {rows.length > 0 ? (
        <Card id="athlete-results" className="support-card">
          <AthleteResults rows={rows} />
          <nav className="support-pager" aria-label="Pages">
            {paged ? (
              <Link to={first} className="btn btn-secondary btn-sm">
                First page
              </Link>
            ) : null}
            {next ? (
              <Link to={next} className="btn btn-secondary btn-sm">
                Next page
              </Link>
            ) : null}
          </nav>
        </Card>
      ) : null}
    </>
  );
}
