/** A phone's screen for the e2e tests: 360×780, and what a thumb needs of a page there. */
export const PHONE = { width: 360, height: 780 };

/**
 * Firefox preferences that make a desktop Firefox answer like Firefox for Android's touch screen: `(pointer: coarse)`
 * and `(hover: none)` (bit 1 = coarse pointer; no fine pointer, no hover).
 */
export const FIREFOX_TOUCH_PREFS = { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 };

export interface ThumbReport {
  /** How far the page scrolls sideways (0 or less: it does not). */
  overflow: number;
  /** The elements reaching past the right edge, when it does. */
  wide: string[];
  /** Controls smaller than 44 px either way, described. */
  small: string[];
  coarse: boolean;
}

/** Runs in the page (serialised by the driver: closes over nothing). */
export function thumbReport(): ThumbReport {
  const small: string[] = [];
  const controls = 'button, [role=button], input:not([type=hidden]), select, textarea, summary, a[role=button]';
  for (const el of document.querySelectorAll<HTMLElement>(controls)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    // A visually hidden file input is reached through its label button, which is measured itself.
    if (el.classList.contains('visually-hidden')) continue;
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      // A box is reached through its label: measure that.
      const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
      if ((label?.getBoundingClientRect().height ?? 0) >= 44) continue;
    }
    if (r.height < 44 || r.width < 44) {
      const text = (el.textContent ?? '').trim().slice(0, 20);
      small.push(
        `${el.tagName.toLowerCase()}.${el.className} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`,
      );
    }
  }
  const edge = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll<HTMLElement>('*')]
    .filter((el) => el.getBoundingClientRect().right > edge + 0.5)
    .slice(0, 8)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} right ${Math.round(el.getBoundingClientRect().right)}`);
  return {
    overflow: document.documentElement.scrollWidth - edge,
    wide,
    small,
    coarse: matchMedia('(pointer: coarse) and (hover: none)').matches,
  };
}
