// The posts slice as the wiring builds it (routes are mounted through ../mount.ts).
import type { Env } from '../../../env';
import { keyRing } from '../../../lib/key-ring';

export { createPostsService } from './posts.service';
export type { PostsService } from './posts.service';

/**
 * The privacy-zone secret: SOCIAL_ZONE_SECRET, or else the token key ring's oldest key under a label of its own
 * (the oldest stays while newer keys are added, so the hidden discs do not move on a rotation).
 */
export function zoneSecretOf(env: Pick<Env, 'SOCIAL_ZONE_SECRET' | 'TOKEN_ENCRYPTION_KEY'>): string {
  if (env.SOCIAL_ZONE_SECRET) return env.SOCIAL_ZONE_SECRET;
  const ring = keyRing(env.TOKEN_ENCRYPTION_KEY);
  return `social-zones\u0000${ring.get(Math.min(...ring.versions))!.secret}`;
}
