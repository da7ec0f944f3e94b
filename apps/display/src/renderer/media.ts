// The media area's playlist: the hub lists its media folder at /media/index.json (static.ts);
// images stay a few seconds each, videos play (muted) to their end, then the next file.
import { z } from 'zod';

export const MediaFile = z.object({
  name: z.string().min(1).max(255),
  url: z.string().min(1).max(2000),
  type: z.enum(['image', 'video']),
});
export type MediaFile = z.infer<typeof MediaFile>;

/** GET /media/index.json. Entries that do not parse are dropped, not the whole list. */
export const MediaIndex = z.object({ files: z.array(z.unknown()) });

export function parseMediaIndex(value: unknown): MediaFile[] {
  const parsed = MediaIndex.safeParse(value);
  if (!parsed.success) return [];
  const out: MediaFile[] = [];
  for (const entry of parsed.data.files) {
    const file = MediaFile.safeParse(entry);
    // Only the hub's own /media/ paths: the page's CSP would refuse anything else anyway.
    if (file.success && file.data.url.startsWith('/media/')) out.push(file.data);
  }
  return out;
}

/** The file after `index` (round and round); 0 for an empty or changed list. */
export function nextMediaIndex(index: number, length: number): number {
  if (length <= 0) return 0;
  return (index + 1) % length;
}

/**
 * Where to go on after the list was reloaded: the same file if it is still there (by name), else
 * the start.
 */
export function indexAfterReload(current: MediaFile | undefined, files: readonly MediaFile[]): number {
  if (!current) return 0;
  const i = files.findIndex((f) => f.name === current.name);
  return Math.max(0, i);
}

/** Two listings are the same playlist (a reload that changes nothing keeps playing as is). */
export function samePlaylist(a: readonly MediaFile[], b: readonly MediaFile[]): boolean {
  return a.length === b.length && a.every((f, i) => f.url === b[i]!.url && f.type === b[i]!.type);
}
