import { Form } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Card, Field, FormError, SubmitButton } from '../ui';
import type { FormOutcome } from '~/utils/form-outcome';

type Result = FormOutcome;

export function CreateInviteForm({ result }: { result?: Result }) {
  const errors = result?.fieldErrors ?? {};
  const v = result && !result.ok ? result.values : undefined;
  const form = useRef<HTMLFormElement>(null);
  // Ready for the next invite once this one exists.
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  return (
    <Card id="create-invite" title="Create an invite" description="A code is generated for you. Share the signup link it comes with.">
      <Form method="post" className="form" ref={form}>
        <input type="hidden" name="intent" value="create" />
        <FormError message={result && !result.ok ? result.formError : null} />
        <div className="form-row">
          <Field
            label="Max uses"
            name="maxUses"
            type="number"
            inputMode="numeric"
            min={1}
            max={10000}
            step={1}
            required
            defaultValue={v?.maxUses ?? '1'}
            error={errors.maxUses}
          />
          <Field
            label="Expires in (days)"
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            optional
            defaultValue={v?.expiresInDays}
            error={errors.expiresInDays}
            hint="Leave empty for no expiry."
          />
        </div>
        <Field
          label="Note"
          name="note"
          optional
          maxLength={200}
          defaultValue={v?.note}
          error={errors.note}
          hint="Who it's for, so you remember later. Only admins see it."
        />
        <SubmitButton pendingText="Creating…" match={{ intent: 'create' }}>
          Create invite
        </SubmitButton>
      </Form>
    </Card>
  );
}
