import { describe, expect, it } from 'vitest';
import wranglerToml from '../../wrangler.toml?raw';

/** Each `[[…queues.consumers]]` block of wrangler.toml: its queue and settings. */
function consumers(toml: string) {
  return toml
    .split(/^\[\[(?:env\.\w+\.)?queues\.consumers\]\]$/m)
    .slice(1)
    .map((block) => block.split(/^\[/m)[0]!)
    .map((block) => Object.fromEntries([...block.matchAll(/^(\w+) = "?([^"\n]*)"?$/gm)].map((m) => [m[1]!, m[2]!])));
}

describe('queue consumers in wrangler.toml', () => {
  it('the notify queue hands a message over at once in every environment: a coach push waits for no batch to fill', () => {
    // A trigger and then its device's push are two hops; a batch window of 5 s made a lone coach message up to 10 s late.
    // Batches of up to 100: the consumer fans a batch out set-based (ADR 076 "Fan-out in batches").
    const notify = consumers(wranglerToml).filter((c) => /^cadence-notify(-staging|-production)?$/.test(c.queue ?? ''));
    expect(notify.map((c) => c.queue)).toEqual(['cadence-notify', 'cadence-notify-staging', 'cadence-notify-production']);
    for (const c of notify)
      expect({ queue: c.queue, timeout: c.max_batch_timeout, size: c.max_batch_size }).toEqual({
        queue: c.queue,
        timeout: '0',
        size: '100',
      });
  });

  it('every environment has the urgent lane, handed over at once, with the notify queue’s dead letters', () => {
    const all = consumers(wranglerToml);
    const urgent = all.filter((c) => /^cadence-notify-urgent(-staging|-production)?$/.test(c.queue ?? ''));
    expect(urgent.map((c) => c.queue)).toEqual([
      'cadence-notify-urgent',
      'cadence-notify-urgent-staging',
      'cadence-notify-urgent-production',
    ]);
    for (const c of urgent) {
      const notify = all.find((n) => n.queue === c.queue!.replace('-urgent', ''))!;
      expect({ timeout: c.max_batch_timeout, dlq: c.dead_letter_queue, retries: c.max_retries }).toEqual({
        timeout: '0',
        dlq: notify.dead_letter_queue,
        retries: notify.max_retries,
      });
    }
    const producers = [...wranglerToml.matchAll(/^binding = "NOTIFY_URGENT_QUEUE"\nqueue = "([^"]+)"$/gm)].map((m) => m[1]);
    expect(producers).toEqual(urgent.map((c) => c.queue));
  });
});
