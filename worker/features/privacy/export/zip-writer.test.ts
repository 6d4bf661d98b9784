// The archive's zip writer, read back by fflate's own reader (independent of ours) and by the re-import's
// ranged reader; CRC-32 and SHA-256 checked against node:crypto and fflate; a checkpoint in the middle of an
// archive continued by a second writer gives the same bytes as one writer; the multipart sink's parts.
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { jsonRows } from '../reimport/json-rows';
import { bytesSource, entryChunks, readDirectory } from '../reimport/zip-reader';
import { buildManifest, dataFilePath, Manifest } from './manifest';
import { PartSink } from './part-sink';
import { crc32, type Hasher, ZipWriter } from './zip-writer';

const nodeHasher = (): Hasher => {
  const h = createHash('sha256');
  return { update: (b) => void h.update(b), digest: async () => h.digest('hex') };
};

class MemorySink {
  chunks: Uint8Array[] = [];
  async write(b: Uint8Array) {
    this.chunks.push(b.slice());
  }
  get bytes() {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const modified = new Date('2026-11-25T12:34:56Z');

function pseudoRandom(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('the streaming zip writer', () => {
  it('writes entries fflate reads back byte for byte, deflated or stored, with their SHA-256', async () => {
    const sink = new MemorySink();
    const zip = new ZipWriter(sink, { modified, hasher: nodeHasher });
    const json = strToU8(
      `[\n${Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, name: `Run ${i} – “ü”` })).join(',\n')}\n]\n`,
    );
    const binary = pseudoRandom(300_000);
    const a = await zip.add('data/activities/activities.json', [json.subarray(0, 1000), json.subarray(1000)]);
    const b = await zip.add('originals/uploads/x/watch.fit', [binary], { store: true });
    const c = await zip.add('empty.txt', []);
    expect(a).toMatchObject({ size: json.length, sha256: sha(json), crc: crc32(json) });
    expect(a.compressedSize).toBeLessThan(json.length / 3);
    expect(b).toMatchObject({ size: binary.length, compressedSize: binary.length, sha256: sha(binary) });
    expect(c).toMatchObject({ size: 0, sha256: sha(new Uint8Array(0)) });
    const { bytes, entries } = await zip.finish();
    const out = sink.bytes;
    expect(out.length).toBe(bytes);
    expect(entries).toBe(3);
    const read = unzipSync(out);
    expect(Object.keys(read)).toEqual(['data/activities/activities.json', 'originals/uploads/x/watch.fit', 'empty.txt']);
    expect(sha(read['data/activities/activities.json']!)).toBe(sha(json));
    expect(sha(read['originals/uploads/x/watch.fit']!)).toBe(sha(binary));
    expect(read['empty.txt']!.length).toBe(0);
  });

  it('crc32 agrees with fflate’s zip (the CRC it writes in its own archive)', () => {
    const data = pseudoRandom(10_000, 3);
    const z = zipSync({ f: data }, { level: 0 });
    // Central directory record's CRC at offset 16 of the first 0x02014b50 record.
    const dv = new DataView(z.buffer);
    let at = z.length - 22;
    at = dv.getUint32(at + 16, true);
    expect(dv.getUint32(at + 16, true)).toBe(crc32(data));
    expect(crc32(data.subarray(5000), crc32(data.subarray(0, 5000)))).toBe(crc32(data));
  });

  it('continues from a checkpoint: two writers, the second resumed from the first’s state, make the same archive', async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.bin`, data: pseudoRandom(20_000 + i * 997, i + 1) }));
    const one = new MemorySink();
    const whole = new ZipWriter(one, { modified, hasher: nodeHasher });
    for (const f of files) await whole.add(f.name, [f.data]);
    await whole.finish();

    const first = new MemorySink();
    const w1 = new ZipWriter(first, { modified, hasher: nodeHasher });
    for (const f of files.slice(0, 3)) await w1.add(f.name, [f.data]);
    const state = JSON.parse(JSON.stringify(w1.state));
    const second = new MemorySink();
    const w2 = new ZipWriter(second, { modified, hasher: nodeHasher, state });
    for (const f of files.slice(3)) await w2.add(f.name, [f.data]);
    await w2.finish();
    const joined = new Uint8Array([...first.bytes, ...second.bytes]);
    expect(sha(joined)).toBe(sha(one.bytes));
    const read = unzipSync(joined);
    for (const f of files) expect(sha(read[f.name]!)).toBe(sha(f.data));
  });

  it('writes ZIP64 end records past 65,535 entries, and both readers count them all', async () => {
    const sink = new MemorySink();
    const zip = new ZipWriter(sink, { modified, hasher: nodeHasher });
    const n = 65_540;
    const one = strToU8('x');
    for (let i = 0; i < n; i++) await zip.add(`e/${i}`, [one], { store: true });
    await zip.finish();
    const bytes = sink.bytes;
    const dir = await readDirectory(bytesSource(bytes));
    expect(dir).toHaveLength(n);
    expect(dir.at(-1)!.name).toBe(`e/${n - 1}`);
  }, 60_000);

  it('the ranged reader streams entries back, checks CRCs, and reads data files row by row', async () => {
    const sink = new MemorySink();
    const zip = new ZipWriter(sink, { modified, hasher: nodeHasher });
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, note: `line, with "quotes"\nand a newline ${i}` }));
    const text = `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
    await zip.add(dataFilePath('activities', 'activity_notes', 1), [strToU8(text)]);
    await zip.finish();
    const bytes = sink.bytes;
    const src = bytesSource(bytes);
    const [entry] = await readDirectory(src);
    expect(entry!.name).toBe('data/activities/activity_notes.json');
    const back: unknown[] = [];
    for await (const r of jsonRows(entryChunks(src, entry!), entry!.name)) back.push(r);
    expect(back).toEqual(rows);
    // A flipped byte inside the deflated data is caught (inflate error or CRC mismatch).
    const bad = bytes.slice();
    const inData = 30 + entry!.name.length + 40;
    bad[inData] = bad[inData]! ^ 0xff;
    await expect(
      (async () => {
        for await (const _ of entryChunks(bytesSource(bad), entry!));
      })(),
    ).rejects.toThrow();
  });
});

describe('the manifest', () => {
  it('counts rows per table over its files and validates against its schema', () => {
    const m = buildManifest({
      createdAt: modified,
      accountId: '6f1c1d2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f',
      requestId: '7f1c1d2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f',
      files: [
        {
          path: 'data/activities/activities.json',
          kind: 'data',
          table: 'activities',
          area: 'activities',
          rows: 3,
          bytes: 10,
          sha256: 'a'.repeat(64),
        },
        {
          path: 'data/activities/activities.2.json',
          kind: 'data',
          table: 'activities',
          area: 'activities',
          rows: 2,
          bytes: 10,
          sha256: 'b'.repeat(64),
        },
        { path: 'spreadsheets/activities.csv', kind: 'csv', rows: 5, bytes: 10, sha256: 'c'.repeat(64) },
      ],
    });
    expect(m.counts).toEqual({ activities: 5 });
    expect(Manifest.parse(JSON.parse(strFromU8(strToU8(JSON.stringify(m)))))).toEqual(m);
    expect(Manifest.safeParse({ ...m, format: 'other' }).success).toBe(false);
    expect(dataFilePath('plans', 'plans', 1)).toBe('data/plans/plans.json');
    expect(dataFilePath('plans', 'plans', 3)).toBe('data/plans/plans.3.json');
  });
});

describe('the multipart sink', () => {
  it('sends equal parts of the part size and the rest as a smaller last part; a carry resumes', async () => {
    const sent: Uint8Array[] = [];
    const upload = {
      uploadPart: async (n: number, v: Uint8Array) => {
        sent.push(v.slice());
        return { partNumber: n, etag: `e${n}` };
      },
    };
    const sink = new PartSink(upload, { partBytes: 1000, parts: [] });
    const data = pseudoRandom(3_456);
    for (let i = 0; i < data.length; i += 333) await sink.write(data.subarray(i, i + 333));
    expect(sent.map((p) => p.length)).toEqual([1000, 1000, 1000]);
    const carry = sink.carry;
    expect(carry.length).toBe(456);
    // A later invocation starts from the checkpoint's parts and carry.
    const resumed = new PartSink(upload, { partBytes: 1000, parts: sink.parts, carry });
    await resumed.write(pseudoRandom(700, 9));
    const parts = await resumed.close();
    expect(parts.map((p) => p.partNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(sent.map((p) => p.length)).toEqual([1000, 1000, 1000, 1000, 156]);
    expect(sha(new Uint8Array(sent.flatMap((p) => [...p])))).toBe(sha(new Uint8Array([...data, ...pseudoRandom(700, 9)])));
  });
});
