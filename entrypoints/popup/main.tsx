import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { detectLang } from '@/lib/i18n';
import { createPopupActions } from '@/lib/ui-connector';
import '@/components/styles.css';

render(<PopupApp actions={createPopupActions()} lang={detectLang()} />, document.getElementById('app') as HTMLElement);
