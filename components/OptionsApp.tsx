import { useEffect, useState } from 'preact/hooks';
import type { T } from '@/lib/i18n';

export interface OptionsActions {
  hasCapturePermission(): Promise<boolean>;
  requestCapturePermission(): Promise<boolean>;
}

export function OptionsApp({ actions, t }: { actions: OptionsActions; t: T }) {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => void actions.hasCapturePermission().then(setGranted), []);
  return (
    <main class="page">
      <h1>{t('optionsTitle')}</h1>
      <section aria-labelledby="perm-h">
        <h2 id="perm-h">{t('permissionHeading')}</h2>
        <p>{t('permissionExplain')}</p>
        <p role="status">{granted === null ? t('loading') : granted ? t('permissionGranted') : t('permissionMissing')}</p>
        {granted === false && (
          <button type="button" class="btn btn--primary" onClick={() => void actions.requestCapturePermission().then(setGranted)}>
            {t('permissionGrant')}
          </button>
        )}
      </section>
      <p class="empty">{t('privacyNote')}</p>
    </main>
  );
}
