/**
 * Names under which one context stores what another reads, spelt once: the background writes them and an
 * extension page reads them (or the other way round), so neither imports the other to agree on a string.
 */

/**
 * storage.local key: the shopper turned whole-page archives on in Settings (lib/background/page-archive.ts).
 * Kept apart from Settings so the settings form, which saves every field it loaded, can never switch it back.
 */
export const ARCHIVE_PREF = 'pageArchive';

/**
 * storage.local key: the shopper closed the popup's one-time offer of trusted time (shown after the first order is
 * captured, while trusted time is off). Never shown again once closed.
 */
export const STAMP_OFFER_DISMISSED = 'stampOfferDismissed';

/**
 * storage.session key per tab: why the page in that tab gave no price (lib/core/page-note.ts PageNote), written by the
 * worker when the tab's content script says so, read by the popup for the active tab.
 */
export const tabNoteKey = (tabId: number): string => `tabNote:${tabId}`;

// Meta keys (the IndexedDB `meta` store) are listed with their value types in lib/store/meta.ts.

/**
 * localStorage key (extension pages' own origin, synchronous): the popup's kept first screen, written by the popup
 * after each render with data, painted by entrypoints/popup-kept.ts before the popup's modules load, removed by the
 * options page when data is erased or restored (lib/pages/kept-screen.ts).
 */
export const KEPT_SCREEN_KEY = 'popupKeptScreen';
