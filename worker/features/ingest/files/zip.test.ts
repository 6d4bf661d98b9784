import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { chunksOf, zipBomb } from '../../../testing/fixtures/files.ts';
import { UPLOAD_LIMITS, type UploadLimits } from './limits.ts';
import { type SkippedFile, ZipFormatError, ZipLimitError } from './types.ts';
import { EntryCorruptError, EntrySkippedError, readZip } from './zip.ts';

async function readAll(bytes: Uint8Array, limits: Partial<UploadLimits> = {}, chunk?: number) {
  const skipped: SkippedFile[] = [];
  const entries: { name: string; text: string }[] = [];
  const reader = readZip(chunksOf(bytes, chunk), {
    limits: { ...UPLOAD_LIMITS, ...limits },
    wants: (name) => !name.endsWith('.skip'),
    maxEntryBytes: (name) => (name.endsWith('.big') ? 10 : 1024 * 1024),
    onSkip: (name, reason, detail) => skipped.push(detail ? { name, reason, detail } : { name, reason }),
  });
  for await (const entry of reader) {
    let text = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of entry.chunks()) text += decoder.decode(chunk, { stream: true });
    } catch (error) {
      if (!(error instanceof EntryCorruptError || error instanceof EntrySkippedError)) throw error;
      text = `<${error.name}>`;
    }
    entries.push({ name: entry.name, text });
  }
  return { entries, skipped };
}

/** Sets the UTF-8 flag (bit 11) of the first local header and puts `byte` at `at` in its name. */
function corruptFirstName(zip: Uint8Array, at: number, byte: number): Uint8Array {
  const copy = zip.slice();
  copy[7] = (copy[7] ?? 0) | 0x08;
  copy[30 + at] = byte;
  return copy;
}

