import type { Attachment } from 'svelte/attachments';

/**
 * For a `.scroll-row` (app.css): keeps the chosen item, and each item the keyboard reaches, in
 * view. `current` is only there to be read: the attachment reruns when it changes (a new tab, a
 * new day). Focus needs it too: the browser's own focus scrolling stops short of the faded
 * edges, and in RTL may not scroll at all. The row is scrolled by hand rather than with
 * scrollIntoView, which also scrolls the page to the row (a day picker below the fold would jump
 * into view on load); the row's scroll-padding is honoured so the item stops clear of the fades.
 */
export function keepInView(selector: string, current: unknown): Attachment<HTMLElement> {
  void current;
  return (row) => {
    // After this update's changes reach the DOM (the items' own attributes may update after this).
    queueMicrotask(() => reveal(row, row.querySelector(selector)));
    const onfocusin = (e: FocusEvent) => reveal(row, e.target as Element);
    row.addEventListener('focusin', onfocusin);
    return () => row.removeEventListener('focusin', onfocusin);
  };
}

function reveal(row: HTMLElement, item: Element | null) {
  if (!item || item === row || row.scrollWidth <= row.clientWidth) return;
  const style = getComputedStyle(row);
  // Physical sides: scroll-padding-inline-start is the right one in Hebrew.
  const pad = (v: string) => Number.parseFloat(v) || 0; // "auto" reads as none
  const box = row.getBoundingClientRect();
  const it = item.getBoundingClientRect();
  const before = it.left - (box.left + pad(style.scrollPaddingLeft));
  const after = it.right - (box.right - pad(style.scrollPaddingRight));
  if (before < 0) row.scrollBy({ left: before });
  else if (after > 0) row.scrollBy({ left: after });
}
