import { signal } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang, T } from '@/lib/core/i18n';
import { translator } from '@/lib/core/i18n';
import { formatDuration } from '@/lib/core/alert-text';
import { formatDateTime } from '@/lib/core/format';
import type { PopupActions, PopupData } from './actions';
import { AlertList } from './AlertList';
import { IntegrityCheck } from '../shared/IntegrityCheck';
import { OrderList } from './OrderList';
import { StrayParcels } from './StrayParcels';
import { ProductList } from './ProductList';
import { Recovered } from './Recovered';

type State = { status: 'loading' } | { status: 'ready'; data: PopupData } | { status: 'error'; error: string };

export function PopupApp({
  actions,
  lang: initialLang,
  focusAlert,
  keptScreen = false,
  onShown,
}: {
  actions: PopupActions;
  lang: Lang;
  focusAlert?: string;
  /** The last screen kept is painted (entrypoints/popup-kept.ts): until the data is in, it is the loading state. */
  keptScreen?: boolean;
  /** After each render with data: the popup keeps its first screen for the next open (lib/pages/kept-screen.ts). */
  onShown?: (main: HTMLElement, shown: { lang: Lang; note: string }) => void;
}) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const t = translator(lang);
  const state = useMemo(() => signal<State>({ status: 'loading' }), []);
  const notice = useMemo(() => signal<string | null>(null), []);

  const loadedRef = useMemo(() => ({ at: Date.now() }), []);
  const reload = (): Promise<void> =>
    actions.load().then(
      (data) => {
        loadedRef.at = Date.now();
        if (data.settings.language !== 'auto') setLang(data.settings.language);
        state.value = { status: 'ready', data };
      },
      (e: unknown) => {
        state.value = { status: 'error', error: e instanceof Error ? e.message : String(e) };
      },
    );
  useEffect(() => void reload(), []);

  const capture = async () => {
    notice.value = null;
    const r = await actions.captureNow();
    notice.value = !r.ok
      ? r.storageFull
        ? t('storageFull')
        : t('captureFailed', r.error)
      : r.sameAs !== undefined
        ? t('captureSame', formatDateTime(r.sameAs, undefined, lang))
        : t('captureDone');
    void reload();
  };

  const s = state.value;
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (s.status === 'ready' && mainRef.current) onShown?.(mainRef.current, { lang, note: t('keptScreenNote') });
  }, [s, lang]);
  if (s.status === 'loading' && keptScreen) return null;
  return (
    <main class="popup" lang={lang} ref={mainRef}>
      <header class="popup__header">
        <h1>{t('popupTitle')}</h1>
        <div class="popup__actions">
          <button type="button" class="btn btn--primary" onClick={capture}>
            {t('captureNow')}
          </button>
          <button type="button" class="btn" onClick={() => actions.openOptions()}>
            {t('openOptions')}
          </button>
          <button
            type="button"
            class="btn"
            lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
            aria-label={t('switchLanguage')}
            onClick={() => {
              const next: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
              setLang(next);
              void actions.setLanguage?.(next);
            }}
          >
            {lang === 'zh-CN' ? 'EN' : '中文'}
          </button>
        </div>
      </header>
      {notice.value && (
        <p class="notice" role="status">
          {notice.value}
        </p>
      )}
      {s.status === 'loading' && <p class="empty">{t('loading')}</p>}
      {s.status === 'error' && (
        <p class="error" role="alert">
          {t('loadError', s.error)}
        </p>
      )}
      {s.status === 'ready' && <FeatureState data={s.data} actions={actions} t={t} />}
      {s.status === 'ready' && s.data.page && <PageStatusNote page={s.data.page} t={t} />}
      {s.status === 'ready' && <Recovered actions={actions} t={t} locale={lang} version={loadedRef.at} />}
      {s.status === 'ready' && s.data.stamping && (
        <TrustedTimeNotes
          notes={s.data.stamping}
          actions={{ ...actions, dismissStampOffer: () => actions.dismissStampOffer().then(reload) }}
          t={t}
        />
      )}
      {s.status === 'ready' && (
        <section aria-labelledby="alerts-h">
          <h2 id="alerts-h">{t('alertsHeading')}</h2>
          <AlertList
            alerts={s.data.alerts}
            actions={{
              ...actions,
              dismiss: (id) => actions.dismiss(id).then(reload),
              snooze: (id) => actions.snooze(id).then(reload),
            }}
            t={t}
            locale={lang}
            thresholds={s.data.settings}
            clock={() => s.data.now + (Date.now() - loadedRef.at)}
            {...(focusAlert ? { focusId: focusAlert } : {})}
          />
        </section>
      )}
      {s.status === 'ready' && (
        <section aria-labelledby="orders-h">
          <div class="section-head">
            <h2 id="orders-h">{t('ordersHeading')}</h2>
            <button type="button" class="btn" onClick={() => actions.openAddOrder()}>
              {t('appOrderAdd')}
            </button>
          </div>
          <OrderList
            rows={s.data.orders}
            t={t}
            locale={lang}
            now={s.data.now}
            actions={actions}
            alerts={s.data.alerts}
            autoCapture={s.data.settings.autoCapture && s.data.captureGranted !== false}
          />
        </section>
      )}
      {s.status === 'ready' && s.data.strayParcels?.length ? (
        <section aria-labelledby="stray-parcels-h">
          <h2 id="stray-parcels-h">{t('strayParcelsHeading')}</h2>
          <StrayParcels
            parcels={s.data.strayParcels}
            orders={s.data.orders}
            t={t}
            locale={lang}
            attach={(p) => actions.attachParcel(p).then(async (r) => (r.ok && (await reload()), r))}
          />
        </section>
      ) : null}
      {s.status === 'ready' && (
        <section aria-labelledby="products-h">
          <h2 id="products-h">{t('productsHeading')}</h2>
          {s.data.storageFull && (
            <p class="warning" role="alert">
              {t('storageFull')}{' '}
              <button type="button" class="btn" onClick={() => actions.openOptions()}>
                {t('storageFullOpen')}
              </button>
            </p>
          )}
          {s.data.captureFailures > 0 && (
            <p class="warning" role="status">
              {t('captureFailures', s.data.captureFailures)}
            </p>
          )}
          {(s.data.capturesSkipped ?? 0) > 0 && (
            <p class="warning" role="status">
              {t('capturesSkipped', s.data.capturesSkipped ?? 0)}
            </p>
          )}
          <ProductList
            rows={s.data.products}
            actions={{
              ...actions,
              correctPrice: (...a) => actions.correctPrice(...a).then(async (r) => (r.ok && (await reload()), r)),
            }}
            t={t}
            locale={lang}
          />
        </section>
      )}
      {s.status === 'ready' && <IntegrityCheck verify={() => actions.verifyEvidence()} t={t} />}
      {actions.timeTravel && (
        <footer class="popup__footer">
          {[24, 72].map((h) => (
            <button key={h} type="button" class="btn" onClick={() => void actions.timeTravel?.(h).then(reload)}>
              {t('timeTravel', h)}
            </button>
          ))}
        </footer>
      )}
    </main>
  );
}

