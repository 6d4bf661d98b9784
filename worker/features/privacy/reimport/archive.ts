// An uploaded archive read and checked before it is accepted (ADR 041, ADR 045): its directory against the
// imports path's expansion caps (no byte inflated yet), then every file against the manifest (size and SHA-256),
// every data file read as a JSON array of rows. Folders and the metadata a desktop zip tool adds (__MACOSX/,
// .DS_Store, Thumbs.db, ._ AppleDouble files) are not the archive's and are passed over; any other unlisted or
// changed file is refused by name.
import { AppError, ErrorCode } from '../../../lib/errors';
import { chunksOf } from '../../../lib/streams';
import { UPLOAD_LIMITS } from '../../ingest';
import { FORMAT_VERSION, Manifest, MANIFEST_NAME } from '../export/manifest';
import type { Hasher } from '../export/zip-writer';
import { ArchiveDataError, jsonRows } from './json-rows';
import {
  checkExpansion,
  type ExpansionLimits,
  entryChunks,
  type RangeSource,
  readDirectory,
  type ZipEntryInfo,
  ZipReadError,
} from './zip-reader';

/** The largest archive accepted (streamed to storage; a ten-year athlete's originals fit). */
export const REIMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * The imports path's caps (ingest/files/limits.ts) on entries, one entry's size (an original was an upload under
 * that cap; data files split at 32 MiB) and compression ratio; in all, no more than the largest archive taken.
 */
export const REIMPORT_EXPANSION: Readonly<ExpansionLimits> = Object.freeze({
  maxEntries: UPLOAD_LIMITS.maxEntries,
  maxEntryBytes: UPLOAD_LIMITS.maxUploadBytes,
  maxTotalBytes: REIMPORT_MAX_BYTES,
  maxCompressionRatio: UPLOAD_LIMITS.maxCompressionRatio,
  ratioGraceBytes: UPLOAD_LIMITS.ratioGraceBytes,
});

/** A folder entry, or what macOS and Windows add to a zip they write: never part of a Cadence archive. */
export function isZipToolMetadata(name: string): boolean {
  if (name.endsWith('/')) return true;
  const parts = name.split('/');
  const base = parts[parts.length - 1] ?? '';
  return parts[0] === '__MACOSX' || base === '.DS_Store' || base === 'Thumbs.db' || base === 'desktop.ini' || base.startsWith('._');
}

const invalid = (message: string, file?: string): AppError =>
  new AppError(ErrorCode.VALIDATION, message, { fields: [{ path: file ?? 'archive', message }] });

export function r2Source(bucket: R2Bucket, key: string, size: number): RangeSource {
  const get = async (offset: number, length: number) => {
    const obj = await bucket.get(key, { range: { offset, length } });
    if (!obj) throw new ZipReadError('The archive is no longer stored.');
    return obj;
  };
  return {
    size,
    read: async (offset, length) => (length ? new Uint8Array(await (await get(offset, length)).arrayBuffer()) : new Uint8Array(0)),
    stream: async (offset, length) => (length ? chunksOf((await get(offset, length)).body) : (async function* () {})()),
  };
}

async function directory(src: RangeSource): Promise<ZipEntryInfo[]> {
  try {
    const all = await readDirectory(src);
    checkExpansion(all, REIMPORT_EXPANSION);
    return all.filter((e) => !isZipToolMetadata(e.name));
  } catch (err) {
    if (err instanceof ZipReadError && err.entry) throw invalid(`${err.message} Nothing was imported.`, err.entry);
    if (err instanceof ZipReadError) throw invalid(`${err.message} Choose the .zip that “Download my data” made.`);
    throw err;
  }
}

async function readManifest(src: RangeSource, entry: ZipEntryInfo | undefined): Promise<Manifest> {
  if (!entry) throw invalid('This zip has no manifest.json, so it is not a Cadence data archive.');
  if (entry.size > 64 * 1024 * 1024) throw invalid('manifest.json is too large.', MANIFEST_NAME);
  let text = '';
  const decoder = new TextDecoder();
  try {
    for await (const c of entryChunks(src, entry)) text += decoder.decode(c, { stream: true });
  } catch (err) {
    if (err instanceof ZipReadError) throw invalid(`manifest.json is damaged: ${err.message}`, MANIFEST_NAME);
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('manifest.json is not valid JSON.', MANIFEST_NAME);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw invalid('manifest.json is not a Cadence archive manifest.', MANIFEST_NAME);
  if (parsed.data.formatVersion > FORMAT_VERSION)
    throw invalid(
      `This archive was made by a newer Cadence (format ${parsed.data.formatVersion}); this one reads up to ${FORMAT_VERSION}.`,
    );
  return parsed.data;
}

/** One file hashed against its manifest line; a data file is also read as rows, so a malformed one is refused now. */
async function verifyFile(src: RangeSource, e: ZipEntryInfo, f: Manifest['files'][number], hasher: () => Hasher): Promise<void> {
  const hash = hasher();
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of entryChunks(src, e)) {
      bytes += c.length;
      await hash.update(c);
      yield c;
    }
  }
  try {
    if (f.kind === 'data') for await (const _ of jsonRows(counted(), f.path));
    else for await (const _ of counted());
  } catch (err) {
    if (err instanceof ZipReadError) throw invalid(`${f.path} is damaged: ${err.message}`, f.path);
    if (err instanceof ArchiveDataError) throw invalid(err.message, f.path);
    throw err;
  }
  if (bytes !== f.bytes || (await hash.digest()) !== f.sha256)
    throw invalid(`${f.path} does not match the manifest (its SHA-256 differs): the archive was changed after Cadence made it.`, f.path);
}

/** The manifest and the directory of an archive; `verify` also checks every file against the manifest. */
export async function openArchive(src: RangeSource, hasher: () => Hasher, verify: boolean) {
  const dir = await directory(src);
  const byName = new Map(dir.map((e) => [e.name, e]));
  const manifest = await readManifest(src, byName.get(MANIFEST_NAME));
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const name of byName.keys())
    if (name !== MANIFEST_NAME && !listed.has(name))
      throw invalid(`${name} is in the zip but not in its manifest: the archive was changed.`, name);
  for (const f of manifest.files) {
    const e = byName.get(f.path);
    if (!e) throw invalid(`${f.path} is listed in the manifest but missing from the zip.`, f.path);
    if (verify) await verifyFile(src, e, f, hasher);
  }
  return { manifest, byName };
}
