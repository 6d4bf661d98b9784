import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useFetcher, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { useCallback, useState } from 'react';
import { NotificationGroupRow, useCenterAction } from '~/components/notifications/NotificationGroupRow';
import { usePendingChanges } from '~/components/notifications/usePendingChanges';
import { useErrorStatus } from '~/components/ErrorPanel';
import { Alert, buttonClass, ButtonLink, Card, EmptyState, Icon, LiveRegion, PageHeader, ResultNotice, cx } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import type { CenterResult, CenterView } from '~/utils/notifications';
import { centerAction, loadCenter } from '~/utils/notifications.server';

export const meta: MetaFunction = () => [{ title: 'Notifications · Cadence' }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadCenter(args.context, viewer, new URL(args.request.url));
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const result = await centerAction(args.context, viewer, formValues(await args.request.formData()));
  return data(result, { status: result.ok ? 200 : 400 });
}

function Header({ view }: { view?: CenterView }) {
  const markAll = useFetcher<CenterResult>();
  const action = useCenterAction();
  const filtered = !!(view?.filter.type || view?.filter.category);
  return (
    <PageHeader
      title="Notifications"
      description="What changed in your plan, your analysis and your account, grouped by day."
      actions={
        <>
          {view && view.unread > 0 ? (
            <markAll.Form method="post" action={action}>
              <input type="hidden" name="intent" value="read-all" />
              {view.filter.type ? <input type="hidden" name="type" value={view.filter.type} /> : null}
              {view.filter.category ? <input type="hidden" name="category" value={view.filter.category} /> : null}
              <button type="submit" className={buttonClass('secondary', 'sm')} disabled={markAll.state !== 'idle'}>
                <Icon name="check" className="icon icon-sm" /> {filtered ? 'Mark all in this filter read' : 'Mark all read'}
              </button>
            </markAll.Form>
          ) : null}
          <ButtonLink to="/settings/notifications" variant="secondary" size="sm">
            <Icon name="settings" className="icon icon-sm" /> Settings
          </ButtonLink>
        </>
      }
    />
  );
}

function Filters({ view }: { view: CenterView }) {
  return (
    <div className="inbox-filters">
      <nav aria-label="Show notifications about">
        <ul className="inbox-chips">
          {view.chips.map((c) => (
            <li key={c.label}>
              <Link to={c.href} className="inbox-chip" aria-current={c.current ? 'true' : undefined} preventScrollReset>
                {c.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Read or unread">
        <ul className="segmented">
          <li>
            <Link
              to={view.readToggle.all}
              className="segmented-link"
              aria-current={view.filter.unread ? undefined : 'true'}
              preventScrollReset
            >
              All
            </Link>
          </li>
          <li>
            <Link
              to={view.readToggle.unread}
              className="segmented-link"
              aria-current={view.filter.unread ? 'true' : undefined}
              preventScrollReset
            >
              Unread only
            </Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}

function Empty({ view }: { view: CenterView }) {
  const filtered = view.filter.type || view.filter.category;
  if (view.newest)
    return (
      <EmptyState
        icon={<Icon name="bell" />}
        title="No older notifications"
        actions={<ButtonLink to={view.newest}>Back to the newest</ButtonLink>}
      />
    );
  if (filtered)
    return (
      <EmptyState
        icon={<Icon name="check" />}
        title={view.filter.unread ? "You're all caught up" : 'Nothing here yet'}
        actions={<ButtonLink to={view.filter.unread ? '/notifications?unread=1' : '/notifications'}>Show every category</ButtonLink>}
      >
        <p>No {view.filter.unread ? 'unread ' : ''}notifications of this kind.</p>
      </EmptyState>
    );
  return (
    <EmptyState
      icon={<Icon name="check" />}
      title="You're all caught up"
      actions={
        view.filter.unread ? (
          <ButtonLink to="/notifications" variant="secondary">
            Show read ones too
          </ButtonLink>
        ) : null
      }
    >
      <p>
        {view.filter.unread
          ? 'Nothing unread.'
          : 'New plans, analysed imports, training-load alerts and messages from your coach will appear here.'}
      </p>
    </EmptyState>
  );
}

export default function NotificationCenter() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pending = usePendingChanges();
  const navigation = useNavigation();
  const [said, setSaid] = useState<CenterResult | undefined>();
  const onDone = useCallback((r: CenterResult) => setSaid(r), []);
  // A filter or page on its way (not the reload after a button, which keeps the list on screen).
  const loading = navigation.state === 'loading' && navigation.location.pathname === '/notifications' && !navigation.formMethod;
  const days = view.days
    .map((d) => ({ ...d, groups: d.groups.filter((g) => !(g.count === 1 && pending.deleted.has(g.ids[0]!))) }))
    .filter((d) => d.groups.length > 0);
  return (
    <>
      <Header view={view} />
      <Filters view={view} />
      {view.filterLabel ? (
        <p className="inbox-filter-note">
          Showing only {view.filterLabel.toLowerCase()}. <Link to="/notifications">Show everything</Link>
        </p>
      ) : null}
      <ResultNotice result={result ?? said} />
      <LiveRegion>{loading ? <p className="inbox-loading">Loading notifications…</p> : null}</LiveRegion>
      <div className={cx('inbox-days', loading && 'is-loading')} aria-busy={loading || undefined}>
        {days.length === 0 ? (
          <Card>
            <Empty view={view} />
          </Card>
        ) : (
          days.map((day) => (
            <section key={day.date} className="inbox-day" aria-labelledby={`day-${day.date}`}>
              <h2 id={`day-${day.date}`} className="inbox-day-title">
                {day.label}
              </h2>
              <Card className="card-flush">
                <ul className="inbox-list">
                  {day.groups.map((g) => (
                    <NotificationGroupRow key={g.key} group={g} pending={pending} onDone={onDone} />
                  ))}
                </ul>
              </Card>
            </section>
          ))
        )}
      </div>
      {days.length > 0 && (view.older || view.newest) ? (
        <nav aria-label="Pages" className="pager">
          {view.newest ? (
            <Link to={view.newest} className={buttonClass('secondary', 'sm')}>
              Newest
            </Link>
          ) : (
            <span />
          )}
          {view.older ? (
            <Link to={view.older} rel="next" className={buttonClass('secondary', 'sm')}>
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p className="inbox-zone">Days and times in {view.timeZone}.</p>
    </>
  );
}

/** The header and a way back stay; the list says it could not load. */
export function ErrorBoundary() {
  const status = useErrorStatus();
  const { pathname, search } = useLocation();
  return (
    <>
      <Header />
      <Card>
        <Alert tone="error" title={status === 404 ? 'Not found' : "We couldn't load your notifications"}>
          <p>Something went wrong on our side. Your notifications are safe; try again in a moment.</p>
        </Alert>
        <div className="empty-state-actions">
          {/* A full page load, so a failing client-side request is not simply repeated. */}
          <a href={pathname + search} className={buttonClass('primary')}>
            Try again
          </a>
          <ButtonLink to="/home" variant="secondary">
            Back to Home
          </ButtonLink>
        </div>
      </Card>
    </>
  );
}
