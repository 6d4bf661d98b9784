import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { DeletedActivitiesCard } from '~/components/data/DeletedActivitiesCard';
import { DoorSection } from '~/components/data/DoorSection';
import { DoorWellnessCard } from '~/components/data/DoorWellnessCard';
import { YourDataSection } from '~/components/privacy/YourDataSection';
import { FilesSection } from '~/components/data/FilesSection';
import { GarminWellnessCard } from '~/components/data/GarminWellnessCard';
import { GarminWorkoutsCard } from '~/components/data/GarminWorkoutsCard';
import { PausedNotice } from '~/components/data/PausedNotice';
import { StravaSection } from '~/components/data/StravaSection';
import { usePolling } from '~/components/data/usePolling';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { Alert, buttonClass, Card, Icon, LiveRegion, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { disconnectDoor, disconnectStrava, noticesFrom } from '~/utils/data-sources.server';
import { loadDoorWellness, setDoorWellness } from '~/utils/door-wellness.server';
import { formValues } from '~/utils/forms.server';
import { loadGarminConsent, setGarminConsent } from '~/utils/garmin-training.server';
import { loadGarminWellness, setGarminWellness } from '~/utils/garmin-wellness.server';
import { isImportActive } from '~/utils/imports';
import { loadImports, UPLOAD_LIMITS_VIEW, uploadFromForm } from '~/utils/imports.server';
import { isActive } from '~/utils/ingestion';
import { countStravaOnly, loadIngestion } from '~/utils/ingestion.server';
import { lastStravaDisconnect } from '~/utils/strava-disconnect.server';
import { bringBackDeleted, loadDeletedActivities } from '~/utils/tombstones.server';
import { importArchive, loadYourData, requestExport } from '~/utils/your-data.server';

// /settings/data: the trailing underscore keeps this page out of the Settings page's layout (it has no outlet).
export const meta: MetaFunction = () => [{ title: 'Data sources · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const [ingestion, imports, entitlements, yourData, garminWorkouts, deleted, doorWellness, garminWellness] = await Promise.all([
    loadIngestion(args.context, viewer),
    loadImports(args.context, viewer),
    args.context.services.membership.entitlements(viewer.user.id),
    loadYourData(args.context, viewer),
    loadGarminConsent(args.context, viewer),
    loadDeletedActivities(args.context, viewer),
    loadDoorWellness(args.context, viewer),
    loadGarminWellness(args.context, viewer),
  ]);
  return {
    ingestion,
    imports,
    canExport: entitlements.features.exports,
    uploadLimits: UPLOAD_LIMITS_VIEW,
    stravaOnly: ingestion.strava.connected ? await countStravaOnly(args.context, viewer.user.id) : 0,
    // What the last disconnect took and kept, said again while Strava stays disconnected.
    lastDisconnect: ingestion.strava.connected ? null : await lastStravaDisconnect(args.context, viewer),
    notices: noticesFrom(new URL(args.request.url), ingestion.doors),
    yourData,
    garminWorkouts,
    deleted,
    doorWellness,
    garminWellness,
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const form = await args.request.formData();
  const values = formValues(form);
  if (values.intent === 'upload') return data(await uploadFromForm(args.context, viewer, form.get('file')), { status: 400 });
  if (values.intent === 'disconnect') return data(await disconnectStrava(args.context, viewer, values), { status: 400 });
  if (values.intent === 'disconnect-door') return data(await disconnectDoor(args.context, viewer, values), { status: 400 });
  if (values.intent === 'garmin-workouts') {
    const failed = await setGarminConsent(args.context, viewer, values);
    if (failed) return data(failed, { status: 400 });
    return redirect('/settings/data#garmin-workouts');
  }
  if (values.intent === 'garmin-wellness') {
    const failed = await setGarminWellness(args.context, viewer, values);
    if (failed) return data(failed, { status: 400 });
    return redirect('/settings/data#garmin-wellness');
  }
  if (values.intent === 'door-wellness') {
    const failed = await setDoorWellness(args.context, viewer, values);
    if (failed) return data(failed, { status: 400 });
    return redirect(`/settings/data#${values.provider}-wellness`);
  }
  if (values.intent === 'bring-back') {
    const failed = await bringBackDeleted(args.context, viewer, values);
    if (failed) return data(failed, { status: 400 });
    return redirect('/settings/data#deleted-activities');
  }
  if (values.intent === 'export-request' || values.intent === 'reimport') {
    const failed =
      values.intent === 'export-request'
        ? await requestExport(args.context, viewer)
        : await importArchive(args.context, viewer, form.get('file'));
    if (failed) return data(failed, { status: 400 });
    return redirect(`/settings/data#${values.intent === 'reimport' ? 'import-archive' : 'your-data'}`);
  }
  throw new Response('Unknown action', { status: 400 });
}

export default function DataSources() {
  const {
    ingestion,
    imports,
    uploadLimits,
    stravaOnly,
    lastDisconnect,
    notices,
    canExport,
    yourData,
    garminWorkouts,
    deleted,
    doorWellness,
    garminWellness,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  usePolling(
    ((isActive(ingestion.stravaImport?.status) || ingestion.doors.some((d) => isActive(d.import?.status))) && !ingestion.paused) ||
      imports.some((i) => isImportActive(i.status)) ||
      ['queued', 'running'].includes(yourData.export?.status ?? '') ||
      ['queued', 'running'].includes(yourData.reimport?.status ?? ''),
  );
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="Data sources"
        description="Where your activities come from, and what happens to them."
      />
      <LiveRegion>
        {notices.error ? (
          <Alert tone="error" title={`Connecting ${notices.errorSource} didn't work`} announce={false}>
            <p>{notices.error}</p>
          </Alert>
        ) : null}
        {notices.disconnected ? (
          <Alert tone="success" announce={false}>
            {notices.disconnected}
          </Alert>
        ) : null}
        {notices.connected ? (
          <Alert tone="success" announce={false}>
            {notices.connected}
          </Alert>
        ) : null}
      </LiveRegion>
      <div className="stack">
        {ingestion.paused ? <PausedNotice /> : null}
        <StravaSection
          ingestion={ingestion}
          stravaOnly={stravaOnly}
          lastDisconnect={lastDisconnect}
          justDisconnected={notices.justDisconnected}
          formError={result?.intent === 'disconnect' ? result.formError : undefined}
        />
        {ingestion.doors.map((door) => (
          <DoorSection
            key={door.provider}
            door={door}
            formError={result?.intent === 'disconnect-door' && result.provider === door.provider ? result.formError : undefined}
          />
        ))}
        {doorWellness.map((w) => (
          <DoorWellnessCard
            key={w.provider}
            wellness={w}
            formError={result?.intent === 'door-wellness' && result.provider === w.provider ? result.formError : undefined}
          />
        ))}
        {ingestion.doors.some((d) => d.provider === 'garmin') ? (
          <GarminWorkoutsCard consent={garminWorkouts} formError={result?.intent === 'garmin-workouts' ? result.formError : undefined} />
        ) : null}
        {ingestion.doors.some((d) => d.provider === 'garmin') ? (
          <GarminWellnessCard consent={garminWellness} formError={result?.intent === 'garmin-wellness' ? result.formError : undefined} />
        ) : null}
        <FilesSection
          imports={imports}
          limits={uploadLimits}
          formError={result?.intent === 'upload' ? result.formError : undefined}
          uploadedId={notices.uploaded}
        />
        <DeletedActivitiesCard rows={deleted} formError={result?.intent === 'bring-back' ? result.formError : undefined} />
        <Card id="export" title="Export" description="Your data as CSV files, in your units, for a spreadsheet or another tool.">
          {canExport ? (
            <>
              {/* Plain links: the files come from the API, which reads the same session cookie. */}
              <div className="export-links">
                <a href="/api/v1/exports/activities.csv" download className={buttonClass('secondary')}>
                  <Icon name="receipt" className="icon icon-sm" /> Download activities (CSV)
                </a>
                <a href="/api/v1/exports/fitness.csv" download className={buttonClass('secondary')}>
                  <Icon name="chart" className="icon icon-sm" /> Download fitness timeline (CSV)
                </a>
              </div>
              <p className="card-footnote">
                Activities: one row per activity with its load and how it was computed. Fitness timeline: one row per day with load,
                fitness, fatigue and form.
              </p>
            </>
          ) : (
            // No download links without the plan: the API would answer 403, never a file.
            <UpgradePrompt feature="exports" name="Exports" plural>
              <p>
                Download every activity with its load, and your day-by-day fitness timeline, as CSV files. Connecting Strava and uploading
                files work on every plan.
              </p>
            </UpgradePrompt>
          )}
        </Card>
        <YourDataSection
          exported={yourData.export}
          reimport={yourData.reimport}
          exportError={result?.intent === 'export-request' ? result.formError : undefined}
          reimportError={result?.intent === 'reimport' ? result.formError : undefined}
        />
      </div>
    </>
  );
}
