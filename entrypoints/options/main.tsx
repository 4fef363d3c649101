import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '@/components/OptionsApp';
import { detectLang, translator } from '@/lib/i18n';
import '@/components/styles.css';

const ALL = { origins: ['<all_urls>'] };
render(
  <OptionsApp
    t={translator(detectLang())}
    actions={{
      hasCapturePermission: () => browser.permissions.contains(ALL),
      // Must run inside the click handler: permissions.request needs a user gesture.
      requestCapturePermission: () => browser.permissions.request(ALL),
    }}
  />,
  document.getElementById('app') as HTMLElement,
);
