import { describe, expect, it } from 'vitest';
import { indexAfterReload, type MediaFile, nextMediaIndex, parseMediaIndex, samePlaylist } from './media.ts';

const img = (name: string): MediaFile => ({ name, url: `/media/${name}`, type: 'image' });
const vid = (name: string): MediaFile => ({ name, url: `/media/${name}`, type: 'video' });

describe('media playlist', () => {
  it('reads the hub’s listing, dropping entries it cannot use', () => {
    expect(
      parseMediaIndex({
        files: [
          img('a.png'),
          vid('b.mp4'),
          { name: 'c.svg', url: '/media/c.svg', type: 'svg' },
          { name: 'd.png', url: 'https://elsewhere.example/d.png', type: 'image' },
          'junk',
        ],
      }),
    ).toEqual([img('a.png'), vid('b.mp4')]);
    for (const bad of [null, {}, { files: 'x' }, 'text']) expect(parseMediaIndex(bad)).toEqual([]);
  });

  it('goes round and round', () => {
    expect([0, 1, 2].map((i) => nextMediaIndex(i, 3))).toEqual([1, 2, 0]);
    expect(nextMediaIndex(0, 1)).toBe(0);
    expect(nextMediaIndex(4, 0)).toBe(0);
  });

  it('stays on the file shown after a reload when it is still listed', () => {
    const list = [img('a.png'), vid('b.mp4'), img('c.png')];
    expect(indexAfterReload(list[1], list)).toBe(1);
    expect(indexAfterReload(list[1], [list[1]!, list[2]!])).toBe(0);
    expect(indexAfterReload(img('gone.png'), list)).toBe(0);
    expect(indexAfterReload(undefined, list)).toBe(0);
  });

  it('tells an unchanged listing from a new one', () => {
    expect(samePlaylist([img('a.png')], [img('a.png')])).toBe(true);
    expect(samePlaylist([img('a.png')], [img('b.png')])).toBe(false);
    expect(samePlaylist([img('a.png')], [])).toBe(false);
  });
});
