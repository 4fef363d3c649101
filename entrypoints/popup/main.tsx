import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { detectLang } from '@/lib/i18n';
import { createPopupActions } from '@/lib/ui-connector';
import '@/components/styles.css';

// Bench breakdown (bench/popup.ts): when the popup's script starts, as opposed to when its data is in.
performance.mark('popup:script');
const focus = new URLSearchParams(location.search).get('alert');
render(<PopupApp actions={createPopupActions()} lang={detectLang()} {...(focus ? { focusAlert: focus } : {})} />, document.getElementById('app') as HTMLElement);
