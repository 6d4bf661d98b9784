import type { Context } from 'hono';

/** Cloudflare sets CF-Connecting-IP at the edge; locally there is none, so all local callers share one key. */
export const clientIp = (c: Context) => c.req.header('cf-connecting-ip') ?? 'local';
