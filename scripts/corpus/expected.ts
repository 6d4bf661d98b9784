// `node scripts/corpus/expected.ts [dir]`: the expected figures of the real-recordings corpus
// (worker/features/ingest/files/corpus/real/), written to <dir>/expected.json.
//
// Independence is the point: nothing here comes from worker/. FIT files are decoded with Garmin's
// @garmin/fitsdk Decoder directly (fit-facts.ts: the session/lap/record messages as the SDK gives
// them); GPX and TCX are read with a small tag scanner (xml-scan.ts) and plain sums, so a bug in our
// parsers (or in saxes) cannot hide itself by producing the expected values too.
//
// Every file gets `facts` (what the file itself says, decoded: *-facts.ts) and `expect` (what an
// importer following the domain reference's "Real recordings" rules must produce from it:
// expect-rules.ts).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectFromFit, expectFromGpx, expectFromTcx } from './expect-rules.ts';
import { decodeFit } from './fit-facts.ts';
import { decodeGpx } from './gpx-facts.ts';
import { decodeTcx } from './tcx-facts.ts';

const DEFAULT_DIR = fileURLToPath(new URL('../../worker/features/ingest/files/corpus/real/', import.meta.url));
const dir = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? DEFAULT_DIR).replace(/\/?$/, '/');

function fit(bytes: Uint8Array) {
  const file = decodeFit(bytes);
  return { facts: file.facts, expect: expectFromFit(file) };
}

function gpx(text: string) {
  const facts = decodeGpx(text);
  return { facts, expect: expectFromGpx(facts.tracks) };
}

function tcx(text: string) {
  const facts = decodeTcx(text);
  return { facts, expect: expectFromTcx(facts.activities) };
}

const out: Record<string, unknown> = {};
const files = readdirSync(dir)
  .filter((f) => /\.(fit|gpx|tcx)$/i.test(f))
  .sort();
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(dir + file));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ext = (file.match(/\.(\w+)$/)?.[1] ?? '').toLowerCase();
  const decoded = ext === 'fit' ? fit(bytes) : ext === 'gpx' ? gpx(new TextDecoder().decode(bytes)) : tcx(new TextDecoder().decode(bytes));
  out[file] = { kind: ext, bytes: bytes.length, sha256, ...decoded };
}

const json = `${JSON.stringify(
  {
    generatedBy: 'node scripts/corpus/expected.ts',
    decoder: { fit: '@garmin/fitsdk Decoder', xml: 'scripts/corpus/expected.ts tag scanner' },
    files: out,
  },
  null,
  2,
)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(json);
else {
  writeFileSync(`${dir}expected.json`, json);
  console.log(`${files.length} files → ${dir}expected.json`);
}
