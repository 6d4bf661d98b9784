import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Button, Card, EmptyState, Field, PageHeader, ResultNotice, SelectField, SubmitButton } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { SETTING_SWITCHES } from '~/utils/social';
import { loadSocialSettings, socialSettingsAction } from '~/utils/social.server';

// /settings/social: who sees your training, and the places hidden on every map you share. Works without JavaScript.
export const meta: MetaFunction = () => [{ title: 'Social and privacy · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadSocialSettings(args.context, viewer);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const result = await socialSettingsAction(args.context, viewer, formValues(await args.request.formData()));
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function SocialSettings() {
  const { settings, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saveErrors = result?.intent === 'save' ? result.fieldErrors : {};
  const zoneResult = result?.intent === 'add-zone' || result?.intent === 'delete-zone' ? result : undefined;
  const kept = (name: string) => (zoneResult && !zoneResult.ok ? zoneResult.values?.[name] : undefined);
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="Social and privacy"
        description="Everything is private until you choose otherwise. A stricter choice here wins over any single post."
      />
      <div className="stack">
        <Card id="profile" title="Your profile" description={settings.saved ? undefined : 'Private defaults: nothing is shared yet.'}>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="save" />
            <SelectField
              label="Profile"
              name="profileVisibility"
              defaultValue={settings.profileVisibility}
              groups={[
                {
                  label: 'Profile',
                  options: [
                    { value: 'private', label: 'Private: you approve each follower' },
                    { value: 'public', label: 'Public: anyone signed in may follow' },
                  ],
                },
              ]}
              error={saveErrors.profileVisibility}
            />
            <SelectField
              label="New posts are seen by"
              name="defaultPostVisibility"
              defaultValue={settings.defaultPostVisibility}
              groups={[
                {
                  label: 'Visibility',
                  options: [
                    { value: 'private', label: 'Only you' },
                    { value: 'followers', label: 'Your followers' },
                    { value: 'public', label: 'Everyone' },
                  ],
                },
              ]}
              error={saveErrors.defaultPostVisibility}
            />
            <Field
              label="Hidden at each end of every shared map (metres)"
              name="endCutM"
              type="number"
              min={200}
              max={1609}
              defaultValue={settings.endCutM}
              hint="From 200 m to a mile."
              error={saveErrors.endCutM}
            />
            <fieldset className="stack">
              <legend className="field-label">Sharing</legend>
              {SETTING_SWITCHES.map(([name, label]) => (
                <label key={name} className="checkbox">
                  <input type="checkbox" name={name} defaultChecked={settings[name]} /> {label}
                </label>
              ))}
            </fieldset>
            <SubmitButton pendingText="Saving…">Save</SubmitButton>
          </Form>
          {result?.intent === 'save' ? <ResultNotice result={result} /> : null}
        </Card>
        <Card
          id="zones"
          title="Privacy zones"
          description="Places (home, work) hidden on every map you share; nobody else ever sees them. At most 10."
        >
          {zones.length === 0 ? (
            <EmptyState level={3} title="No places hidden yet" />
          ) : (
            <ul className="stack">
              {zones.map((z) => (
                <li key={z.id} className="zone-row">
                  <strong>{z.label}</strong> {`— ${z.radiusM} m around ${z.lat.toFixed(4)}, ${z.lon.toFixed(4)}`}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="delete-zone" />
                    <input type="hidden" name="id" value={z.id} />
                    <Button type="submit" variant="secondary" size="sm">
                      Remove
                    </Button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add-zone" />
            <Field label="Name" name="label" defaultValue={kept('label')} error={zoneResult?.fieldErrors.label} />
            <Field label="Latitude" name="lat" inputMode="decimal" defaultValue={kept('lat')} error={zoneResult?.fieldErrors.lat} />
            <Field label="Longitude" name="lon" inputMode="decimal" defaultValue={kept('lon')} error={zoneResult?.fieldErrors.lon} />
            <Field
              label="Radius (metres)"
              name="radiusM"
              type="number"
              min={200}
              max={1609}
              defaultValue={kept('radiusM') ?? '400'}
              error={zoneResult?.fieldErrors.radiusM}
            />
            <SubmitButton pendingText="Adding…">Hide this place</SubmitButton>
          </Form>
          <ResultNotice result={zoneResult} />
        </Card>
      </div>
    </>
  );
}
