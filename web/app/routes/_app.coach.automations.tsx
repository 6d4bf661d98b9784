import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { AutomationForm, type PreviewResult } from '~/components/coach-automations/AutomationForm';
import { AutomationList, RunHistory, type ListedRun } from '~/components/coach-automations/AutomationList';
import { emptyFields, fieldsFromAutomation, fieldsFromForm, formFieldOf, inputFrom, triggerFrom, type FormFields } from '~/components/coach-automations/automation-form';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, PageHeader, buttonClass } from '~/components/ui';
import { requireRoleViewer } from '~/utils/auth.server';
import { appErrorToForm } from '~/utils/forms.server';
import { actorOf } from '../../../worker/http/guards';
import type { Member } from '../../../worker/features/coach-os';
import { describeAudience, localLabel } from '../../../worker/features/coach-os/automations/automation-trigger';
import { CreateAutomationInput, Trigger, type Audience } from '../../../worker/features/coach-os/automations/automations.schema';

// /coach/automations: the org's rules with their next and last runs, a create/edit form with a live
// "next 5 runs" preview, and one automation's run history. Same services as the API.
export const meta: MetaFunction = () => [{ title: 'Automations · Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

type Args = LoaderFunctionArgs | ActionFunctionArgs;
type SaveResult = { intent: 'save'; ok: false; fieldErrors: Record<string, string>; formError?: string | undefined; values: FormFields };
type ActionResult = SaveResult | PreviewResult | { intent: 'toggle' | 'delete'; ok: boolean; message: string };

async function memberOf(args: Args): Promise<Member> {
  const viewer = await requireRoleViewer(args, 'coach', 'owner');
  const m = await args.context.services.coach.membership(actorOf(viewer));
  if (!m) throw redirect('/coach');
  return m;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader(args: LoaderFunctionArgs) {
  const m = await memberOf(args);
  const url = new URL(args.request.url);
  const { automations, coach } = args.context.services;
  const tz = m.org.timeZone;
  const [list, clients] = await Promise.all([automations.list(m), coach.listClients(m)]);
  const names = new Map(clients.map((c) => [c.id, c.name]));
  const toRun = (r: (typeof list)[number]['lastRun'] & object): ListedRun => ({
    id: r.id,
    status: r.status,
    detail: r.detail,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    attempt: r.attempt,
    startedLocal: localLabel(new Date(r.startedAt), tz),
    nextAttemptLocal: r.nextAttemptAt ? localLabel(new Date(r.nextAttemptAt), tz) : null,
    clientName: r.clientId ? (names.get(r.clientId) ?? 'Archived client') : null,
  });
  const editId = url.searchParams.get('edit');
  const runsId = url.searchParams.get('runs');
  const editing = editId && UUID.test(editId) ? list.find((a) => a.id === editId) : undefined;
  const showing = runsId && UUID.test(runsId) ? list.find((a) => a.id === runsId) : undefined;
  return {
    timeZone: tz,
    automations: list.map((a) => ({
      id: a.id,
      name: a.name,
      enabled: a.enabled,
      summary: a.summary,
      audience: describeAudience(a.audience as Audience | null),
      action: a.action.kind,
      nextRunLocal: a.nextRunAt ? localLabel(new Date(a.nextRunAt), tz) : !a.enabled ? 'Paused' : ['daily', 'weekly', 'cron'].includes(a.trigger.kind) ? null : 'When it happens',
      lastRun: a.lastRun ? toRun(a.lastRun) : null,
    })),
    form: url.searchParams.has('new') ? { id: null, fields: emptyFields() } : editing ? { id: editing.id, fields: fieldsFromAutomation(editing) } : null,
    history: showing ? { id: showing.id, name: showing.name, runs: (await automations.runs(m, showing.id, 50)).map(toRun) } : null,
    missing: Boolean((editId && !editing) || (runsId && !showing)),
  };
}

function errorsOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[formFieldOf(i.path.map(String).join('.'))] ??= i.message;
  return out;
}

export async function action(args: ActionFunctionArgs) {
  const m = await memberOf(args);
  const form = await args.request.formData();
  const intent = form.get('intent');
  const id = String(form.get('id') ?? '');
  const svc = args.context.services.automations;
  if (intent === 'preview') {
    const parsed = Trigger.safeParse(triggerFrom(fieldsFromForm(form)));
    if (!parsed.success) return data<ActionResult>({ intent: 'preview', ok: false, fieldErrors: errorsOf(parsed.error.issues.map((i) => ({ ...i, path: ['trigger', ...i.path] }))) });
    const p = svc.preview(m, parsed.data);
    return data<ActionResult>({ intent: 'preview', ok: true, summary: p.summary, nextRuns: p.nextRuns });
  }
  if (intent === 'toggle' || intent === 'delete') {
    if (!UUID.test(id)) throw new Response('Not found', { status: 404 });
    try {
      if (intent === 'delete') await svc.remove(m, id);
      else await svc.update(m, id, { enabled: form.get('enabled') === 'on' });
    } catch (err) {
      const f = appErrorToForm(err);
      return data<ActionResult>({ intent, ok: false, message: f.formError ?? 'That did not work.' }, { status: f.status });
    }
    if (intent === 'delete') throw redirect('/coach/automations');
    return data<ActionResult>({ intent, ok: true, message: form.get('enabled') === 'on' ? 'Automation turned on.' : 'Automation paused.' });
  }
  if (intent !== 'save') throw new Response('Unknown action', { status: 400 });
  const fields = fieldsFromForm(form);
  const parsed = CreateAutomationInput.safeParse(inputFrom(fields));
  if (!parsed.success) return data<ActionResult>({ intent: 'save', ok: false, fieldErrors: errorsOf(parsed.error.issues), values: fields }, { status: 400 });
  try {
    const saved = UUID.test(id) ? await svc.update(m, id, parsed.data) : await svc.create(m, parsed.data);
    throw redirect(`/coach/automations?runs=${saved.id}`);
  } catch (err) {
    if (err instanceof Response) throw err;
    const f = appErrorToForm(err);
    const fieldErrors: Record<string, string> = {};
    for (const [path, message] of Object.entries(f.fieldErrors)) fieldErrors[formFieldOf(path)] ??= message;
    return data<ActionResult>({ intent: 'save', ok: false, fieldErrors, formError: f.formError, values: fields }, { status: f.status });
  }
}

export default function CoachAutomations() {
  const { automations, form, history, missing, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const failedSave = result?.intent === 'save' ? result : undefined;
  const formShown = failedSave ? { id: params.get('edit'), fields: failedSave.values } : form;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/coach">Coach</Link>}
        title="Automations"
        description="Rules that text clients, email you or add tasks — on a schedule in your organisation’s time, or when something happens."
        actions={
          <Link className={buttonClass('primary', 'sm')} to="?new=1#automation-form">
            New automation
          </Link>
        }
      />
      {missing ? <Alert tone="error">That automation no longer exists.</Alert> : null}
      {result && (result.intent === 'toggle' || result.intent === 'delete') ? <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert> : null}
      <div className="automations-page">
        {formShown ? (
          <AutomationForm key={`${formShown.id ?? 'new'}`} editingId={formShown.id} fields={formShown.fields} errors={failedSave?.fieldErrors ?? {}} formError={failedSave?.formError} timeZone={timeZone} />
        ) : null}
        {history ? <RunHistory name={history.name} runs={history.runs} automationId={history.id} /> : null}
        {automations.length > 0 || !formShown ? <AutomationList automations={automations} /> : null}
      </div>
    </>
  );
}
