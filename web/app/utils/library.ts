// The training page's library panel, its rules without React: what an item shows, the filters the items
// offer and which items a search, folder and tag leave (the panel filters in the browser, as you type).

/** What the panel shows of a library workout. */
export interface LibraryItem {
  id: string;
  title: string;
  sport: string;
  durationSec: number;
  distanceM: number | null;
  targetLoad: number;
  folder: string | null;
  tags: string[];
}

/** The "No folder" choice: a folder's name is trimmed (FreeText), so none is a lone space. */
export const NO_FOLDER = ' ';

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));

/** The folders and tags the items use, each once, in order. */
export const libraryFilters = (items: LibraryItem[]) => ({
  folders: sorted(items.flatMap((w) => (w.folder ? [w.folder] : []))),
  tags: sorted(items.flatMap((w) => w.tags)),
});

/** Every word of `q` in the title, case-insensitive; the folder and tag as chosen. */
export function filterLibrary(items: LibraryItem[], f: { q: string; folder: string; tag: string }): LibraryItem[] {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter(
    (w) =>
      words.every((x) => w.title.toLowerCase().includes(x)) &&
      (!f.folder || (f.folder === NO_FOLDER ? w.folder === null : w.folder === f.folder)) &&
      (!f.tag || w.tags.includes(f.tag)),
  );
}
