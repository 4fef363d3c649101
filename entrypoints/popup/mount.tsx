import { render } from 'preact';
import type { PopupActions } from '@/components/popup/actions';
import { PopupApp } from '@/components/popup/PopupApp';
import { detectLang } from '@/lib/core/i18n';

export function mountPopup(actions: PopupActions): void {
  performance.mark('popup:ui');
  const focus = new URLSearchParams(location.search).get('alert');
  render(
    <PopupApp actions={actions} lang={detectLang()} {...(focus ? { focusAlert: focus } : {})} />,
    document.getElementById('app') as HTMLElement,
  );
}
