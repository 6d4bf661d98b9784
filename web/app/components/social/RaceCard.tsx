// "Was this a race?" on an activity's page: the athlete's own mark and place, the only thing the racing achievements
// read (ADR 084). A plain form: it works without JavaScript.
import { Form } from '@remix-run/react';
import { Alert, Button, Card, Field, LiveRegion } from '../ui';

export interface RaceMark {
  place: number | null;
  fieldSize: number | null;
}

export function RaceCard({ race, result }: { race: RaceMark | null; result?: { ok: boolean; message: string } | undefined }) {
  return (
    <Card
      id="race"
      title="Race result"
      description="Mark a race, and your place overall if you like: first race, podium and win achievements count only what you mark here."
    >
      <LiveRegion>{result ? <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert> : null}</LiveRegion>
      <Form method="post" className="race-form" preventScrollReset>
        <input type="hidden" name="intent" value="race" />
        <Field
          label="Place overall"
          name="place"
          id="race-place"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          optional
          defaultValue={race?.place ?? ''}
        />
        <Field
          label="Finishers"
          name="fieldSize"
          id="race-field"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          optional
          defaultValue={race?.fieldSize ?? ''}
        />
        <Button type="submit" size="sm">
          {race ? 'Save the result' : 'Mark as a race'}
        </Button>
      </Form>
      {race ? (
        <Form method="post" className="race-form" preventScrollReset>
          <input type="hidden" name="intent" value="race" />
          <input type="hidden" name="race" value="off" />
          <Button type="submit" size="sm" variant="secondary">
            Not a race
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
