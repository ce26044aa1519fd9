// The two big ways in: the camera (capture) or a photo already on the phone. Each is a
// label around a visually hidden file input, so it is one tap, keyboard-focusable, and
// announced as what it is.
export function PhotoButtons({ onPhoto, disabled }: { onPhoto: (file: File) => void; disabled: boolean }) {
  const picked = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // the same photo again is a new choice
    if (file) onPhoto(file);
  };
  return (
    <div class="photo-buttons">
      <label class={`big-button primary${disabled ? ' disabled' : ''}`}>
        <input class="visually-hidden" type="file" accept="image/*" capture="environment" disabled={disabled} onChange={picked} />
        Take a photo
      </label>
      <label class={`big-button${disabled ? ' disabled' : ''}`}>
        <input class="visually-hidden" type="file" accept="image/*" disabled={disabled} onChange={picked} />
        Choose a photo
      </label>
    </div>
  );
}
