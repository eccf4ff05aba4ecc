// A button that opens a menu: opens with Enter or Space (focus goes to the first item), moves with the
// arrow keys, Home and End, closes with Escape, Tab or a click elsewhere, and gives focus back to its button.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  /** A choice among several (a reaction): shown as checked when it is the current one. */
  checked?: boolean;
  /** The accessible name when the label alone says too little (an emoji). */
  ariaLabel?: string;
  danger?: boolean;
}

export interface MenuProps {
  /** The button's accessible name (also the menu's). */
  label: string;
  /** What the button shows. */
  children: ComponentChildren;
  items: MenuItem[];
  /** Extra class of the wrapper, which the stylesheet positions. */
  class?: string;
  buttonClass?: string;
  /** A row of choices (reactions): the left and right arrow keys move. */
  horizontal?: boolean;
  disabled?: boolean;
}

export function Menu({ label, children, items, class: extra, buttonClass, horizontal, disabled }: MenuProps) {
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // Before the menu is painted: a key pressed right after opening already goes to the menu.
  useLayoutEffect(() => {
    if (!open) return;
    const buttons = [...(menu.current?.querySelectorAll('button') ?? [])];
    (buttons.find((button) => button.getAttribute('aria-checked') === 'true') ?? buttons[0])?.focus();
    const close = (event: Event) => {
      if (!menu.current?.contains(event.target as Node) && !toggle.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const closeMenu = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const select = (item: MenuItem) => () => {
    closeMenu();
    item.onSelect();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(menu.current?.querySelectorAll('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const [back, forward] = horizontal ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    let next: number | null = null;
    if (event.key === forward) next = (index + 1) % buttons.length;
    else if (event.key === back) next = (index + buttons.length - 1) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeMenu();
    } else if (event.key === 'Tab') setOpen(false);
    if (next !== null) {
      event.preventDefault();
      buttons[next]?.focus();
    }
  };

  return (
    <span class={`menu-wrap${extra ? ` ${extra}` : ''}`}>
      <button
        ref={toggle}
        type="button"
        class={buttonClass ?? 'icon-btn'}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        {children}
      </button>
      {open ? (
        <div
          class={`menu${horizontal ? ' horizontal' : ''}`}
          role="menu"
          aria-label={label}
          aria-orientation={horizontal ? 'horizontal' : 'vertical'}
          tabIndex={-1}
          ref={menu}
          onKeyDown={onKeyDown}
        >
          {items.map((item) =>
            item.checked === undefined ? (
              <button
                key={item.label}
                type="button"
                role="menuitem"
                aria-label={item.ariaLabel}
                class={item.danger ? 'danger' : undefined}
                tabIndex={-1}
                onClick={select(item)}
              >
                {item.label}
              </button>
            ) : (
              <button
                key={item.label}
                type="button"
                role="menuitemradio"
                aria-checked={item.checked}
                aria-label={item.ariaLabel}
                tabIndex={-1}
                onClick={select(item)}
              >
                {item.label}
              </button>
            ),
          )}
        </div>
      ) : null}
    </span>
  );
}
