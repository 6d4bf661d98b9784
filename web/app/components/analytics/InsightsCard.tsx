import { Link } from '@remix-run/react';
import { sportLabel, type InsightView, type InsightsView, type Units } from '~/utils/analytics';
import { day, dayRange, distance } from '~/utils/analytics-format';
import { formatKeyed, humanKey, receiptValues } from '~/utils/insight-values';
import { Badge, Card, cx, EmptyState, Icon, type BadgeTone } from '../ui';

const TONE: Record<InsightView['tone'], { badge: BadgeTone; label: string }> = {
  caution: { badge: 'warning', label: 'Caution' },
  positive: { badge: 'success', label: 'Positive' },
  info: { badge: 'info', label: 'Info' },
};

/**
 * A best beaten twice in the window is one story: the newest card stands, the bests it superseded are
 * listed inside it (with their own receipts) instead of as cards of their own.
 */
function groupBests(insights: InsightView[]): { insight: InsightView; earlier: InsightView[] }[] {
  const byTitle = new Map<string, InsightView[]>();
  for (const i of insights) if (i.kind === 'pb_milestone') byTitle.set(i.title, [...(byTitle.get(i.title) ?? []), i]);
  const out: { insight: InsightView; earlier: InsightView[] }[] = [];
  for (const i of insights) {
    if (i.kind !== 'pb_milestone') {
      out.push({ insight: i, earlier: [] });
      continue;
    }
    const group = [...byTitle.get(i.title)!].sort((a, b) => a.window.to.localeCompare(b.window.to));
    if (group.at(-1) === i) out.push({ insight: i, earlier: group.slice(0, -1).reverse() });
  }
  return out;
}

function InsightItem({
  insight: i,
  units,
  level,
  earlier = [],
}: {
  insight: InsightView;
  units: Units;
  level: 3 | 4;
  earlier?: InsightView[];
}) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const ok = i.status === 'ok';
  const numbers = Object.entries(i.numbers)
    .map(([key, value]) => ({ key, label: humanKey(key), text: formatKeyed(key, value, units) }))
    .filter((n): n is { key: string; label: string; text: string } => n.text !== null);
  const { required, actual, unit } = i.minSample;
  // The anchor a load-warning notification links to: one card per kind (bests alone come one per distance).
  const anchor = ok && i.kind !== 'pb_milestone' ? `insight-${i.kind}` : undefined;
  return (
    <li id={anchor} className={cx('insight', !ok && 'insight-muted')}>
      <div className="insight-head">
        <Heading className="insight-title">{i.title}</Heading>
        {ok ? <Badge tone={TONE[i.tone].badge}>{TONE[i.tone].label}</Badge> : <Badge tone="neutral">Not enough data</Badge>}
      </div>
      <p className="insight-finding">{i.finding}</p>
      {ok && numbers.length > 0 ? (
        <dl className="insight-numbers">
          {numbers.map((n) => (
            <div key={n.key}>
              <dt>{n.label}</dt>
              <dd>{n.text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="insight-meta">
        {dayRange(i.window.from, i.window.to)} ·{' '}
        {ok
          ? `Based on ${actual} ${unit}`
          : actual >= required
            ? `${actual} ${unit} so far` // enough counted, but another condition (e.g. time) is unmet: the finding says which
            : `${actual} of the ${required} ${unit} needed`}
        {ok && required > 1 ? ` (needs at least ${required})` : ''}
      </p>
      {i.receipts.length > 0 ? (
        <details className="receipts">
          <summary>
            <Icon name="receipt" className="icon icon-sm" /> Receipts: {i.receipts.length}{' '}
            {i.receipts.length === 1 ? 'activity' : 'activities'}
          </summary>
          <ul className="receipt-list">
            {i.receipts.map((r, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, never reordered, and entries can repeat: the position is part of the identity.
              <li key={`${r.activityId}-${n}`} className="receipt">
                <span className="receipt-date">{day(r.date)}</span>
                <Link to={`/activities/${r.activityId}`} className="receipt-name">
                  {r.name || 'Untitled activity'}
                </Link>
                <span className="receipt-values">
                  {[
                    sportLabel(r.sport),
                    ...(r.distance > 0 && !('distanceM' in r.values) ? [distance(r.distance, units)] : []),
                    ...receiptValues(r.values, units).map((v) => `${v.label} ${v.text}`),
                  ].join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {earlier.length > 0 ? (
        <details className="receipts">
          <summary>
            Earlier {earlier.length === 1 ? 'best' : 'bests'} at this distance in the period: {earlier.length}
          </summary>
          <ul className="receipt-list">
            {earlier.map((e) => {
              const r = e.receipts[0];
              const time = formatKeyed('timeS', e.numbers.timeS ?? null, units);
              const before = formatKeyed('previousBestS', e.numbers.previousBestS ?? null, units);
              return (
                <li key={e.id} className="receipt">
                  <span className="receipt-date">{day(e.window.to)}</span>
                  {r ? (
                    <Link to={`/activities/${r.activityId}`} className="receipt-name">
                      {r.name || 'Untitled activity'}
                    </Link>
                  ) : (
                    <span className="receipt-name">{e.title}</span>
                  )}
                  <span className="receipt-values">
                    {[time && `Time ${time}`, before && `previous best ${before}`].filter(Boolean).join(' · ')}
                  </span>
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

export function InsightsCard({ insights: view }: { insights: InsightsView }) {
  const ok = view.insights.filter((i) => i.status === 'ok');
  const waiting = view.insights.filter((i) => i.status !== 'ok');
  return (
    <Card
      id="insights"
      title="Insights"
      description="Patterns in your own data. Each one states its period and sample, and lists the activities it was computed from."
    >
      {view.insights.length === 0 ? (
        <EmptyState icon={<Icon name="spark" />} title="No insights yet" level={3}>
          <p>Insights need a few weeks of activities; each one says what it is waiting for.</p>
        </EmptyState>
      ) : (
        <>
          {ok.length > 0 ? (
            <ul className="insight-list">
              {groupBests(ok).map(({ insight, earlier }) => (
                <InsightItem key={insight.id} insight={insight} units={view.units} level={3} earlier={earlier} />
              ))}
            </ul>
          ) : (
            <p className="note">Nothing to report yet: every insight below is still waiting for data.</p>
          )}
          {waiting.length > 0 ? (
            <div className="insight-waiting">
              <h3 className="section-title">Waiting for more data</h3>
              <ul className="insight-list">
                {waiting.map((i) => (
                  <InsightItem key={i.id} insight={i} units={view.units} level={4} />
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
