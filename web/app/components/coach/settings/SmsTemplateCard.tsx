import { Form, useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { Badge, Card, SubmitButton } from '~/components/ui';

export interface TemplatePreview {
  intent: 'preview';
  kind: string;
  ok: boolean;
  text?: string;
  segments?: number;
  error?: string;
}

export interface TemplateSaveResult {
  intent: 'template';
  kind: string;
  ok: boolean;
  error?: string;
  message?: string;
  body?: string;
}

const TITLES: Record<string, { title: string; description: string }> = {
  confirmation: {
    title: 'Booking confirmation',
    description:
      'Sent when a session is booked or moved. It asks the client to reply Y; if your wording does not, “Reply Y to confirm.” is added.',
  },
  reminder: { title: 'Reminder', description: 'Sent at each reminder time before the session.' },
  follow_up: { title: 'Follow-up', description: 'Sent after a session is completed.' },
};

/** One template: its text, a live preview rendered by the server in the org’s zone, errors beside the field. */
export function SmsTemplateCard(props: {
  kind: string;
  body: string;
  isDefault: boolean;
  initialPreview: string;
  variables: string[];
  maxLength: number;
  canEdit: boolean;
  saved?: TemplateSaveResult | undefined;
}) {
  const { kind, canEdit, saved } = props;
  const preview = useFetcher<TemplatePreview>({ key: `sms-preview-${kind}` });
  const [body, setBody] = useState(saved && !saved.ok && saved.body !== undefined ? saved.body : props.body);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = (value: string) => {
    setBody(value);
    clearTimeout(timer.current);
    // The server renders it (same code as the real send), a moment after typing stops.
    timer.current = setTimeout(() => preview.submit({ intent: 'preview', kind, body: value }, { method: 'post' }), 300);
  };
  const live = preview.data?.kind === kind ? preview.data : undefined;
  const error = (saved && !saved.ok ? saved.error : undefined) ?? (live && !live.ok ? live.error : undefined);
  const text = live?.ok ? live.text : props.initialPreview;
  const id = `tpl-${kind}`;
  const info = TITLES[kind] ?? { title: kind, description: '' };
  return (
    <Card
      id={`sms-${kind}`}
      title={info.title}
      description={info.description}
      actions={props.isDefault ? <Badge>Default</Badge> : <Badge tone="info">Custom</Badge>}
    >
      {/* Saving supersedes a preview still waiting to be asked for. */}
      <Form method="post" className="form sms-template-form" noValidate onSubmit={() => clearTimeout(timer.current)}>
        {/* The intent rides on the button pressed (Save or Preview): a hidden intent would win over it. */}
        <input type="hidden" name="kind" value={kind} />
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor={id} className="field-label">
            Message
          </label>
          <textarea
            id={id}
            name="body"
            className="input sms-template-input"
            rows={4}
            value={body}
            onChange={(e) => onInput(e.target.value)}
            readOnly={!canEdit}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          />
          <p id={`${id}-hint`} className="field-hint">
            {body.length} / {props.maxLength} characters. Variables: {props.variables.map((v) => `{{${v}}}`).join(' ')}
          </p>
          {error ? (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="sms-preview" aria-live="polite">
          <p className="sms-preview-label">
            Preview{live?.ok && live.segments ? ` · ${live.segments} SMS segment${live.segments === 1 ? '' : 's'}` : ''}
          </p>
          <p className="sms-bubble">{text}</p>
        </div>
        {canEdit ? (
          <div className="sms-template-actions">
            <SubmitButton name="intent" value="template" pendingText="Saving…" match={{ intent: 'template', kind }}>
              Save
            </SubmitButton>
            <button type="submit" name="intent" value="preview" className="btn btn-secondary sms-nojs-preview">
              Preview
            </button>
            {saved?.ok ? (
              <span className="sms-saved" role="status">
                {saved.message}
              </span>
            ) : null}
          </div>
        ) : null}
      </Form>
    </Card>
  );
}