/**
 * What will and will not happen on its own, said plainly: automatic screenshots are on only with the
 * setting on and the "all sites" permission granted; the popup never promises a screenshot that will not be taken.
 */
function FeatureState({ data, actions, t }: { data: PopupData; actions: PopupActions; t: T }) {
  if (!data.settings.autoCapture)
    return (
      <p class="feature-state" role="status">
        {t('autoCaptureOffSetting')}{' '}
        <button type="button" class="btn btn--link" onClick={() => actions.openOptions()}>
          {t('openOptions')}
        </button>
      </p>
    );
  if (data.captureGranted === false)
    return (
      <p class="feature-state feature-state--off" role="status">
        {t('autoCaptureOffPermission')}{' '}
        <button type="button" class="btn btn--primary" onClick={() => actions.openOnboarding()}>
          {t('autoCaptureTurnOn')}
        </button>
      </p>
    );
  return null;
}

/**
 * The shop page in the active tab: what is read on that shop and what is not (Douyin's orders and parcels are in its
 * app), and why this page gave no price when its content script said so.
 */
function PageStatusNote({ page, t }: { page: NonNullable<PopupData['page']>; t: T }) {
  return (
    <section class="page-status" aria-labelledby="page-h">
      <h2 id="page-h">{t('pageHeading')}</h2>
      {page.note && (
        <p class="warning page-status__note" role="status">
          {t(page.note === 'masked' ? 'pageNoteMasked' : 'pageNoteUnreadable')}
        </p>
      )}
      <p class="page-status__coverage">
        {page.platform === 'douyin' ? t('pageCoverageDouyin') : t('pageCoverageShop', t(`platform_${page.platform}`))}
      </p>
    </section>
  );
}

/**
 * Trusted time, only when there is something to say: the one-time offer after the first order (with the reason, a
 * way to it and a way to close it for good), records waiting too long for a stamp, and a clock the TSA contradicts.
 */
function TrustedTimeNotes({
  notes,
  actions,
  t,
}: {
  notes: NonNullable<PopupData['stamping']>;
  actions: Pick<PopupActions, 'openStampSettings' | 'dismissStampOffer'>;
  t: T;
}) {
  return (
    <>
      {notes.clockDiffMs !== undefined && (
        <p class="warning stamp-clock" role="alert">
          {t(
            'stampClockWarn',
            formatDuration(Math.abs(notes.clockDiffMs), t),
            t(notes.clockDiffMs > 0 ? 'stampClockSlow' : 'stampClockFast'),
          )}
        </p>
      )}
      {notes.unstamped !== undefined && (
        <p class="warning stamp-behind" role="status">
          {t('stampBehind', notes.unstamped)}{' '}
          <button type="button" class="btn btn--link" onClick={() => actions.openStampSettings()}>
            {t('stampBehindOpen')}
          </button>
        </p>
      )}
      {notes.offer && (
        <div class="notice stamp-offer" role="region" aria-label={t('stampHeading')}>
          <p>{t('stampOffer')}</p>
          <div class="popup__actions">
            <button type="button" class="btn btn--primary" onClick={() => actions.openStampSettings()}>
              {t('stampOfferOpen')}
            </button>
            <button type="button" class="btn" onClick={() => void actions.dismissStampOffer()}>
              {t('stampOfferDismiss')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
