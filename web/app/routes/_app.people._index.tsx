import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Button, ButtonLink, Card, Field, PageHeader, ResultNotice } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { loadPeople, peopleAction } from '~/utils/social.server';

// /people: requests, who you follow and who follows you, blocks and mutes, and the directory. Plain forms.
export const meta: MetaFunction = () => [{ title: 'People · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const q = (new URL(args.request.url).searchParams.get('q') ?? '').trim();
  return loadPeople(args.context, viewer, q);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const result = await peopleAction(args.context, viewer, formValues(await args.request.formData()));
  return data(result, { status: result.ok ? 200 : 400 });
}

type Person = { id: string; displayName: string };

function Act({ intent, userId, label }: { intent: string; userId: string; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" variant="secondary" size="sm">
        {label}
      </Button>
    </Form>
  );
}

function PeopleCard({
  id,
  title,
  people,
  empty,
  acts,
}: {
  id: string;
  title: string;
  people: Person[];
  empty: string;
  acts: [string, string][];
}) {
  return (
    <Card id={id} title={`${title} (${people.length})`}>
      {people.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="stack">
          {people.map((p) => (
            <li key={p.id} className="person-row">
              <Link to={`/people/${p.id}`}>{p.displayName}</Link>
              {acts.map(([intent, label]) => (
                <Act key={intent} intent={intent} userId={p.id} label={label} />
              ))}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export default function People() {
  const v = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="People"
        description="Who follows you and whom you follow. Nobody is told of a decline, a removal, a block or a mute."
        actions={
          <ButtonLink to="/settings/social" variant="secondary" size="sm">
            Social settings
          </ButtonLink>
        }
      />
      <ResultNotice result={result} />
      <div className="stack">
        <PeopleCard
          id="requests"
          title="Requests to follow you"
          people={v.requests}
          empty="No requests waiting."
          acts={[
            ['accept', 'Accept'],
            ['decline', 'Decline'],
          ]}
        />
        <Card id="directory" title="Find people" description="Only people who chose to be findable are listed.">
          <Form method="get" className="inline-form">
            <Field label="Name starts with" name="q" defaultValue={v.q} />
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </Form>
          {v.directory ? (
            v.directory.length === 0 ? (
              <p className="muted">Nobody found.</p>
            ) : (
              <ul className="stack">
                {v.directory.map((p) => (
                  <li key={p.id} className="person-row">
                    <Link to={`/people/${p.id}`}>{p.displayName}</Link>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </Card>
        <PeopleCard
          id="following"
          title="Following"
          people={v.following}
          empty="You follow nobody yet."
          acts={[
            ['unfollow', 'Unfollow'],
            ['mute', 'Mute'],
          ]}
        />
        <PeopleCard
          id="followers"
          title="Followers"
          people={v.followers}
          empty="Nobody follows you yet."
          acts={[
            ['remove', 'Remove'],
            ['block', 'Block'],
          ]}
        />
        <PeopleCard id="muted" title="Muted" people={v.muted} empty="You muted nobody." acts={[['unmute', 'Unmute']]} />
        <PeopleCard id="blocked" title="Blocked" people={v.blocked} empty="You blocked nobody." acts={[['unblock', 'Unblock']]} />
      </div>
    </>
  );
}