describe('readZip', () => {
  it('yields entries in order, one at a time, across tiny and large source chunks', async () => {
    const zip = zipSync({ 'a/one.txt': strToU8('first'), 'a/two.txt': strToU8('second '.repeat(5000)), 'dir/': new Uint8Array(0) });
    for (const chunk of [7, 64 * 1024]) {
      const { entries, skipped } = await readAll(zip, {}, chunk);
      expect(entries.map((e) => e.name)).toEqual(['a/one.txt', 'a/two.txt']);
      expect(entries[1]?.text).toBe('second '.repeat(5000));
      expect(skipped).toEqual([]);
    }
  });

  it('skips and counts unsafe names (zip slip, absolute, backslash, NUL, invalid UTF-8)', async () => {
    const zip = zipSync({
      '../evil.json': strToU8('{}'),
      '/abs.fit': strToU8('x'),
      'ok/../../x.gpx': strToU8('x'),
      'C:/win.gpx': strToU8('x'),
      'a\\b.fit': strToU8('x'),
      'nul\u0000.fit': strToU8('x'),
      'fine.gpx': strToU8('ok'),
    });
    const { entries, skipped } = await readAll(zip);
    expect(entries).toEqual([{ name: 'fine.gpx', text: 'ok' }]);
    expect(skipped.map((s) => [s.name, s.reason])).toEqual([
      ['../evil.json', 'unsafe_name'],
      ['/abs.fit', 'unsafe_name'],
      ['ok/../../x.gpx', 'unsafe_name'],
      ['C:/win.gpx', 'unsafe_name'],
      ['a\\b.fit', 'unsafe_name'],
      ['nul\\x00.fit', 'unsafe_name'],
    ]);

    const invalid = corruptFirstName(zipSync({ 'bad_X.gpx': strToU8('x'), 'good.gpx': strToU8('y') }), 4, 0xff);
    const second = await readAll(invalid);
    expect(second.entries.map((e) => e.name)).toEqual(['good.gpx']);
    expect(second.skipped).toEqual([{ name: 'bad_\uFFFD.gpx', reason: 'unsafe_name' }]);
  });

  it('reads UTF-8 names written without the UTF-8 flag', async () => {
    // fflate sets the flag for non-ASCII names; clearing it mimics zip tools that do not.
    const zip = zipSync({ 'café.gpx': strToU8('x') });
    zip[7] = (zip[7] ?? 0) & ~0x08;
    expect((await readAll(zip)).entries.map((e) => e.name)).toEqual(['café.gpx']);
  });

  it('passes over unwanted entries and skips oversized ones as too_large', async () => {
    const zip = zipSync({ 'a.skip': strToU8('ignored'), 'b.big': strToU8('more than ten bytes'), 'c.txt': strToU8('kept') });
    const { entries, skipped } = await readAll(zip);
    expect(entries.map((e) => e.name)).toEqual(['c.txt']);
    expect(skipped).toEqual([{ name: 'b.big', reason: 'too_large' }]);
  });

  it('recurses into nested zips with the same budget, up to maxZipDepth', async () => {
    const inner = zipSync({ 'x.fit': strToU8('inner'), 'deeper.zip': zipSync({ 'y.fit': strToU8('too deep') }) });
    const zip = zipSync({ 'top.txt': strToU8('top'), 'files/inner.zip': inner });
    const { entries, skipped } = await readAll(zip);
    expect(entries).toEqual([
      { name: 'top.txt', text: 'top' },
      { name: 'files/inner.zip/x.fit', text: 'inner' },
    ]);
    expect(skipped).toEqual([{ name: 'files/inner.zip/deeper.zip', reason: 'unsupported_type', detail: 'zip nested too deep' }]);
    await expect(readAll(zip, { maxEntries: 3 })).rejects.toMatchObject({ name: 'ZipLimitError', limit: 'entries' });
  });

  it('throws ZipLimitError for a zip bomb, before inflating it all', async () => {
    const bomb = await zipBomb(32 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const error = await readAll(bomb, { maxJsonEntryBytes: Number.MAX_SAFE_INTEGER }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipLimitError);
    expect(error).toMatchObject({ limit: 'compressionRatio' });
  });

  it('throws ZipLimitError when the total inflated size crosses the cap', async () => {
    const noise = (seed: number) => Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + seed * 104729) % 251);
    const zip = zipSync({ 'a.txt': noise(1), 'b.txt': noise(2), 'c.txt': noise(3) });
    await expect(readAll(zip, { maxTotalUncompressedBytes: 8000 })).rejects.toMatchObject({ limit: 'totalUncompressedBytes' });
    await expect(readAll(zip, { maxUploadBytes: 100 })).rejects.toMatchObject({ limit: 'uploadBytes' });
    expect((await readAll(zip, { maxTotalUncompressedBytes: 9000 })).entries).toHaveLength(3);
  });

  it('lets the consumer abandon an entry without reading (or inflating) the rest', async () => {
    const zip = zipSync({ 'a.txt': strToU8('x'.repeat(200_000)), 'b.txt': strToU8('b') });
    const names: string[] = [];
    for await (const entry of readZip(chunksOf(zip, 1000), { wants: () => true, maxEntryBytes: () => 1e9, onSkip: () => undefined })) {
      names.push(entry.name);
      if (entry.name === 'a.txt') for await (const chunk of entry.chunks()) if (chunk.length) break;
    }
    expect(names).toEqual(['a.txt', 'b.txt']);
  });

  it('reports a truncated archive as ZipFormatError and a corrupt entry as EntryCorruptError', async () => {
    const zip = zipSync({ 'a.txt': strToU8('hello '.repeat(1000)), 'b.txt': strToU8('b') });
    await expect(readAll(zip.subarray(0, 60))).rejects.toBeInstanceOf(ZipFormatError);
    const corrupt = zip.slice();
    corrupt.fill(0xff, 40, 60); // inside a.txt's deflate stream
    const { entries } = await readAll(corrupt);
    expect(entries[0]).toEqual({ name: 'a.txt', text: `<${EntryCorruptError.name}>` });
  });
});
