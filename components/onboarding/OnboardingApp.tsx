/**
 * The first page after install (zh-CN first): what the extension reads, what stays on this computer, one
 * button per optional feature with the reason and the browser's own warning, and why each install-time
 * warning was shown. Every permission it names comes from lib/core/permissions.ts.
 */
import { useEffect, useState } from 'preact/hooks';
import { detectLang, translator, type T } from '@/lib/core/i18n';
import { PERMISSIONS, type Browser } from '@/lib/core/permissions';
import type { OnboardingActions } from './actions';
import { useArchive, useCapturePermission } from '../shared/optional-features';

const note = (name: string) => PERMISSIONS.find((p) => p.name === name);

function warningOf(name: string, browser: Browser, t: T): string | null {
  const key = note(name)?.warning?.[browser];
  return key ? t(key) : null;
}

export function OnboardingApp({ actions }: { actions: OnboardingActions }) {
  const t = translator(detectLang('auto', actions.browserLanguage));
  const { perm: capture, ask: askCapture } = useCapturePermission(actions);
  const { state: archive, toggle: toggleArchive } = useArchive(actions);
  const [phone, setPhone] = useState(false);
  useEffect(() => {
    document.title = t('obTitle');
    actions.isPhone().then(setPhone, () => setPhone(false));
  }, []);
  const captureWarning = warningOf('<all_urls>', actions.browser, t);
  const archiveWarning = warningOf('pageCapture', actions.browser, t);
  const installNotes = PERMISSIONS.filter(
    (p) => p.when === 'install' && p.browsers.includes(actions.browser) && p.warning?.[actions.browser],
  );

  return (
    <main class="page onboarding">
      <h1>{t('obTitle')}</h1>
      <p>{t('obIntro')}</p>

      <section aria-labelledby="ob-reads-h">
        <h2 id="ob-reads-h">{t('obReadsHeading')}</h2>
        <p>{t('obReads')}</p>
      </section>

      {phone && (
        <section aria-labelledby="ob-phone-h" class="ob-phone">
          <h2 id="ob-phone-h">{t('obPhoneHeading')}</h2>
          <ul>
            <li>{t('obPhoneCapture')}</li>
            <li>{t('obPhoneAlerts')}</li>
            <li>{t('obPhoneFiles')}</li>
          </ul>
        </section>
      )}

      <section aria-labelledby="ob-local-h">
        <h2 id="ob-local-h">{t('obLocalHeading')}</h2>
        <p>{t('obLocal')}</p>
      </section>

      <section aria-labelledby="ob-features-h">
        <h2 id="ob-features-h">{t('obFeaturesHeading')}</h2>
        <div class="ob-feature" data-feature="capture">
          <h3>{t('obCaptureTitle')}</h3>
          <p>{t('permWhyAllUrls')}</p>
          <p role="status" class={capture === 'granted' ? 'opt-good' : 'ob-state'}>
            {capture === 'granted'
              ? t('obCaptureOn')
              : capture === 'denied'
                ? t('obCaptureDenied')
                : capture === 'unknown'
                  ? t('loading')
                  : t('obCaptureOff')}
          </p>
          {capture !== 'granted' && capture !== 'unknown' && (
            <>
              <button type="button" class="btn btn--primary" onClick={askCapture} disabled={capture === 'asking'}>
                {t('obCaptureButton')}
              </button>
              {captureWarning && <p class="opt-help">{t('obBrowserWillShow', captureWarning)}</p>}
            </>
          )}
        </div>
        <div class="ob-feature" data-feature="archive">
          <h3>{t('obArchiveTitle')}</h3>
          <p>{t('permWhyPageCapture')}</p>
          {archive === 'unsupported' ? (
            <p class="ob-state">{t('obArchiveUnsupported')}</p>
          ) : (
            <>
              <p role="status" class={archive === 'granted' ? 'opt-good' : 'ob-state'}>
                {archive === 'granted'
                  ? t('obArchiveOn')
                  : archive === 'denied'
                    ? t('obCaptureDenied')
                    : archive === 'unknown'
                      ? t('loading')
                      : t('obArchiveOff')}
              </p>
              {archive !== 'granted' && archive !== 'unknown' && (
                <>
                  <button type="button" class="btn" onClick={() => toggleArchive(true)} disabled={archive === 'asking'}>
                    {t('obArchiveButton')}
                  </button>
                  {archiveWarning && <p class="opt-help">{t('obBrowserWillShow', archiveWarning)}</p>}
                </>
              )}
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="ob-warnings-h">
        <h2 id="ob-warnings-h">{t('obWarningsHeading')}</h2>
        <p>{t('obWarningsIntro')}</p>
        <dl class="ob-warnings">
          {installNotes.map((p) => (
            <div key={p.name}>
              <dt>“{t(p.warning![actions.browser]!)}”</dt>
              <dd>{t(p.why)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <p>{t('obDone')}</p>
      <button type="button" class="btn" onClick={() => actions.openOptions()}>
        {t('openOptions')}
      </button>
    </main>
  );
}
