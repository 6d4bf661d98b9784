// A post's map as the page draws it without JavaScript (ADR 098): exactly the API's cut stretches, one SVG path each
// with each polyline's points (nothing joining them across a hidden part), no start or finish mark for a follower, the
// words kept for screen readers; the owner's whole track with its ends marked.
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { decodePolyline } from '../../../lib/geo';
import { athlete, follow, HOME, recordedRun, zone } from './posts.testing';
import type { PostView } from './serializer.schema';

const pathsOf = (html: string) =>
  [...html.matchAll(/<path d="([^"]+)" class="route-line" data-stretch=""/g)].map((m) => m[1]!.split('L').length);

describe("a post's map on its page", () => {
  it('draws the API’s stretches for a follower, and the whole track for its owner', async () => {
    const h = Harness.init();
    const owner = await athlete(h, { profileVisibility: 'public' }, 'Owner');
    const fan = await athlete(h, null, 'Fan');
    await follow(h, fan.id, owner.id);
    // A zone on the route as well as the ends: more than one stretch.
    await zone(h, owner.id, { lat: HOME.lat + 0.009, lon: HOME.lon }, 300);
    const run = await recordedRun(h, owner.id);
    const made = await h.json<Body<typeof PostView>>('/api/v1/social/posts', {
      cookie: owner.cookie,
      body: { activityId: run.id, visibility: 'followers' },
    });
    expect(made.status).toBe(201);
    const id = made.body.id;

    const api = await h.json<Body<typeof PostView>>(`/api/v1/social/posts/${id}`, { cookie: fan.cookie });
    expect(api.body.map?.whole).toBe(false);
    const stretches = api.body.map!.segments.map((s) => decodePolyline(s.polyline).length);
    const html = await (await h.call(`/posts/${id}`, { cookie: fan.cookie })).text();
    expect(pathsOf(html)).toEqual(stretches);
    expect(html).toMatch(
      new RegExp(`aria-label="Map of ${stretches.length} visible stretch(es)?; the ends and private places are hidden\\."`),
    );
    expect(html).not.toContain('class="route-start"');
    expect(html).toContain('visible stretch(es), ends and private places hidden');

    const own = await (await h.call(`/posts/${id}`, { cookie: owner.cookie })).text();
    expect(pathsOf(own)).toHaveLength(1);
    expect(own).toContain('class="route-start"');
    expect(own).toContain('Map: 1 track (yours, whole)');
  });
});
