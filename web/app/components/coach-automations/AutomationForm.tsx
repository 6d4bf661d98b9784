import { Form, Link, useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Card, Field, FormError, SelectField, SubmitButton } from '~/components/ui';
import {
  ACTION_OPTIONS,
  AUDIENCE_OPTIONS,
  SCHEDULE_KINDS,
  TRIGGER_OPTIONS,
  VARIABLE_HINTS,
  WEEKDAYS,
  type FormFields,
} from './automation-form';

export interface PreviewResult {
  intent: 'preview';
  ok: boolean;
  summary?: string;
  nextRuns?: { at: string; local: string }[];
  fieldErrors?: Record<string, string>;
}

const group = (label: string, options: { value: string; label: string }[]) => [{ label, options }];

/** Create/edit form. The "next 5 runs" refresh as the schedule changes (a debounced preview post). */
export function AutomationForm({
  editingId,
  fields,
  errors,
  formError,
  timeZone,
}: {
  editingId: string | null;
  fields: FormFields;
  errors: Record<string, string>;
  formError?: string | undefined;
  timeZone: string;
}) {
  const [triggerKind, setTriggerKind] = useState(fields.triggerKind);
  const [audienceKind, setAudienceKind] = useState(fields.audienceKind);
  const [actionKind, setActionKind] = useState(fields.actionKind);
  const preview = useFetcher<PreviewResult>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const schedule = SCHEDULE_KINDS.includes(triggerKind);

  const refresh = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    data.set('intent', 'preview');
    preview.submit(data, { method: 'post' });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the kind changes; typing is debounced in onChange.
  useEffect(() => {
    if (schedule) refresh();
  }, [triggerKind]);
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const name = (e.target as HTMLInputElement).name;
    if (name === 'triggerKind') setTriggerKind((e.target as HTMLSelectElement).value);
    if (name === 'audienceKind') setAudienceKind((e.target as HTMLSelectElement).value);
    if (name === 'actionKind') setActionKind((e.target as HTMLSelectElement).value);
    if (['time', 'weekdays', 'expression'].includes(name)) {
      clearTimeout(timer.current);
      timer.current = setTimeout(refresh, 300);
    }
  };
  const p = preview.data;

  return (
    <Card
      id="automation-form"
      title={editingId ? 'Edit automation' : 'New automation'}
      description={`Times are in your organisation’s zone, ${timeZone}.`}
    >
      <Form method="post" ref={formRef} onChange={onChange} className="automation-form" noValidate>
        <input type="hidden" name="intent" value="save" />
        {editingId ? <input type="hidden" name="id" value={editingId} /> : null}
        <FormError message={formError} />
        <Field label="Name" name="name" defaultValue={fields.name} error={errors.name} required maxLength={120} />
        <label className="automation-check">
          <input type="checkbox" name="enabled" defaultChecked={fields.enabled === 'on'} /> Enabled
        </label>

        <fieldset className="automation-group">
          <legend>When</legend>
          <SelectField
            label="Trigger"
            name="triggerKind"
            defaultValue={fields.triggerKind}
            error={errors.triggerKind}
            groups={group('Trigger', TRIGGER_OPTIONS)}
          />
          {triggerKind === 'daily' || triggerKind === 'weekly' ? (
            <Field label="Time" name="time" type="time" defaultValue={fields.time} error={errors.time} hint="24-hour, local time" />
          ) : null}
          {triggerKind === 'weekly' ? (
            <fieldset className={`field fieldset${errors.weekdays ? ' field-invalid' : ''}`}>
              <legend className="field-label">Weekdays</legend>
              <div className="automation-weekdays">
                {WEEKDAYS.map((d) => (
                  <label key={d.value} className="automation-day">
                    <input type="checkbox" name="weekdays" value={d.value} defaultChecked={fields.weekdays.includes(d.value)} />
                    <span>{d.label}</span>
                  </label>
                ))}
              </div>
              {errors.weekdays ? <p className="field-error">{errors.weekdays}</p> : null}
            </fieldset>
          ) : null}
          {triggerKind === 'cron' ? (
            <Field
              label="Cron expression"
              name="expression"
              defaultValue={fields.expression}
              error={errors.expression}
              hint="minute hour day month weekday, e.g. 0 7 * * 1-5"
            />
          ) : null}
          {triggerKind === 'package_expiring' || triggerKind === 'client_inactive' ? (
            <Field label="Days" name="days" type="number" min={1} defaultValue={fields.days} error={errors.days} />
          ) : null}
          {schedule ? (
            <div className="automation-preview" aria-live="polite">
              <p className="automation-preview-title">Next 5 runs{p?.summary ? ` — ${p.summary}` : ''}</p>
              {p && !p.ok ? <p className="field-error">{Object.values(p.fieldErrors ?? {})[0] ?? 'Check the schedule.'}</p> : null}
              {p?.ok && p.nextRuns ? (
                <ol className="automation-runs-list">
                  {p.nextRuns.map((r) => (
                    <li key={r.at}>{r.local}</li>
                  ))}
                </ol>
              ) : null}
              {!p ? <p className="automation-muted">Loading…</p> : null}
            </div>
          ) : null}
        </fieldset>

        {schedule ? (
          <fieldset className="automation-group">
            <legend>Who</legend>
            <SelectField
              label="Audience"
              name="audienceKind"
              defaultValue={fields.audienceKind}
              error={errors.audienceKind}
              groups={group('Audience', AUDIENCE_OPTIONS)}
            />
            {audienceKind === 'low_sessions' ? (
              <Field
                label="Sessions left at most"
                name="audienceMax"
                type="number"
                min={0}
                defaultValue={fields.audienceMax}
                error={errors.audienceMax}
              />
            ) : null}
            {audienceKind === 'inactive' ? (
              <Field
                label="Inactive for at least (days)"
                name="audienceDays"
                type="number"
                min={1}
                defaultValue={fields.audienceDays}
                error={errors.audienceDays}
              />
            ) : null}
          </fieldset>
        ) : (
          <p className="automation-muted">Event automations act on the client the event is about.</p>
        )}

        <fieldset className="automation-group">
          <legend>Do</legend>
          <SelectField
            label="Action"
            name="actionKind"
            defaultValue={fields.actionKind}
            error={errors.actionKind}
            groups={group('Action', ACTION_OPTIONS)}
          />
          {actionKind === 'email' ? (
            <Field label="Subject" name="subject" defaultValue={fields.subject} error={errors.subject} maxLength={150} />
          ) : null}
          {actionKind === 'task' ? (
            <Field label="Task title" name="title" defaultValue={fields.title} error={errors.title} maxLength={150} />
          ) : null}
          <div className={`field${errors.message ? ' field-invalid' : ''}`}>
            <label htmlFor="field-message" className="field-label">
              Message{actionKind === 'task' ? <span className="field-optional"> (optional)</span> : null}
            </label>
            <textarea
              id="field-message"
              name="message"
              className="input automation-message"
              rows={4}
              maxLength={1000}
              defaultValue={fields.message}
              aria-describedby="field-message-hint"
              aria-invalid={errors.message ? true : undefined}
            />
            <p id="field-message-hint" className="field-hint">
              Variables:{' '}
              {VARIABLE_HINTS.map((v) => (
                <code key={v}>{`{{${v}}}`}</code>
              ))}
            </p>
            {errors.message ? <p className="field-error">{errors.message}</p> : null}
          </div>
        </fieldset>

        <div className="automation-form-actions">
          <SubmitButton pendingText="Saving…">{editingId ? 'Save changes' : 'Create automation'}</SubmitButton>
          <Link to="/coach/automations" className="automation-cancel">
            Cancel
          </Link>
        </div>
      </Form>
    </Card>
  );
}
