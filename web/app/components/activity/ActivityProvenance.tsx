import { Form, Link } from '@remix-run/react';
import { Badge, ButtonLink, Card, SubmitButton } from '~/components/ui';
import type { ActivityProvenance } from '~/utils/activities.server';

/** Where the activity came from and what it is used for, from its source's policy row (ADR 036). */
export function SourceLineNote({ line }: { line: ActivityProvenance['sourceLine'] }) {
  if (!line) return null;
  return (
    <div className="source-line" id="source">
      {line.attribution ? <p className="source-attribution">{line.attribution}</p> : null}
      <p className="source-uses">
        {line.text}
        {line.upgrade ? (
          <>
            {' '}
            <Link to={line.upgrade.href}>{line.upgrade.text}</Link>
          </>
        ) : null}
      </p>
      {line.reduced ? <p className="source-reduced">{line.reduced}</p> : null}
    </div>
  );
}

/**
 * What the athlete wrote about the activity (a Strava archive carries the description, gear and
 * commute flag), and that their own file replaced its Strava copy. Nothing to show: nothing rendered.
 */
export function AboutCard({ about }: { about: ActivityProvenance['about'] }) {
  const facts = [about.gear ? `Gear: ${about.gear}` : null, about.commute ? 'Commute' : null].filter(Boolean);
  if (!about.description && facts.length === 0 && !about.replacedStravaCopy) return null;
  return (
    <Card id="about" title="About this activity">
      {about.description ? <p className="about-description">{about.description}</p> : null}
      {facts.length ? <p className="about-facts">{facts.join(' · ')}</p> : null}
      {about.replacedStravaCopy ? (
        <p className="about-upgraded">
          This was your Strava copy. Your own file ({about.source}) replaced it: the same activity, with its notes and links, now from your
          original.
        </p>
      ) : null}
    </Card>
  );
}

/** What was cleaned or left out when the activity came in. Quiet: nothing here is an error. */
export function DataQualityCard({ notes }: { notes: ActivityProvenance['notes'] }) {
  if (notes.length === 0) return null;
  return (
    <Card
      id="data-quality"
      title="Data quality"
      description="What was corrected or left out when this activity came in. The numbers on this page are after these corrections."
    >
      <ul className="quality-notes">
        {notes.map((n, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, never reordered, and entries can repeat: the position is part of the identity.
          <li key={`${n.code}-${i}`}>{n.text}</li>
        ))}
      </ul>
    </Card>
  );
}

/**
 * The other recordings of the same effort ("Also recorded by"), and the athlete's way to say they
 * are different activities: a link to a confirm step, then a plain form post (works without JavaScript).
 */
export function LinkedCopiesCard({ id, provenance }: { id: string; provenance: ActivityProvenance }) {
  const { copies, split } = provenance;
  if (copies.length === 0) return null;
  const others = copies.length === 1 ? 'the other recording' : `the ${copies.length} other recordings`;
  return (
    <Card
      id="copies"
      title="Also recorded by"
      description={
        provenance.counted
          ? 'The same effort came in more than once. Totals and charts count it once, as this activity.'
          : 'The same effort came in more than once. Totals and charts count it once, as the copy marked Counted.'
      }
    >
      <ul className="copy-list">
        {copies.map((c) => (
          <li key={c.id} className="copy">
            <p className="copy-name">
              <Link to={`/activities/${c.id}`} className="activity-link">
                {c.source}
              </Link>
              <span className="copy-title">{c.name}</span>
              {c.counted ? <Badge tone="info">Counted</Badge> : null}
            </p>
            <p className="copy-meta">
              <span>Started {c.startedAt}</span>
              {/* Distance and duration stay together when the line wraps on a phone. */}
              <span>{[c.distance, c.duration].filter(Boolean).join(' · ')}</span>
            </p>
          </li>
        ))}
      </ul>
      {split === 'confirm' ? (
        <Form method="post" className="split-confirm" aria-labelledby="split-confirm-title">
          <input type="hidden" name="intent" value="split" />
          <p id="split-confirm-title" className="split-confirm-title">
            Count them as different activities?
          </p>
          <p className="split-confirm-text">
            This activity and {others} will each count in your totals, charts and bests. Cadence keeps them apart from now on, also if you
            import the files again or Strava sends its copy again.
          </p>
          <div className="split-confirm-actions">
            <SubmitButton variant="primary" size="sm" pendingText="Separating…" match={{ intent: 'split' }}>
              Yes, they are different
            </SubmitButton>
            <ButtonLink to={`/activities/${id}#copies`} variant="secondary" size="sm" replace preventScrollReset>
              Cancel
            </ButtonLink>
          </div>
        </Form>
      ) : (
        <p className="copy-actions">
          <ButtonLink to={`/activities/${id}?split=confirm#copies`} variant="secondary" size="sm" replace preventScrollReset>
            These are different activities
          </ButtonLink>
        </p>
      )}
    </Card>
  );
}
