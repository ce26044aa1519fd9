// Studio photos for an item: dropped on the zone, picked (several at once) or taken with
// the camera; each checked before upload, shown as a thumbnail, removable.
import { useEffect, useState } from 'preact/hooks';

/** The server's default MAX_UPLOAD_BYTES (20 MiB): larger files would be refused with 413. */
export const MAX_STUDIO_BYTES = 20 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export function problemWith(file: File): string | null {
  if (!TYPES.includes(file.type)) return `“${file.name}” is not a JPEG, PNG or WebP image.`;
  if (file.size > MAX_STUDIO_BYTES) return `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB: the server takes at most 20 MB per photo.`;
  return null;
}

export function PhotoDrop({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const [over, setOver] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = files.map((f) => URL.createObjectURL(f));
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [files]);
  const add = (list: FileList | null | undefined) => {
    const chosen = [...(list ?? [])];
    setRefused(chosen.map(problemWith).filter((p): p is string => p !== null));
    onChange([...files, ...chosen.filter((f) => !problemWith(f))]);
  };
  const picked = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    add(input.files);
    input.value = '';
  };
  return (
    <fieldset>
      <legend>Studio photos (the first is the primary one)</legend>
      <div
        class={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => (e.preventDefault(), setOver(false), add(e.dataTransfer?.files))}
      >
        <p>Drop photos here, or</p>
        <div class="row">
          <label class="big-button">
            <input class="visually-hidden" type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={picked} />
            Choose photos
          </label>
          <label class="big-button">
            <input class="visually-hidden" type="file" accept="image/*" capture="environment" onChange={picked} />
            Take a photo
          </label>
        </div>
      </div>
      {refused.length > 0 && (
        <div class="notice error" role="alert">
          {refused.map((r) => (
            <p key={r}>{r}</p>
          ))}
        </div>
      )}
      <ul class="thumbs" aria-label="Chosen photos">
        {files.map((f, i) => (
          <li key={`${f.name}-${i}`}>
            <img src={urls[i]} alt={f.name} />
            <button type="button" class="link" aria-label={`Remove ${f.name}`} onClick={() => onChange(files.filter((_, j) => j !== i))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
