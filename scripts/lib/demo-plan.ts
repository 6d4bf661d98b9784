// The demo athlete's training plan, made through the plans API like anyone's (a half marathon 14 weeks
// out), once her history is in so the plan starts from it. Later starts keep the plan she has.
import { demoLogin } from './demo-strava.ts';
import type { Stack } from './stack.ts';

export async function ensureDemoPlan(stack: Stack, login: { email: string; password: string }): Promise<'made' | 'already'> {
  const cookie = await demoLogin(stack, login);
  const headers = { cookie, origin: stack.appUrl, 'content-type': 'application/json' };
  const active = await fetch(`${stack.workerUrl}/api/v1/plans/active`, { headers });
  await active.body?.cancel();
  if (active.ok) return 'already';
  const race = new Date(Date.now() + 14 * 7 * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(`${stack.workerUrl}/api/v1/plans`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      goal: { kind: 'run_half', eventDate: race, eventName: 'Riverside Half' },
      availableDays: [1, 2, 4, 6],
      longDay: 6,
      hoursPerWeek: 6,
      includeStrength: false,
    }),
  });
  if (res.status !== 201) throw new Error(`the plans API answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  await res.body?.cancel();
  return 'made';
}
