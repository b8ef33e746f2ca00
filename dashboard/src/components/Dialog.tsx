import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface DialogProps {
  readonly title: string;
  /** Escape, or the caller's cancel button */
  readonly onClose: () => void;
  readonly children: ComponentChildren;
}

/**
 * A modal dialog on the native `<dialog>`: the browser traps focus inside, closes it on Escape and gives focus back
 * to the button that opened it. Shown while rendered; the parent removes it to close it.
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        // Escape: the parent decides (it removes the dialog), so the dialog and its state never disagree.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 class="dialog__title" id={`${id}-title`}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
