import { render } from 'preact';
import type { PopupActions } from '@/components/popup/actions';
import { PopupApp } from '@/components/popup/PopupApp';
import { detectLang } from '@/lib/core/i18n';
import { KEPT_SCREEN_ID, keepScreen } from '@/lib/pages/kept-screen';

export function mountPopup(actions: PopupActions): void {
  performance.mark('popup:ui');
  const focus = new URLSearchParams(location.search).get('alert');
  // The last screen kept (entrypoints/popup-kept.ts painted it): it stays until the live data is in, then goes in
  // the same task as the live rows render, so no frame shows both or neither.
  const kept = document.getElementById(KEPT_SCREEN_ID);
  const live: PopupActions = kept ? { ...actions, load: () => actions.load().finally(() => kept.remove()) } : actions;
  render(
    <PopupApp
      actions={live}
      lang={detectLang()}
      keptScreen={kept !== null}
      onShown={(main, shown) => keepScreen(main, shown)}
      {...(focus ? { focusAlert: focus } : {})}
    />,
    document.getElementById('app') as HTMLElement,
  );
}
