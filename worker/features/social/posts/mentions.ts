// Mentions: `@` followed by a person's id (a UUID, as the composer's picker inserts it: "@6f1c1d2e-…"). Ids, not
// display names: names are neither unique nor stable, and a handle would be a new public identifier to protect.
const MENTION = /(?<![\w@])@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi;
/** At most this many people are told per text: a list of ids is not a broadcast channel. */
export const MAX_MENTIONS = 10;

export function mentionedIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))].slice(0, MAX_MENTIONS);
}
