// Messages a page shows: errors (announced to screen readers at once) and plain notes.
import type { ComponentChildren } from 'preact';
import { messageOf } from '../api/errors';

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div class="notice error" role="alert">
      <p>{messageOf(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Note({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice" role="status">
      {children}
    </div>
  );
}

/** A progress bar with its label; value null means "working, no figure yet". */
export function Progress({ label, value }: { label: string; value: number | null }) {
  return (
    <div class="progress">
      <label>
        {label}
        <progress max={1} value={value ?? undefined} />
      </label>
    </div>
  );
}
