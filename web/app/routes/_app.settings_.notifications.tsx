import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PreferencesForm } from '~/components/notifications/PreferencesForm';
import { ButtonLink, Icon, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { loadPrefs, savePrefs } from '~/utils/notification-settings.server';

// /settings/notifications: its own page, like Data sources (the trailing underscore keeps it out of Settings' layout).
export const meta: MetaFunction = () => [{ title: 'Notification settings · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadPrefs(args.context, viewer);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  if (values.intent !== 'save') throw new Response('Unknown action', { status: 400 });
  const result = await savePrefs(args.context, viewer, values);
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function NotificationSettings() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="Notifications"
        description="Choose what reaches you in the app and by email, how often, and when Cadence stays quiet."
        actions={
          <ButtonLink to="/notifications" variant="secondary" size="sm">
            <Icon name="bell" className="icon icon-sm" /> Your notifications
          </ButtonLink>
        }
      />
      <PreferencesForm view={view} result={result} />
    </>
  );
}
