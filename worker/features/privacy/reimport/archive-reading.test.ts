// Reading an uploaded archive without trusting it: data files by value (any layout, `[]`, a malformed one named),
// a zip bomb refused from its directory before anything inflates, an entry that inflates past its declared size
// stopped, inflation that lets other work run, and the metadata desktop zip tools add told apart from changes.
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isZipToolMetadata, REIMPORT_EXPANSION } from './archive';
import { ArchiveDataError, jsonRows } from './json-rows';
import { bytesSource, checkExpansion, entryChunks, readDirectory, ZipReadError } from './zip-reader';

async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = strToU8(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function rows(text: string, size = 7): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of jsonRows(chunked(text, size), 'data/x/t.json')) out.push(r);
  return out;
}

/** A zip of one DEFLATEd entry of `bytes` zeros, streamed so the test never holds the inflated data. */
async function zerosZip(name: string, bytes: number): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      out.push(chunk);
      if (final) resolve();
    });
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    const zeros = new Uint8Array(1024 * 1024);
    for (let left = bytes; left > 0; left -= zeros.length)
      entry.push(zeros.subarray(0, Math.min(left, zeros.length)), left <= zeros.length);
    zip.end();
  });
  await done;
  const all = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

describe('data files are read by value', () => {
  const a = { id: 'a', note: 'one, "two"\n[three]', n: 1 };
  const b = { id: 'b', nested: { list: [1, { x: '}' }] }, n: 2 };

  it('takes the export’s one-row-per-line layout, all rows on one line, pretty-printed rows, and []', async () => {
    expect(await rows(`[\n${JSON.stringify(a)},\n${JSON.stringify(b)}\n]\n`)).toEqual([a, b]);
    expect(await rows(JSON.stringify([a, b]))).toEqual([a, b]);
    expect(await rows(JSON.stringify([a, b], null, 2), 3)).toEqual([a, b]);
    expect(await rows('[]')).toEqual([]);
    expect(await rows(' [ \r\n ] \n')).toEqual([]);
    expect(await rows(JSON.stringify([{ s: 'ünïcödé ✓ 🏃' }]), 1)).toEqual([{ s: 'ünïcödé ✓ 🏃' }]);
  });

  it('refuses what is not a JSON array of rows, naming the file', async () => {
    for (const bad of ['', '{}', '[{"a":1}', '[{"a":1},]', '[{"a":1}{"b":2}]', '[{"a":1}] x', '[1,2]', '[{"a":tru}]', '[,{"a":1}]']) {
      const err = await rows(bad).catch((e: unknown) => e);
      expect(err, bad).toBeInstanceOf(ArchiveDataError);
      expect((err as Error).message, bad).toContain('data/x/t.json');
    }
  });
});

describe('expansion caps, before anything inflates', () => {
  it('refuses a 128 MiB entry in a small zip by its ratio, naming the entry, from the directory alone', async () => {
    const zip = await zerosZip('data/activities/activities.json', 128 * 1024 * 1024);
    expect(zip.length).toBeLessThan(200 * 1024);
    const dir = await readDirectory(bytesSource(zip));
    expect(dir[0]!.size).toBe(128 * 1024 * 1024);
    let caught: unknown;
    try {
      checkExpansion(dir, REIMPORT_EXPANSION);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ZipReadError);
    expect((caught as ZipReadError).entry).toBe('data/activities/activities.json');
    expect((caught as Error).message).toMatch(/expands more than 200:1/);
  });

  it('refuses too many entries, an entry over the per-entry cap, and a total over the archive cap', () => {
    const e = (name: string, size: number, compressedSize = size) => ({ name, method: 8, crc: 0, compressedSize, size, localOffset: 0 });
    const limits = { ...REIMPORT_EXPANSION, maxEntries: 2, maxEntryBytes: 100, maxTotalBytes: 150, ratioGraceBytes: 10 };
    expect(() => checkExpansion([e('a', 1), e('b', 1), e('c', 1)], limits)).toThrow(/3 entries/);
    expect(() => checkExpansion([e('big', 101)], limits)).toThrow(/big expands to 101 bytes/);
    expect(() => checkExpansion([e('a', 90), e('b', 90)], limits)).toThrow(/more than 150 bytes \(at b\)/);
    expect(() => checkExpansion([e('a', 90, 45), e('b', 60, 30)], limits)).not.toThrow();
  });

  it('stops an entry that inflates past the size its directory declares, without trusting it', async () => {
    const zip = await zerosZip('x.bin', 8 * 1024 * 1024);
    const [entry] = await readDirectory(bytesSource(zip));
    const lying = { ...entry!, size: 1024 * 1024 };
    let seen = 0;
    const err = await (async () => {
      for await (const c of entryChunks(bytesSource(zip), lying)) seen += c.length;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipReadError);
    expect((err as Error).message).toMatch(/larger than the directory says/);
    expect(seen).toBeLessThanOrEqual(1024 * 1024);
  });

  it('refuses an entry whose compressed data cannot be read, naming it (not a 500)', async () => {
    const zip = await zerosZip('data/x/t.json', 64 * 1024);
    // The first byte of the DEFLATE stream after the local header: final block of the reserved type 3.
    const header = new DataView(zip.buffer, zip.byteOffset);
    zip[30 + header.getUint16(26, true) + header.getUint16(28, true)] = 0b111;
    const [entry] = await readDirectory(bytesSource(zip));
    const err = await (async () => {
      for await (const _ of entryChunks(bytesSource(zip), entry!));
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipReadError);
    expect((err as Error).message).toBe('data/x/t.json: damaged (its compressed data cannot be read).');
  });

  it('inflates in steps that yield to the event loop: a timer queued beside a large entry fires before it ends', async () => {
    const zip = await zerosZip('data/activities/activity_streams.json', 24 * 1024 * 1024);
    const [entry] = await readDirectory(bytesSource(zip));
    const order: string[] = [];
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push('other work');
        resolve();
      }, 0),
    );
    let bytes = 0;
    for await (const c of entryChunks(bytesSource(zip), entry!)) bytes += c.length;
    order.push('entry read');
    await timer;
    expect(bytes).toBe(24 * 1024 * 1024);
    expect(order).toEqual(['other work', 'entry read']);
  });
});

describe('what desktop zip tools add', () => {
  it('passes over folders and OS metadata, and nothing else', () => {
    for (const name of [
      'originals/',
      'data/account/',
      '__MACOSX/data/account/._users.json',
      '.DS_Store',
      'data/.DS_Store',
      'Thumbs.db',
      'data/._x',
    ])
      expect(isZipToolMetadata(name), name).toBe(true);
    for (const name of ['data/account/users.json', 'notes.txt', 'originals/uploads/1/run.gpx', 'manifest.json', 'MACOSX.txt'])
      expect(isZipToolMetadata(name), name).toBe(false);
  });
});
