// The workout's steps, two ways (issue 38): the compact text form (parsed live; errors name the line,
// column and token) and a visual list (add a step or a repeat, move, duplicate, delete; each step's kind,
// length and target). Both edit one tree: a change on either side rewrites the other.
import { useId, useState } from 'react';
import {
  append,
  edit,
  lengthText,
  NEW_REPEAT,
  NEW_STEP,
  parseText,
  type Path,
  type Sport,
  STEP_KINDS,
  type TextError,
  type Thresholds,
  targetText,
  textHelp,
  textOf,
  totalsOf,
  withLengthAndTarget,
  type Workout,
  type WorkoutNode,
  type WorkoutStep,
} from '~/utils/workout-builder';
import { minutes } from '~/utils/plans';
import { Button } from '../ui';
import { WorkoutProfile } from './WorkoutProfile';

const KIND_LABELS: Record<string, string> = {
  warmup: 'Warm-up',
  work: 'Work',
  recovery: 'Recovery',
  cooldown: 'Cool-down',
  rest: 'Rest',
  steady: 'Steady',
};

export interface BuilderState {
  text: string;
  workout: Workout | null;
}

function StepRow({
  sport,
  step,
  path,
  label,
  onChange,
}: {
  sport: Sport;
  step: WorkoutStep;
  path: Path;
  label: string;
  onChange: (w: WorkoutNode) => void;
}) {
  const id = useId();
  const [length, setLength] = useState(lengthText(sport, step));
  const [target, setTarget] = useState(targetText(sport, step));
  const [error, setError] = useState<string | null>(null);
  const commit = (l: string, t: string) => {
    const next = withLengthAndTarget(sport, step, l, t);
    if (typeof next === 'string') return setError(next);
    setError(null);
    onChange(next);
  };
  return (
    <div className="wb-step-fields" data-path={path.join('.')}>
      <label className="wb-field" htmlFor={`${id}-kind`}>
        <span>Kind</span>
        <select
          id={`${id}-kind`}
          className="input"
          aria-label={`${label}: kind`}
          value={step.kind}
          onChange={(e) => onChange({ ...step, kind: e.target.value as WorkoutStep['kind'] })}
        >
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k] ?? k}
            </option>
          ))}
        </select>
      </label>
      <label className="wb-field" htmlFor={`${id}-length`}>
        <span>Length</span>
        <input
          id={`${id}-length`}
          className="input"
          aria-label={`${label}: length`}
          value={length}
          onChange={(e) => setLength(e.target.value)}
          onBlur={() => commit(length, target)}
          aria-invalid={error ? true : undefined}
        />
      </label>
      <label className="wb-field" htmlFor={`${id}-target`}>
        <span>Target</span>
        <input
          id={`${id}-target`}
          className="input"
          aria-label={`${label}: target`}
          value={target}
          placeholder={textHelp(sport).targets.join(', ')}
          onChange={(e) => setTarget(e.target.value)}
          onBlur={() => commit(length, target)}
          aria-invalid={error ? true : undefined}
        />
      </label>
      {error ? (
        <p className="field-error wb-step-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function NodeList({
  sport,
  nodes,
  path,
  workout,
  set,
}: {
  sport: Sport;
  nodes: WorkoutNode[];
  path: Path;
  workout: Workout;
  set: (w: Workout) => void;
}) {
  return (
    <ol className="wb-list">
      {nodes.map((n, i) => {
        const p = [...path, i];
        const name = `${n.kind === 'repeat' ? 'Repeat' : 'Step'} ${p.map((x) => x + 1).join('.')}`;
        const act = (a: Parameters<typeof edit>[2]) => set(edit(workout, p, a));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: nodes have no identity; place and text together are the key (an edit re-renders the row's fields).
          <li key={`${i}-${textOf({ sport, steps: [n] })}`} className={n.kind === 'repeat' ? 'wb-node wb-repeat' : 'wb-node'}>
            <div className="wb-node-head">
              <strong>{name}</strong>
              <div className="wb-actions">
                <Button size="sm" variant="secondary" aria-label={`Move ${name} up`} disabled={i === 0} onClick={() => act('up')}>
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Move ${name} down`}
                  disabled={i === nodes.length - 1}
                  onClick={() => act('down')}
                >
                  ↓
                </Button>
                <Button size="sm" variant="secondary" aria-label={`Duplicate ${name}`} onClick={() => act('duplicate')}>
                  Copy
                </Button>
                <Button size="sm" variant="secondary" aria-label={`Delete ${name}`} onClick={() => act('delete')}>
                  Delete
                </Button>
              </div>
            </div>
            {n.kind === 'repeat' ? (
              <>
                <label className="wb-field wb-count">
                  <span>Times</span>
                  <input
                    className="input"
                    type="number"
                    min={1}
                    max={99}
                    aria-label={`${name}: times`}
                    defaultValue={n.count}
                    onBlur={(e) => {
                      const count = Math.round(Number(e.target.value));
                      if (count >= 1 && count <= 99 && count !== n.count) act({ put: { ...n, count } });
                    }}
                  />
                </label>
                <NodeList sport={sport} nodes={n.steps} path={p} workout={workout} set={set} />
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => act({ put: { ...n, steps: [...n.steps, structuredClone(NEW_STEP)] } })}
                >
                  Add a step to {name.toLowerCase()}
                </Button>
              </>
            ) : (
              <StepRow sport={sport} step={n} path={p} label={name} onChange={(x) => act({ put: x })} />
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function StepBuilder({
  sport,
  state,
  onChange,
  thresholds = {},
}: {
  sport: Sport;
  state: BuilderState;
  onChange: (s: BuilderState) => void;
  /** The athlete's thresholds on the workout's day: a pace or power step's time, distance and load follow from them. */
  thresholds?: Thresholds;
}) {
  const id = useId();
  const help = textHelp(sport);
  const [errors, setErrors] = useState<TextError[]>([]);
  const workout = state.workout ?? { sport, steps: [] };
  const fromText = (text: string) => {
    if (!text.trim()) {
      setErrors([]);
      return onChange({ text, workout: null });
    }
    const r = parseText(text, sport);
    setErrors(r.ok ? [] : r.errors);
    // A text that does not parse keeps the last good list (the errors say what to fix).
    onChange({ text, workout: r.ok ? r.workout : state.workout });
  };
  const fromList = (w: Workout) => {
    setErrors([]);
    onChange({ text: textOf(w), workout: w.steps.length ? w : null });
  };
  const totals = state.workout && !errors.length ? totalsOf(state.workout, thresholds) : null;
  return (
    <fieldset className="wb">
      <legend>Steps</legend>
      <div className="field">
        <label htmlFor={`${id}-text`}>Steps as text</label>
        <textarea
          id={`${id}-text`}
          name="steps-text"
          className="input wb-text"
          rows={5}
          spellCheck={false}
          autoCapitalize="off"
          value={state.text}
          placeholder={help.workout}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={`${id}-help ${id}-errors`}
          onChange={(e) => fromText(e.target.value)}
        />
        {/* Every <code> here is a whole text the parser reads for this sport (StepBuilder.test.ts). */}
        <p id={`${id}-help`} className="field-hint">
          One step a line, starting with “-”: <code>{help.step}</code> is its kind, length and target; with no kind it is work, as{' '}
          <code>{help.others[0]}</code> or <code>{help.others[1]}</code>. A repeat: <code>{help.repeat}</code>, or its count alone on a line
          with the steps indented under it.
        </p>
        <div id={`${id}-errors`} aria-live="polite">
          {errors.length ? (
            <ul className="wb-errors">
              {errors.map((e) => (
                <li key={`${e.line}:${e.column}`} className="field-error">
                  Line {e.line}, column {e.column}: <code>{e.token || '(end)'}</code> — {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
      <output className="wb-totals" aria-live="polite" aria-label="Totals">
        {totals ? (
          <>
            <span>Time {minutes(totals.durationSec)}</span>
            {totals.distanceM > 0 ? <span>Distance {(totals.distanceM / 1000).toFixed(1)} km</span> : null}
            <span>Load {Math.round(totals.load)}</span>
          </>
        ) : (
          <span>{errors.length ? 'Fix the text to see the totals.' : 'No steps yet: the duration below is used.'}</span>
        )}
      </output>
      {state.workout ? <WorkoutProfile workout={state.workout} /> : null}
      <NodeList sport={sport} nodes={workout.steps} path={[]} workout={workout} set={fromList} />
      <div className="wb-add">
        <Button size="sm" variant="secondary" onClick={() => fromList(append(workout, NEW_STEP))}>
          Add step
        </Button>
        <Button size="sm" variant="secondary" onClick={() => fromList(append(workout, NEW_REPEAT))}>
          Add repeat
        </Button>
      </div>
    </fieldset>
  );
}
