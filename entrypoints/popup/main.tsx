import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { detectLang } from '@/lib/i18n';
import { createPopupActions } from '@/lib/ui-connector';
import '@/components/styles.css';

const focus = new URLSearchParams(location.search).get('alert');
render(<PopupApp actions={createPopupActions()} lang={detectLang()} {...(focus ? { focusAlert: focus } : {})} />, document.getElementById('app') as HTMLElement);
