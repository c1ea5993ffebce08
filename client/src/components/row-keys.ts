import type { KeyboardEvent } from 'react';

/**
 * A list of ticket rows worked from the keyboard (the supervisor's queues, the operator's shift):
 * Enter opens the focused row, ↑/↓ move the focus to the row above or below.
 */
export function onRowKey(e: KeyboardEvent<HTMLElement>, open: () => void): void {
  if (e.key === 'Enter') {
    e.preventDefault();
    open();
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const row = e.currentTarget;
    const next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
    if (next instanceof HTMLElement) next.focus();
  }
}
