import { formatRaceTime } from '../../../../worker/lib/format';
import {
  headerLine,
  predictionLine,
  type RaceCardModel,
  splitCells,
  splitDistance,
  taperLine,
} from '../../../../worker/features/races/browser';

/** The card itself: what prints and what the phone keeps. Headings, tables with scoped headers, checklists. */
export function RaceCardSheet({ card }: { card: RaceCardModel }) {
  const s = card.splits;
  return (
    <article className="race-card-sheet" aria-labelledby="race-card-title">
      <header className="race-card-head">
        <h2 id="race-card-title">{card.header.name}</h2>
        <p>{headerLine(card)}</p>
        <p className="race-card-predicted">{predictionLine(card)}</p>
      </header>

      <section aria-labelledby="rc-splits">
        <h3 id="rc-splits">Splits</h3>
        {s.state === 'none' ? (
          <p>{s.reason}</p>
        ) : (
          <>
            <p className="race-card-basis">
              Target {formatRaceTime(s.targetS)}. {s.basis}
            </p>
            <table className="race-card-table">
              <thead>
                <tr>
                  <th scope="col">Distance</th>
                  <th scope="col">Pace</th>
                  <th scope="col">Clock</th>
                </tr>
              </thead>
              <tbody>
                {s.rows.map((r) => {
                  const [d, p, c] = splitCells(r, s.unit);
                  return (
                    <tr key={r.toM}>
                      <th scope="row">{d}</th>
                      <td>{p}</td>
                      <td>{c}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </section>

      {card.preview ? (
        <div className="race-card-locked">
          {card.sections.slice(1).map((title) => (
            <h3 key={title}>{title}</h3>
          ))}
        </div>
      ) : (
        <FullSections card={card} unit={s.state === 'planned' ? s.unit : 'km'} />
      )}
    </article>
  );
}

function FullSections({ card, unit }: { card: RaceCardModel; unit: 'km' | 'mile' }) {
  return (
    <>
      <section aria-labelledby="rc-fuel">
        <h3 id="rc-fuel">Fuelling checkpoints</h3>
        {card.fuel?.state === 'planned' ? (
          <table className="race-card-table">
            <thead>
              <tr>
                <th scope="col">At</th>
                <th scope="col">Clock</th>
                <th scope="col">Take</th>
              </tr>
            </thead>
            <tbody>
              {card.fuel.rows.map((f) => (
                <tr key={f.atM}>
                  <th scope="row">{splitDistance(f.atM, unit)}</th>
                  <td>{formatRaceTime(f.clockS)}</td>
                  <td>{f.take}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{card.fuel?.message}</p>
        )}
      </section>

      {card.transitions?.applies ? (
        <section aria-labelledby="rc-transitions">
          <h3 id="rc-transitions">Transitions</h3>
          <ul className="race-card-checklist">
            {card.transitions.items.map((t) => (
              <li key={t.text}>{t.text}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="rc-morning">
        <h3 id="rc-morning">Race morning</h3>
        <table className="race-card-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {(card.morning ?? []).map((m) => (
              <tr key={m.beforeStartMin}>
                <th scope="row">
                  {m.clock}
                  {m.dayBefore ? ' (day before)' : ''}
                </th>
                <td>
                  {m.what}
                  <span className="race-card-basis"> {m.basis}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="rc-taper">
        <h3 id="rc-taper">Taper</h3>
        {card.taper ? <p>{taperLine(card.taper)}</p> : null}
        {card.taper?.state === 'plan' ? <p className="race-card-basis">{card.taper.basis}</p> : null}
      </section>

      <section aria-labelledby="rc-week">
        <h3 id="rc-week">Race week</h3>
        <ul className="race-card-checklist">
          {(card.raceWeek ?? []).map((item) => (
            <li key={item.text}>{item.text}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="rc-wrong">
        <h3 id="rc-wrong">If things go wrong</h3>
        {card.contingencies?.length ? (
          <dl className="race-card-rules">
            {card.contingencies.map((c) => (
              <div key={c.situation}>
                <dt>{c.title}</dt>
                <dd>
                  {c.rule} <span className="race-card-basis">{c.basis}</span>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>With a prediction, each rule gets its paces.</p>
        )}
      </section>
    </>
  );
}
