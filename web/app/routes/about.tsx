import type { MetaFunction } from '@remix-run/cloudflare';
import { PublicLayout } from '~/components/PublicLayout';
import { ButtonLink } from '~/components/ui';
import { useRootUser } from '~/components/useRootUser';

export const meta: MetaFunction = () => [
  { title: 'About · Cadence' },
  { name: 'description', content: 'Why Cadence exists, how the invite-only beta works, and how we treat your training data.' },
];

export default function About() {
  const user = useRootUser();
  return (
    <PublicLayout narrow>
      <article className="prose">
        <p className="eyebrow">About</p>
        <h1 className="page-title">Coaching you can check</h1>
        <p className="lead">
          Training apps love a single magic score. Cadence does the opposite: every number it shows can be traced back to the activities it
          came from, and every suggestion explains itself.
        </p>

        <h2>Why we're building it</h2>
        <p>
          Endurance athletes make better decisions when they can see the evidence. A fatigue number is only useful if you can open it and
          see the three hard sessions behind it. A plan only works if you can change it when life happens — without an algorithm quietly
          undoing it.
        </p>
        <p>
          Coaches, meanwhile, run small businesses on a patchwork of spreadsheets, calendars and messaging apps. Cadence puts clients,
          session packages, bookings, SMS reminders and a simple P&amp;L next to the training itself.
        </p>

        <h2>An invite-only beta</h2>
        <p>
          We're opening Cadence slowly, with invite codes, so we can talk to everyone who uses it. Features ship one at a time, and we say
          plainly what works today and what comes next. If a page has no data yet, it tells you so instead of inventing some.
        </p>

        <h2 id="data">How we treat your data</h2>
        <ul>
          <li>
            <strong>Strava data is shown only to its owner.</strong> Activities you connect from Strava are never shown to anyone else — not
            other athletes, not coaches.
          </li>
          <li>
            <strong>Files you upload are yours.</strong> FIT and GPX files you import belong to you, not to Cadence.
          </li>
          <li>
            <strong>Personal details have a reason.</strong> Birth date and sex are optional, and used only for age-graded performance.
          </li>
        </ul>
      </article>
      <div className="about-cta">
        {user ? (
          <ButtonLink to="/home">Go to your home page</ButtonLink>
        ) : (
          <>
            <ButtonLink to="/signup">Get started</ButtonLink>
            <ButtonLink to="/login" variant="secondary">
              Log in
            </ButtonLink>
          </>
        )}
      </div>
    </PublicLayout>
  );
}
