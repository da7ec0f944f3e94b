// The media area: images from the hub's media folder for a few seconds each, videos muted to
// their end, round and round. A file that fails to load is skipped.
import { useEffect, useRef, useState } from 'react';
import { useDisplayI18n } from './common.tsx';
import { indexAfterReload, type MediaFile, nextMediaIndex } from './media.ts';

export function MediaArea({ files, base, imageMs }: { files: MediaFile[]; base: string; imageMs: number }) {
  const { d } = useDisplayI18n();
  const [index, setIndex] = useState(0);
  const shown = useRef<MediaFile | undefined>(undefined);

  // A new listing: stay on the same file when it is still there.
  useEffect(() => {
    setIndex(indexAfterReload(shown.current, files));
  }, [files]);

  const file = files[index] ?? files[0];
  shown.current = file;
  const next = () => setIndex((i) => nextMediaIndex(i, files.length));

  useEffect(() => {
    if (!file || file.type !== 'image' || files.length < 2) return;
    const timer = setTimeout(() => setIndex((i) => nextMediaIndex(i, files.length)), imageMs);
    return () => clearTimeout(timer);
  }, [file, files.length, imageMs]);

  if (!file) return null;
  const src = `${base}${file.url}`;
  return (
    <figure className="d-panel d-media" data-testid="media" aria-label={d('media')}>
      {file.type === 'image' ? (
        <img key={src} className="d-media__item" src={src} alt="" onError={next} data-testid="media-image" />
      ) : (
        <video
          key={src}
          className="d-media__item"
          src={src}
          muted
          autoPlay
          playsInline
          loop={files.length === 1}
          onEnded={next}
          onError={next}
          data-testid="media-video"
        />
      )}
    </figure>
  );
}
