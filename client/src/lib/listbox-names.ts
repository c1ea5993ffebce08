/**
 * WCAG 4.1.2 for antd's Select dropdowns: rc-select renders its option list as an unnamed
 * `role="listbox"` (the name is on the field only), and in its screen-reader copy of the active
 * options a group heading gets `role="presentation"` with `aria-selected`, which no role allows.
 * While a dropdown is open this names the list after the field that controls it (`aria-controls`)
 * and drops the stray attribute. Installed once at start (main.tsx).
 */
const LIST = '[role="listbox"]:not([aria-label]):not([aria-labelledby])';
const STRAY = '[role="presentation"][aria-selected]';

/** The field's own name: its aria-label, else the text of the label that points at it. */
function fieldName(field: Element): string {
  const own = field.getAttribute('aria-label');
  if (own) return own;
  const labels = field instanceof HTMLInputElement ? [...(field.labels ?? [])] : [];
  return labels.map((l) => l.textContent?.trim() ?? '').find(Boolean) ?? '';
}

function repair(root: ParentNode): void {
  for (const list of root.querySelectorAll(LIST)) {
    const field = list.id ? document.querySelector(`[aria-controls="${CSS.escape(list.id)}"]`) : null;
    const name = field ? fieldName(field) : '';
    if (name) list.setAttribute('aria-label', name);
  }
  for (const item of root.querySelectorAll(STRAY)) item.removeAttribute('aria-selected');
}

export function nameSelectListboxes(): void {
  let queued = false;
  const observer = new MutationObserver(() => {
    // One pass per frame however many nodes changed: the live queues re-render often.
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      repair(document.body);
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'aria-selected'] });
}
