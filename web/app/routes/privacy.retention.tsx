import type { MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { PublicLayout } from '~/components/PublicLayout';
import { retentionPage } from '~/utils/privacy.server';

export const meta: MetaFunction = () => [
  { title: 'What we keep and for how long · Cadence' },
  { name: 'description', content: 'Every kind of data Cadence keeps for a limited time: how long, why, and what happens after.' },
];

// Rendered from the retention table the nightly job enforces (worker/features/privacy/retention), never by hand.
export const loader = () => retentionPage();

export default function RetentionPolicy() {
  const { rules } = useLoaderData<typeof loader>();
  return (
    <PublicLayout narrow>
      <article className="prose retention">
        <p className="eyebrow">Privacy</p>
        <h1 className="page-title">What we keep and for how long</h1>
        <p className="lead">
          Your training history stays for as long as you keep your account: you can download it from Settings → Data and delete your account
          from Settings at any time. Everything below is kept only for a limited time. This list is generated from the same table our
          deletion jobs read, so it is always what actually happens.
        </p>
        <ol className="retention-list">
          {rules.map((r) => (
            <li key={r.id} id={r.id} className="retention-rule">
              <h2 className="retention-what">{r.what}</h2>
              <dl className="retention-facts">
                <div>
                  <dt>Kept</dt>
                  <dd className="retention-keep">{r.keep}</dd>
                </div>
                <div>
                  <dt>Why</dt>
                  <dd>{r.why}</dd>
                </div>
                <div>
                  <dt>After that</dt>
                  <dd>{r.after}</dd>
                </div>
              </dl>
              {r.enforcedBy ? <p className="retention-enforced">{r.enforcedBy}</p> : null}
            </li>
          ))}
        </ol>
        <h2>Your rights</h2>
        <p>
          You can ask for a copy of your data or for its deletion at any time; we answer within one month, as the GDPR requires. A deletion
          waits seven days, so you can change your mind, and then removes your account, your activities and files, and your data at the
          services we use. Read more <Link to="/about#data">about how we treat your data</Link>.
        </p>
      </article>
    </PublicLayout>
  );
}
