// A provider fault for one test's own traffic (scripts/sandbox/faults.ts). The sandbox is shared by every test
// file, so a test never faults a whole provider: `match` (an activity id, a user id) is required, and the
// fault ends by its own `seconds` (clearing by prefix would end other files' faults too).
import { inject } from 'vitest';

export interface TestFault {
  prefix: 'strava' | 'garmin' | 'polar' | 'anthropic' | 'mistral';
  mode: 'error' | 'timeout' | 'ratelimit';
  seconds: number;
  match: string;
  status?: number;
  retryAfter?: number;
}

export async function injectFault(spec: TestFault): Promise<void> {
  if (!spec.match) throw new Error('a test fault needs `match`: never fault a whole provider in a shared sandbox');
  const res = await fetch(`${inject('sandboxUrl')}/_faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  if (!res.ok) throw new Error(`sandbox fault: ${res.status} ${await res.text()}`);
  await res.body?.cancel();
}
