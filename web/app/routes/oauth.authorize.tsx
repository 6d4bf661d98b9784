import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/cloudflare';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { AuthLayout } from '~/components/AuthLayout';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { SCOPE_LABELS } from '~/components/settings/ApiKeysCard';
import { Alert, FormError, SubmitButton } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { BASE_SCOPE, ConsentForm } from '../../../worker/features/oauth';

// /oauth/authorize (ADR 107): where an assistant sends the athlete to connect it. Signed in (the login page comes
// back here), the page says who is asking, where the access goes and what it may read; Allow or Deny returns to the
// assistant. The request itself is validated and kept by the OAuth library; the form carries only its handle.
export const meta: MetaFunction = () => [{ title: 'Connect an assistant · Cadence' }, { name: 'robots', content: 'noindex' }];

// The consent form's binding cookie and no-store travel with the page.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const out = new Headers(loaderHeaders);
  for (const c of actionHeaders.getSetCookie()) out.append('Set-Cookie', c);
  return out;
};

function withCookies(setCookie: string[]): Headers {
  const h = new Headers({ 'Cache-Control': 'no-store' });
  for (const c of setCookie) h.append('Set-Cookie', c);
  return h;
}

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { services } = args.context;
  if (viewer.impersonatorId) return data({ kind: 'impersonating' as const }, { status: 403 });
  if (!(await services.membership.entitlements(viewer.user.id)).features.api_keys) return { kind: 'upgrade' as const };
  const step = await services.oauth.startConsent(args.request, viewer);
  if (step.kind === 'redirect') throw redirect(step.to);
  if (step.kind === 'error') return data({ kind: 'error' as const, message: step.message }, { status: 400 });
  const d = step.details;
  args.context.allowFormAction(d.redirectUri);
  return data(
    {
      kind: 'consent' as const,
      handle: step.handle,
      scopes: step.scopes,
      base: BASE_SCOPE,
      you: viewer.user.displayName,
      client: { name: d.clientName, domain: d.clientDomain ?? null, redirectHost: d.redirectHost, loopback: d.redirectIsLoopback },
    },
    { headers: withCookies(step.setCookie) },
  );
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const form = await args.request.formData();
  const parsed = ConsentForm.safeParse({ handle: form.get('handle'), decision: form.get('decision'), scope: form.getAll('scope') });
  if (!parsed.success) return data({ error: 'That form was incomplete: start connecting again from your assistant.' }, { status: 400 });
  const { handle, decision, scope } = parsed.data;
  const out = await args.context.services.oauth.decide(args.request, viewer, { handle, allow: decision === 'allow', scopes: scope });
  if ('error' in out) return data({ error: out.error }, { status: 400 });
  throw redirect(out.to, { headers: withCookies(out.setCookie) });
}

export default function Authorize() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (page.kind === 'impersonating')
    return (
      <AuthLayout title="Connect an assistant">
        <Alert tone="warning" title="Only the athlete connects assistants">
          <p>Assistants are not connected while impersonating.</p>
        </Alert>
      </AuthLayout>
    );
  if (page.kind === 'upgrade')
    return (
      <AuthLayout title="Connect an assistant">
        <UpgradePrompt feature="api_keys" name="Connecting an assistant">
          <p>Your own AI assistant reads your training through Cadence’s API, which comes with Pro.</p>
        </UpgradePrompt>
      </AuthLayout>
    );
  if (page.kind === 'error')
    return (
      <AuthLayout title="Connect an assistant">
        <Alert tone="error" title="This request cannot be used">
          <p>{page.message}</p>
          <p>Start connecting again from your assistant.</p>
        </Alert>
      </AuthLayout>
    );
  const { client } = page;
  return (
    <AuthLayout
      title={`Connect ${client.name}?`}
      intro={
        <p>
          Signed in as <strong>{page.you}</strong>.{' '}
          {client.domain ? (
            <>
              Published by <strong>{client.domain}</strong>.
            </>
          ) : (
            'This app named itself: Cadence has not verified that name.'
          )}
        </p>
      }
    >
      <FormError message={result?.error} />
      <p>
        Access will be sent to <strong>{client.redirectHost}</strong>.
      </p>
      {client.loopback ? (
        <Alert tone="warning" title="An app on your computer">
          <p>Continue only if you just started connecting from it: any program on this computer could be listening.</p>
        </Alert>
      ) : null}
      <Form method="post" reloadDocument className="form">
        <input type="hidden" name="handle" value={page.handle} />
        <fieldset className="api-key-scopes">
          <legend>It may read</legend>
          {page.scopes.map((scope) =>
            scope === page.base ? (
              <label key={scope} className="check api-key-scope">
                <input type="checkbox" checked disabled aria-describedby="base-scope" /> <span>{SCOPE_LABELS[scope] ?? scope}</span>
                <input type="hidden" name="scope" value={scope} />
              </label>
            ) : (
              <label key={scope} className="check api-key-scope">
                <input type="checkbox" name="scope" value={scope} defaultChecked /> <span>{SCOPE_LABELS[scope] ?? scope}</span>
              </label>
            ),
          )}
          <p id="base-scope" className="muted">
            Analytics is what every assistant connection starts from.
          </p>
        </fieldset>
        <p className="muted">
          It can only read: a change to your plan stays a proposal you confirm in Cadence. Activities Cadence received from Strava’s API are
          never passed to an assistant (Strava’s terms). Disconnect it any time in Settings → API.
        </p>
        <p className="form-actions">
          <SubmitButton name="decision" value="allow" pendingText="Connecting…">
            Allow
          </SubmitButton>
          <button type="submit" name="decision" value="deny" className="btn btn-secondary">
            Deny
          </button>
        </p>
      </Form>
    </AuthLayout>
  );
}
