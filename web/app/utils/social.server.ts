// The social pages' server side: the settings form (checkboxes absent when unticked), privacy zones, and the
// people page's acts, each through the people services with their errors beside the fields.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { SocialSettingsUpdate, ZoneInput } from '../../../worker/features/social/people/people.schema';
import { isUuid } from '../../../worker/lib/ids';
import type { FormOutcome } from './form-outcome';
import { appErrorToForm, isAppError, parseValues } from './forms.server';
import { SETTING_SWITCHES } from './social';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

export interface SocialResult extends FormOutcome {
  intent: string;
}

export async function loadSocialSettings(context: AppLoadContext, viewer: Viewer) {
  const [settings, zones] = await Promise.all([
    context.services.people.settings(viewer.user.id),
    context.services.people.zones(viewer.user.id),
  ]);
  return { settings, zones: zones.zones };
}

async function attempt(
  intent: string,
  values: Record<string, string>,
  run: () => Promise<unknown>,
  message: string,
): Promise<SocialResult> {
  try {
    await run();
    return { intent, ok: true, message, fieldErrors: {} };
  } catch (err) {
    const form = appErrorToForm(err);
    return { intent, ok: false, fieldErrors: form.fieldErrors, formError: form.formError, values };
  }
}

export async function socialSettingsAction(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<SocialResult> {
  const people = context.services.people;
  if (values.intent === 'save') {
    const input = {
      profileVisibility: values.profileVisibility,
      defaultPostVisibility: values.defaultPostVisibility,
      endCutM: Number(values.endCutM),
      ...Object.fromEntries(SETTING_SWITCHES.map(([name]) => [name, values[name] === 'on'])),
    };
    const parsed = parseValues(input, SocialSettingsUpdate, { messages: { endCutM: 'Enter whole metres from 200 to 1609' } });
    if (!parsed.ok) return { intent: 'save', ...parsed, values };
    return attempt('save', values, () => people.saveSettings(viewer.user.id, parsed.data), 'Social settings saved.');
  }
  if (values.intent === 'add-zone') {
    const input = { label: values.label ?? '', lat: Number(values.lat), lon: Number(values.lon), radiusM: Number(values.radiusM) };
    const parsed = parseValues(input, ZoneInput, {
      messages: {
        lat: 'Enter a latitude from -90 to 90',
        lon: 'Enter a longitude from -180 to 180',
        radiusM: 'Enter metres from 200 to 1609',
      },
    });
    if (!parsed.ok) return { intent: 'add-zone', ...parsed, values };
    return attempt('add-zone', values, () => people.addZone(viewer.user.id, parsed.data), 'Place hidden on every map you share.');
  }
  if (values.intent === 'delete-zone' && isUuid(values.id))
    return attempt(
      'delete-zone',
      values,
      async () => {
        refuseWhileImpersonating(viewer, 'delete a privacy zone');
        await people.deleteZone(viewer.user.id, values.id!);
      },
      'Place removed.',
    );
  throw new Response('Unknown action', { status: 400 });
}

/** The people page: requests, following, followers, blocked, muted, and the directory's first page for `q`. */
export async function loadPeople(context: AppLoadContext, viewer: Viewer, q: string) {
  const me = viewer.user.id;
  const f = context.services.follows;
  const [requests, following, followers, blocked, muted] = await Promise.all([
    f.requests(me),
    f.following(me),
    f.followers(me),
    f.blocks(me),
    f.mutes(me),
  ]);
  const directory = q ? (await context.services.people.directory(me, { q: q.slice(0, 60), limit: 20 })).people : null;
  return {
    requests: requests.requests.map((r) => r.person),
    following: following.people,
    followers: followers.people,
    blocked: blocked.people,
    muted: muted.people,
    q,
    directory,
  };
}

const ACTS = {
  follow: ['follow', 'Follow sent.'],
  unfollow: ['unfollow', 'Unfollowed.'],
  remove: ['removeFollower', 'Follower removed.'],
  accept: ['accept', 'Request accepted.'],
  decline: ['decline', 'Request declined.'],
  block: ['block', 'Blocked.'],
  unblock: ['unblock', 'Block lifted.'],
  mute: ['mute', 'Muted.'],
  unmute: ['unmute', 'Unmuted.'],
} as const;

/** One act on one person, from a button's form: `intent` and `userId`. */
export async function peopleAction(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<SocialResult> {
  const act = ACTS[values.intent as keyof typeof ACTS];
  if (!act || !isUuid(values.userId)) throw new Response('Unknown action', { status: 400 });
  const f = context.services.follows;
  const me = viewer.user.id;
  const other = values.userId!;
  return attempt(values.intent!, values, () => f[act[0]](me, other), act[1]);
}

/** One person's profile; nobody, and anyone blocked either way, is the page's 404. */
export async function loadProfile(context: AppLoadContext, viewer: Viewer, userId: string) {
  if (!isUuid(userId)) throw new Response('Not found', { status: 404 });
  try {
    return await context.services.people.profile(viewer.user.id, userId);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  }
}
