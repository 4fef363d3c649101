/**
 * The popup's kept first screen, painted before anything else of the popup's runs (lib/pages/kept-screen.ts):
 * a classic script, loaded from entrypoints/popup/index.html ahead of the module entry, that reads localStorage
 * synchronously. Built by WXT as an unlisted script (`/popup-kept.js`, an IIFE); an extension page's CSP allows
 * no inline script.
 */
import { paintStoredScreen } from '@/lib/pages/kept-screen';

export default defineUnlistedScript(() => {
  if (paintStoredScreen(document, () => localStorage, navigator.language)) performance.mark('popup:kept');
});
