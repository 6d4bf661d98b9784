// The key-rotation row of the pulse (ADR 040): stored provider tokens per TOKEN_ENCRYPTION_KEY version,
// so an operator retiring a key can see when nothing is left on it (docs/secrets-runbook.md).
import type { Section } from './ops-pulse.schema';

/** `byVersion`: token counts keyed "v1", "v2"…; `ring`: the versions the ring holds, newest first. */
export function tokenKeySection(byVersion: Record<string, number>, ring: number[]): Section {
  const newest = ring[0]!;
  const versions = Object.keys(byVersion)
    .map((v) => ({ key: v, version: Number(v.replace(/^v/, '')) }))
    .sort((a, b) => b.version - a.version);
  const count = (pred: (v: number) => boolean) => versions.filter((v) => pred(v.version)).reduce((s, v) => s + (byVersion[v.key] ?? 0), 0);
  const inRing = (v: number) => ring.includes(v);
  return {
    key: 'token_keys',
    title: 'Token encryption keys',
    counts: {
      onNewestKey: count((v) => v === newest),
      onOlderKeys: count((v) => v !== newest && inRing(v)),
      onRetiredKeys: count((v) => !inRing(v)),
    },
    causes: [],
    rows: versions
      .filter((v) => v.version !== newest)
      .map((v) => {
        const n = byVersion[v.key] ?? 0;
        const tokens = `${n} provider ${n === 1 ? 'token' : 'tokens'}`;
        return {
          id: `key-${v.key}`,
          label: `Key ${v.key}${inRing(v.version) ? '' : ' (not in the ring)'}`,
          detail: inRing(v.version)
            ? `${tokens} still sealed with it: the hourly tokens.reencrypt job moves them to v${newest}. Remove the key only at 0.`
            : `${tokens} sealed with a key no longer in the ring: unreadable. Put the key back, or those athletes reconnect.`,
          at: null,
          userId: null,
          orgId: null,
          fix: null,
        };
      }),
    note: `The ring holds ${ring.map((v) => `v${v}`).join(', ')}; new tokens are sealed with v${newest}. Counts are access and refresh tokens of every provider connection.`,
  };
}
