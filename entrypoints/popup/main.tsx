/**
 * The popup's first script: the data reads start here (IndexedDB open, the kept view or the snapshots,
 * settings) while the UI's code (Preact, components, strings) is still loading, instead of after it. The UI paints its loading state as soon as it is in (that first frame also
 * loads the CJK font), then the rows.
 */
import { createPopupActions } from '@/lib/pages/popup-connector';
import '@/components/shared/styles.css';

// Bench breakdown (bench/popup.ts): when the popup's script starts, as opposed to when its data is in.
performance.mark('popup:script');
const actions = createPopupActions();
const { mountPopup } = await import('./mount');
mountPopup(actions);
