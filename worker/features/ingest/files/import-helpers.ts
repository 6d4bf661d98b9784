// parseUpload's small helpers, beside it: the skip reason of a file that failed, the upload's byte cap
// for a single file, and the collapsing of repeated warnings into one line of the report.
import type { FileKind } from './sniff.ts';
import { type ImportWarning, type SkipReason, ZipLimitError } from './types.ts';

export function reasonFor(kind: FileKind, name: string): SkipReason {
  if (kind === 'fit' || /\.fit(\.gz)?$/i.test(name)) return 'malformed_fit';
  if (kind === 'gpx' || kind === 'tcx' || /\.(gpx|tcx)(\.gz)?$/i.test(name)) return 'malformed_xml';
  return 'unsupported_type';
}

export async function* capUpload(chunks: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > max) throw new ZipLimitError('uploadBytes', max, `The upload is larger than ${max} bytes.`);
    yield chunk;
  }
}

/** Collapses per-activity warnings of one file and reason into one line with the counts added up (in place). */
export function mergeWarnings(warnings: ImportWarning[]): void {
  const merged = new Map<string, ImportWarning & { n: number }>();
  for (const w of warnings) {
    const key = `${w.name}\u0000${w.reason}\u0000${w.detail}`;
    const seen = merged.get(key);
    if (seen) seen.n += 1;
    else merged.set(key, { ...w, n: 1 });
  }
  warnings.length = 0;
  for (const { n, ...w } of merged.values()) warnings.push(n > 1 ? { ...w, detail: `${w.detail} (${n} activities)` } : w);
}
