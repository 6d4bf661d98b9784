import { describe, expect, it } from 'vitest';
import { eventually } from '../../../testing/eventually';
import { LiveTurn } from './live-turn';
import { SseReader } from './sse.testing';

const live = (graceMs = 50) => new LiveTurn({ conversationId: 'c', heartbeatMs: 20, graceMs });
const reader = (t: LiveTurn, after = 0) => new SseReader(new Response(t.attach(after)));

describe('LiveTurn (the session’s stream buffer)', () => {
  it('numbers events, replays after Last-Event-ID, sends `: ping` heartbeats and ends every client with the turn', async () => {
    const t = live();
    t.push({ type: 'turn', conversationId: 'c', messageId: 'm', replyTo: 'q', route: 'model' });
    t.push({ type: 'delta', text: 'Hello ' });
    const late = reader(t, 1);
    const first = await late.next();
    expect(first).toMatchObject({ id: 2, event: 'delta', data: { type: 'delta', text: 'Hello ' } });
    expect(late.raw[0]).toBe('id: 2\nevent: delta\ndata: {"type":"delta","text":"Hello "}');
    expect(await late.next()).toMatchObject({ comment: 'ping' });
    t.push({ type: 'done', messageId: 'm', status: 'complete' });
    t.finish();
    expect((await late.until()).map((f) => f.id)).toEqual([3]);
    // After the end, an attach replays and closes at once.
    expect((await reader(t, 2).until()).map((f) => f.event)).toEqual(['done']);
  });

  it('aborts the turn once the last client is gone for the grace period, unless one reattaches', async () => {
    const t = live(60);
    const a = reader(t);
    const b = reader(t);
    await a.cancel();
    expect(t.clientCount).toBe(1);
    await b.cancel();
    // Reattaching within the grace keeps the turn.
    const c = reader(t);
    expect(t.clientCount).toBe(1);
    await c.cancel();
    await eventually(
      async () => t.abort.signal.aborted,
      (v) => v,
      2_000,
    );
    expect(t.abort.signal.reason).toBe('detached');
  });

  it('never aborts a pinned turn (a JS-off caller is waiting for it)', async () => {
    const t = live(10);
    t.pinned = true;
    await reader(t).cancel();
    t.push({ type: 'done', messageId: 'm', status: 'complete' });
    t.finish();
    await t.ended;
    expect(t.abort.signal.aborted).toBe(false);
  });
});
