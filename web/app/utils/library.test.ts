// The library panel's filters: the folders and tags offered, and what a search, folder and tag leave.
import { describe, expect, it } from 'vitest';
import { filterLibrary, type LibraryItem, libraryFilters, NO_FOLDER } from './library';

const item = (title: string, folder: string | null, tags: string[]): LibraryItem => ({
  id: title,
  title,
  sport: 'run',
  durationSec: 3000,
  distanceM: null,
  targetLoad: 60,
  folder,
  tags,
});
const ITEMS = [
  item('Threshold 3 × 10 min', 'Build', ['threshold', 'key']),
  item('Easy spin', null, ['recovery']),
  item('Long run', 'Base', ['key']),
];
const titles = (f: Partial<{ q: string; folder: string; tag: string }>) =>
  filterLibrary(ITEMS, { q: '', folder: '', tag: '', ...f }).map((w) => w.title);

describe('the library panel’s filters', () => {
  it('offers each folder and tag once, in order', () => {
    expect(libraryFilters(ITEMS)).toEqual({ folders: ['Base', 'Build'], tags: ['key', 'recovery', 'threshold'] });
  });

  it('keeps the items with every word of the search in their title, in the folder and with the tag chosen', () => {
    expect(titles({})).toHaveLength(3);
    expect(titles({ q: '  10 THRESHOLD ' })).toEqual(['Threshold 3 × 10 min']);
    expect(titles({ q: 'run spin' })).toEqual([]);
    expect(titles({ folder: 'Base' })).toEqual(['Long run']);
    expect(titles({ folder: NO_FOLDER })).toEqual(['Easy spin']);
    expect(titles({ tag: 'key' })).toEqual(['Threshold 3 × 10 min', 'Long run']);
    expect(titles({ tag: 'key', folder: 'Build', q: 'thr' })).toEqual(['Threshold 3 × 10 min']);
  });
});
