import { useEffect, useState } from 'preact/hooks';
import { detectLang, translator, type T } from '@/lib/core/i18n';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/core/model';
import { OptionsData } from './OptionsData';
import { OptionsSettings, type Language } from './OptionsSettings';
import { OptionsTimestamping } from './OptionsTimestamping';
import type { OptionsActions } from './actions';
import { useArchive, useCapturePermission, type ArchiveState, type CapturePerm } from '../shared/optional-features';

type Loaded = { status: 'loading' } | { status: 'ready'; settings: Settings; error?: string };

export function OptionsApp({ actions }: { actions: OptionsActions }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const capture = useCapturePermission(actions);
  const [language, setLanguage] = useState<Language>('auto');
  useEffect(() => {
    actions.loadSettings().then(
      (settings) => {
        setLanguage(settings.language);
        setLoaded({ status: 'ready', settings });
      },
      (e: unknown) =>
        setLoaded({ status: 'ready', settings: DEFAULT_SETTINGS, error: e instanceof Error ? e.message : String(e) }),
    );
  }, []);

  // Opened at a section (the popup's trusted time notes open #opt-stamp-h): go there once the settings are in,
  // since the sections above grow when they load.
  useEffect(() => {
    if (loaded.status !== 'ready' || !location.hash.startsWith('#opt-')) return;
    const target = document.getElementById(location.hash.slice(1));
    target?.scrollIntoView?.();
    target?.focus?.();
  }, [loaded.status]);

  const lang = detectLang(language, actions.browserLanguage);
  const t = translator(lang);
  useEffect(() => {
    // The page's own language and title follow the choice (screen readers pick the voice from it).
    document.documentElement.lang = lang;
    document.title = t('optionsTitle');
  }, [lang]);

  return (
    <div class="opt-page" lang={lang}>
      <header class="opt-header">
        <h1>{t('optionsTitle')}</h1>
        <nav aria-label={t('optNavLabel')}>
          <ul class="opt-nav">
            <li>
              <a href="#opt-settings-h">{t('optSettingsHeading')}</a>
            </li>
            <li>
              <a href="#opt-stamp-h">{t('stampHeading')}</a>
            </li>
            <li>
              <a href="#opt-perm-h">{t('permissionHeading')}</a>
            </li>
            <li>
              <a href="#opt-data-h">{t('optDataHeading')}</a>
            </li>
            <li>
              <a href="#opt-about-h">{t('optAboutHeading')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main class="page opt-main">
        <section class="opt-section" aria-labelledby="opt-settings-h">
          <h2 id="opt-settings-h" tabIndex={-1}>
            {t('optSettingsHeading')}
          </h2>
          {loaded.status === 'loading' && <p class="empty">{t('loading')}</p>}
          {loaded.status === 'ready' && loaded.error && (
            <p class="error" role="alert">
              {t('optLoadFailed', loaded.error)}
            </p>
          )}
          {loaded.status === 'ready' && (
            <OptionsSettings
              settings={loaded.settings}
              t={t}
              // Trusted time is saved by its own section: the form never writes back the timestamping it loaded.
              onSave={({ timestamping: _own, ...rest }) => actions.saveSettings(rest)}
              onLanguage={setLanguage}
              capture={{ granted: capture.perm === 'granted', request: capture.ask }}
            />
          )}
        </section>
        <section class="opt-section" aria-labelledby="opt-stamp-h">
          <h2 id="opt-stamp-h" tabIndex={-1}>
            {t('stampHeading')}
          </h2>
          {loaded.status === 'ready' && (
            <OptionsTimestamping settings={loaded.settings.timestamping} t={t} lang={lang} actions={actions} />
          )}
        </section>
        <PermissionSection actions={actions} t={t} perm={capture.perm} ask={capture.ask} />
        <section class="opt-section" aria-labelledby="opt-data-h">
          <h2 id="opt-data-h" tabIndex={-1}>
            {t('optDataHeading')}
          </h2>
          <OptionsData actions={actions} t={t} lang={lang} />
        </section>
        <section class="opt-section" aria-labelledby="opt-about-h">
          <h2 id="opt-about-h" tabIndex={-1}>
            {t('optAboutHeading')}
          </h2>
          <p class="opt-lead">{t('optPrivacyLead')}</p>
          <p>{t('optPrivacyDetail')}</p>
          <p class="opt-help">{t('optVersion', actions.version)}</p>
        </section>
      </main>
    </div>
  );
}

type Perm = CapturePerm;

function PermissionSection({ actions, t, perm, ask }: { actions: OptionsActions; t: T; perm: Perm; ask(): void }) {
  const text: Record<Perm, string> = {
    unknown: t('loading'),
    granted: t('permissionGranted'),
    missing: t('permissionMissing'),
    asking: t('optPermissionGranting'),
    denied: t('optPermissionDenied'),
  };
  return (
    <section class="opt-section" aria-labelledby="opt-perm-h">
      <h2 id="opt-perm-h" tabIndex={-1}>
        {t('permissionHeading')}
      </h2>
      <p>{t('permissionExplain')}</p>
      <p role="status" class={perm === 'granted' ? 'opt-good opt-perm-state' : 'opt-perm-state'}>
        <span aria-hidden="true">
          {perm === 'granted' ? '✓ ' : perm === 'missing' || perm === 'denied' ? '○ ' : ''}
        </span>
        {text[perm]}
      </p>
      {perm !== 'granted' && perm !== 'unknown' && (
        <button type="button" class="btn btn--primary" onClick={ask} disabled={perm === 'asking'}>
          {t('permissionGrant')}
        </button>
      )}
      <ArchiveSetting actions={actions} t={t} />
    </section>
  );
}

/** Whole-page MHTML beside the screenshot: Chrome's optional pageCapture; the text says when a browser has none. */
function ArchiveSetting({ actions, t }: { actions: OptionsActions; t: T }) {
  const { state, toggle } = useArchive(actions);
  const text: Record<ArchiveState, string> = {
    unknown: t('loading'),
    granted: t('archiveOn'),
    missing: t('archiveOff'),
    unsupported: t('archiveUnsupported'),
    asking: t('optPermissionGranting'),
    denied: t('optPermissionDenied'),
  };
  return (
    <div class="opt-archive">
      <h3 id="opt-archive-h">{t('archiveHeading')}</h3>
      <p>{t('archiveExplain')}</p>
      <p
        role="status"
        class={state === 'granted' ? 'opt-good opt-archive-state' : 'opt-archive-state'}
        data-state={state}
      >
        <span aria-hidden="true">
          {state === 'granted' ? '✓ ' : state === 'unknown' || state === 'asking' ? '' : '○ '}
        </span>
        {text[state]}
      </p>
      {(state === 'missing' || state === 'denied') && (
        <button type="button" class="btn" onClick={() => toggle(true)}>
          {t('archiveEnable')}
        </button>
      )}
      {state === 'granted' && (
        <button type="button" class="btn" onClick={() => toggle(false)}>
          {t('archiveDisable')}
        </button>
      )}
    </div>
  );
}
