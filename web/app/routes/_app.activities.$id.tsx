import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { ActivityCurveCard } from '~/components/activity/ActivityCurveCard';
import { BalanceCard } from '~/components/activity/BalanceCard';
import { EfficiencyFactsCard } from '~/components/activity/EfficiencyFactsCard';
import { ActivityBestsCard } from '~/components/activity/ActivityBestsCard';
import { ActivityStreams } from '~/components/activity/ActivityStreams';
import { AboutCard, DataQualityCard, LinkedCopiesCard, SourceLineNote } from '~/components/activity/ActivityProvenance';
import { IntervalsCard } from '~/components/activity/IntervalsCard';
import { NotesCard } from '~/components/activity/NotesCard';
import { RaceCard } from '~/components/social/RaceCard';
import { MakeSegmentForm } from '~/components/segments/MakeSegmentForm';
import { SegmentEffortsCard } from '~/components/segments/SegmentEffortsCard';
import { ShareCard } from '~/components/social/ShareCard';
import { TrainingComments } from '~/components/comments/TrainingComments';
import { ActivitySummaryCard } from '~/components/activity/ActivitySummaryCard';
import { TrainingLoadCard } from '~/components/activity/TrainingLoadCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, PageHeader } from '~/components/ui';
import { sportLabel } from '~/utils/analytics';
import { day } from '~/utils/analytics-format';
import { loadActivityPage } from '~/utils/analytics.server';
import { loadActivityProvenance, splitActivity } from '~/utils/activities.server';
import { loadActivityReview, saveActivityNotes } from '~/utils/activity-review.server';
import { loadActivityStreams } from '~/utils/activity-streams.server';
import { loadActivityCurves } from '~/utils/activity-curve.server';
import { requireViewer } from '~/utils/auth.server';
import { loadAthleteComments } from '~/utils/comments.server';
import { formValues } from '~/utils/forms.server';
import { loadRaceResult, saveRaceResult } from '~/utils/race-result.server';
import { makeCourse } from '~/utils/courses.server';
import { MakeCourseCard } from '~/components/courses/MakeCourseCard';
import { loadActivitySegments, makeSegment } from '~/utils/segments.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.activity.name || 'Activity'} · Cadence` }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const id = args.params.id ?? '';
  const url = new URL(args.request.url);
  const pageRead = loadActivityPage(args.context, viewer, id);
  const [page, provenance, review, streams, comments, curves, race, segments] = await Promise.all([
    pageRead,
    loadActivityProvenance(args.context, viewer, id, url),
    loadActivityReview(args.context, viewer, id),
    loadActivityStreams(args.context, viewer, id),
    loadAthleteComments(args.context, viewer, { kind: 'activity', id }),
    pageRead.then((p) => loadActivityCurves(args.context, viewer, id, url, p)),
    loadRaceResult(args.context, viewer, id),
    loadActivitySegments(args.context, viewer, id),
  ]);
  // Share to the social log: whether it can be (provider terms, suspension), asked of the posts service.
  const u = viewer.user;
  const share = await args.context.services.socialPosts
    .composer({ id: u.id, displayName: u.displayName, timeZone: u.timeZone }, id)
    .catch(() => null);
  return { ...page, provenance, review, streams, comments, curves, share, race, segments, viewerZone: viewer.user.timeZone };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  if (values.intent === 'split') return splitActivity(args.context, viewer, args.params.id ?? '');
  if (values.intent === 'notes') return saveActivityNotes(args.context, viewer, args.params.id ?? '', values);
  if (values.intent === 'race') return saveRaceResult(args.context, viewer, args.params.id ?? '', values);
  if (values.intent === 'course') return makeCourse(args.context, viewer, args.params.id ?? '', values);
  if (values.intent === 'segment') return makeSegment(args.context, viewer, args.params.id ?? '', values);
  throw new Response('Unknown action', { status: 400 });
}

