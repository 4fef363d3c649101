/**
 * The popup's kept first screen, painted before anything else of the popup's runs (lib/pages/kept-screen.ts):
 * a classic script, loaded from entrypoints/popup/index.html ahead of the module entry, that reads localStorage
 * synchronously, then starts the popup's modules (the build moved them into this script's tag: build/speed.ts).
 * Built by WXT as an unlisted script (`/popup-kept.js`, an IIFE); an extension page's CSP allows no inline script.
 */
import { paintStoredScreen, startPopupModules } from '@/lib/pages/kept-screen';

export default defineUnlistedScript(() => {
  const tag = document.currentScript;
  try {
    if (paintStoredScreen(document, () => localStorage, navigator.language)) performance.mark('popup:kept');
  } finally {
    // Whatever happened above, the popup itself must start.
    startPopupModules(document, tag);
  }
});