export default function ActivityPage() {
  const {
    activity: a,
    analysis: x,
    units,
    durationRate,
    ageGradeMissing,
    runRecords,
    powerRecords,
    provenance,
    review,
    streams,
    comments,
    curves,
    share,
    race,
    segments,
    viewerZone,
  } = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
  // A window another card asks the stream charts to show (a curve point, the W′ chart's lowest stretch).
  const [focus, setFocus] = useState<{ from: number; to: number; n: number } | null>(null);
  const select = (from: number, to: number) => setFocus((f) => ({ from, to, n: (f?.n ?? 0) + 1 }));
  const balance = curves?.balance?.sport ? curves.balance : null;
  const curve = curves?.curve?.sport && (curves.curve.points.length || curves.curve.kinds.length) ? curves.curve : null;
  const sportName = sportLabel(a.sport);
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/activities">Activities</Link>}
        title={a.name || 'Untitled activity'}
        description={`${day(a.date)} · ${sportName}${a.sportOriginal && a.sportOriginal.toLowerCase() !== a.sport ? ` (${a.sportOriginal})` : ''} · ${a.source}`}
      />
      <SourceLineNote line={provenance.sourceLine} />
      {provenance.split === 'done' ? (
        <Alert tone="success" className="page-alert">
          Counted as a separate activity from now on.
        </Alert>
      ) : a.duplicateOf ? (
        <Alert tone="info" className="page-alert">
          Another recording of the same effort came in too. Totals and charts count it once, as{' '}
          <Link to={`/activities/${a.duplicateOf}`}>the other copy</Link>.
        </Alert>
      ) : null}
      <div className="stack">
        <ActivitySummaryCard activity={a} analysis={x} units={units} />
        <AboutCard about={provenance.about} />
        {streams ? (
          <ActivityStreams
            view={streams}
            units={units}
            opened={curves?.opened ?? null}
            focus={focus}
            belowCharts={(range) => (
              <>
                {balance ? <BalanceCard b={balance} units={units} onSelect={select} range={range} /> : null}
                {streams.series?.lat ? (
                  <MakeCourseCard range={range} result={saved && 'intent' in saved && saved.intent === 'course' ? saved : undefined} />
                ) : null}
                {/* Only the owner's own page with a route can cut a segment, and only from a zoomed stretch. */}
                {range && segments && streams.series?.lat ? (
                  <MakeSegmentForm range={range} result={saved && 'intent' in saved && saved.intent === 'segment' ? saved : undefined} />
                ) : null}
              </>
            )}
          />
        ) : null}
        {segments ? <SegmentEffortsCard view={segments} /> : null}
        {curve ? <ActivityCurveCard curve={curve} units={units} onSelect={select} /> : null}
        {curves?.efficiency ? <EfficiencyFactsCard e={curves.efficiency} /> : null}
        <IntervalsCard intervals={review.intervals} units={units} sport={a.sport} onShow={streams?.series ? select : null} />
        {review.notes ? (
          <NotesCard
            notes={review.notes}
            result={saved && 'intent' in saved && saved.intent === 'notes' ? saved : undefined}
            updatedText={review.notesUpdated}
          />
        ) : null}
        {comments ? (
          <Card id="comments" title="Conversation with your coach">
            <TrainingComments data={comments} timeZone={viewerZone} />
          </Card>
        ) : null}
        {share ? <ShareCard composer={share} /> : null}
        {share ? <RaceCard race={race} result={saved && 'intent' in saved && saved.intent === 'race' ? saved : undefined} /> : null}
        <LinkedCopiesCard id={a.id} provenance={provenance} />
        <DataQualityCard notes={provenance.notes} />
        <TrainingLoadCard activity={a} analysis={x} units={units} durationRate={durationRate} />
        <ActivityBestsCard
          sport={a.sport}
          analysis={x}
          units={units}
          ageGradeMissing={ageGradeMissing}
          runRecords={runRecords}
          powerRecords={powerRecords}
        />
      </div>
    </>
  );
}
