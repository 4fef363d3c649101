/**
 * Settings → 可信时间戳 (issue 16): what trusted time buys, exactly what leaves the browser, the switch (off until the
 * shopper turns it on), how often, and the authorities (built-in ones by name; custom ones with their root).
 *
 * Turning it on asks for the chosen authorities' origins from that click (permissions.request needs the gesture, so
 * it is the first thing the click does); adding a custom authority while it is on asks for that origin the same way.
 * Turning it off gives the permissions back. Each change is saved at once as `settings.timestamping`.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDuration } from '@/lib/core/alert-text';
import { formatDateTime } from '@/lib/core/format';
import type { Lang, MessageKey, T } from '@/lib/core/i18n';
import type { Timestamping } from '@/lib/core/model';
import {
  BUILTIN_TSA,
  MAX_AUTHORITIES,
  isBuiltin,
  isCertificatePem,
  isTsaUrl,
  originPattern,
  originPatterns,
  type AuthoritySetting,
} from '@/lib/core/timestamp/settings';
import type { OptionsActions, StampingView } from './actions';

type Actions = Pick<OptionsActions, 'saveSettings' | 'requestOrigins' | 'releaseOrigins' | 'stampingStatus'>;

type Status =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'denied' } | { kind: 'failed'; error: string };

interface CustomDraft {
  name: string;
  url: string;
  rootPem: string;
}
type CustomErrors = Partial<Record<keyof CustomDraft | 'list', MessageKey>>;

/** What is wrong with a custom authority before it is sent (the worker checks the root fully when it saves). */
export function validateCustom(d: CustomDraft, list: readonly AuthoritySetting[]): CustomErrors {
  const e: CustomErrors = {};
  if (d.name.trim() === '') e.name = 'stampErrName';
  if (!isTsaUrl(d.url.trim())) e.url = 'stampErrUrl';
  else if (list.some((a) => a.url === d.url.trim())) e.url = 'stampErrDuplicate';
  if (!isCertificatePem(d.rootPem)) e.rootPem = 'stampErrRoot';
  if (list.length >= MAX_AUTHORITIES) e.list = 'stampErrTooMany';
  return e;
}

const EMPTY: CustomDraft = { name: '', url: '', rootPem: '' };

export function OptionsTimestamping({
  settings,
  t,
  lang,
  actions,
}: {
  settings: Timestamping;
  t: T;
  lang: Lang;
  actions: Actions;
}) {
  const [saved, setSaved] = useState(settings);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [view, setView] = useState<StampingView | null>(null);
  const [interval, setIntervalText] = useState(String(settings.intervalMinutes));
  const [intervalError, setIntervalError] = useState(false);
  const [custom, setCustom] = useState<CustomDraft>(EMPTY);
  const [customErrors, setCustomErrors] = useState<CustomErrors>({});

  const refresh = (list: readonly AuthoritySetting[]) =>
    actions.stampingStatus(originPatterns(list)).then(setView, () => setView(null));
  useEffect(() => void refresh(saved.authorities), []);

  /** Saves `next` (the whole timestamping object); true when it was stored. */
  const save = async (next: Timestamping): Promise<boolean> => {
    setStatus({ kind: 'saving' });
    const r = await actions.saveSettings({ timestamping: next });
    if (!r.ok) {
      setStatus({ kind: 'failed', error: r.error });
      return false;
    }
    setSaved(r.settings.timestamping);
    setIntervalText(String(r.settings.timestamping.intervalMinutes));
    setStatus({ kind: 'saved' });
    void refresh(r.settings.timestamping.authorities);
    return true;
  };

  const toggle = (on: boolean) => {
    if (on) {
      // Still inside the click: the permission request comes first.
      const asked = actions.requestOrigins(originPatterns(saved.authorities));
      void asked.then(
        async (granted) => void (granted ? await save({ ...saved, enabled: true }) : setStatus({ kind: 'denied' })),
        () => setStatus({ kind: 'denied' }),
      );
      return;
    }
    void save({ ...saved, enabled: false }).then(async (ok) => {
      if (ok) await actions.releaseOrigins(originPatterns(saved.authorities));
    });
  };

  const remove = (a: AuthoritySetting) => {
    const authorities = saved.authorities.filter((x) => x.url !== a.url);
    void save({ ...saved, authorities }).then((ok) => {
      const stillUsed = new Set(originPatterns(authorities));
      const gone = originPatterns([a]).filter((o) => !stillUsed.has(o));
      if (ok && gone.length > 0) void actions.releaseOrigins(gone);
    });
  };

  /** Adds an authority; while trusted time is on, asks for its origin first (inside the click). */
  const add = (a: AuthoritySetting) => {
    const authorities = [...saved.authorities, a];
    if (!saved.enabled) {
      void save({ ...saved, authorities });
      return;
    }
    void actions.requestOrigins([originPattern(a.url)]).then(
      async (granted) => void (granted ? await save({ ...saved, authorities }) : setStatus({ kind: 'denied' })),
      () => setStatus({ kind: 'denied' }),
    );
  };

  const addCustom = (e: Event) => {
    e.preventDefault();
    const errors = validateCustom(custom, saved.authorities);
    setCustomErrors(errors);
    if (Object.keys(errors).length > 0) return;
    add({ name: custom.name.trim(), url: custom.url.trim(), rootPem: custom.rootPem });
    setCustom(EMPTY);
  };

  const saveInterval = (e: Event) => {
    e.preventDefault();
    const text = interval.trim();
    const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
    if (!(n >= 1 && n <= 1440)) {
      setIntervalError(true);
      return;
    }
    setIntervalError(false);
    void save({ ...saved, intervalMinutes: n });
  };

  const missingBuiltins = BUILTIN_TSA.filter((b) => !saved.authorities.some((a) => a.url === b.url));
  const state = view?.state ?? null;
  const time = (at: number) => formatDateTime(at, undefined, lang);
  const statusText =
    status.kind === 'saving'
      ? t('optSaving')
      : status.kind === 'saved'
        ? t('stampSaved')
        : status.kind === 'denied'
          ? t('stampPermissionDenied')
          : status.kind === 'failed'
            ? t('stampSaveFailed', status.error)
            : '';

  return (
    <div class="opt-form opt-stamp">
      <p class="opt-lead">{t('stampLead')}</p>
      <div class="opt-card">
        <h3 id="opt-stamp-leaves">{t('stampWhatLeavesHeading')}</h3>
        <ul aria-labelledby="opt-stamp-leaves">
          <li>{t('stampWhatLeaves')}</li>
          <li>{t('stampWhatNot')}</li>
          <li>{t('stampHowOften', saved.intervalMinutes)}</li>
        </ul>
        <p class="opt-help">{t('stampLimits')}</p>
      </div>

      <div class="opt-stamp-switch">
        <div class="opt-check">
          <input
            id="opt-stamp-enabled"
            type="checkbox"
            checked={saved.enabled}
            disabled={status.kind === 'saving'}
            aria-describedby="opt-stamp-state"
            onChange={(e) => toggle((e.currentTarget as HTMLInputElement).checked)}
          />
          <label for="opt-stamp-enabled">{t('stampEnable')}</label>
        </div>
        <p id="opt-stamp-state" class={saved.enabled ? 'opt-good opt-help' : 'opt-help'}>
          {saved.enabled ? t('stampOnState') : t('stampOffState')}
        </p>
        <p
          role="status"
          class={status.kind === 'failed' || status.kind === 'denied' ? 'error opt-status' : 'opt-status'}
        >
          {statusText}
        </p>
        {saved.enabled && state?.clock && (
          <p class="warning" role="alert">
            {t(
              'stampClockWarn',
              formatDuration(Math.abs(state.clock.diffMs), t),
              t(state.clock.diffMs > 0 ? 'stampClockSlow' : 'stampClockFast'),
            )}
          </p>
        )}
        {saved.enabled && state?.covered && (
          <p class="opt-help">
            {t('stampCovered', state.covered.seq, state.covered.authority, time(state.covered.genTime))}
          </p>
        )}
        {saved.enabled && state?.pending && <p class="opt-help">{t('stampPending', state.pending.count)}</p>}
      </div>

      <fieldset class="opt-fieldset">
        <legend>{t('stampAuthoritiesHeading')}</legend>
        <p class="opt-help">{t('stampAuthoritiesHelp')}</p>
        {saved.authorities.length < 2 && <p class="warning">{t('stampOnlyOne')}</p>}
        <ul class="opt-stamp-list">
          {saved.authorities.map((a) => {
            const s = state?.authorities[a.url];
            const pattern = isTsaUrl(a.url) ? originPattern(a.url) : '';
            const missing = saved.enabled && view && view.granted[pattern] === false;
            return (
              <li key={a.url} class="opt-stamp-item">
                <div>
                  <strong>{a.name}</strong> <code>{a.url}</code>
                </div>
                <div class="opt-help">{isBuiltin(a) ? t('stampBuiltin') : t('stampCustom')}</div>
                {missing && <div class="warning">{t('stampPermissionMissing', pattern)}</div>}
                {saved.enabled && (
                  <div class="opt-help">
                    {s?.lastError && s.retryAt !== undefined
                      ? t('stampLastError', s.lastError, time(s.retryAt))
                      : s?.lastGenTime !== undefined
                        ? t('stampLastOk', time(s.lastGenTime))
                        : t('stampNever')}
                  </div>
                )}
                <button
                  type="button"
                  class="btn"
                  disabled={saved.authorities.length <= 1 || status.kind === 'saving'}
                  onClick={() => remove(a)}
                >
                  {t('stampRemove', a.name)}
                </button>
              </li>
            );
          })}
        </ul>
        {missingBuiltins.length > 0 && (
          <div class="opt-actions">
            {missingBuiltins.map((b) => (
              <button
                key={b.url}
                type="button"
                class="btn"
                disabled={saved.authorities.length >= MAX_AUTHORITIES || status.kind === 'saving'}
                onClick={() => add({ name: b.name, url: b.url })}
              >
                {t('stampAddBuiltin', b.name)}
              </button>
            ))}
          </div>
        )}
        <details class="opt-stamp-custom">
          <summary>{t('stampAddCustomHeading')}</summary>
          <form onSubmit={addCustom} noValidate>
            <Field
              id="opt-stamp-name"
              label={t('stampCustomName')}
              value={custom.name}
              onInput={(v) => setCustom({ ...custom, name: v })}
              error={customErrors.name && t(customErrors.name)}
            />
            <Field
              id="opt-stamp-url"
              label={t('stampCustomUrl')}
              value={custom.url}
              onInput={(v) => setCustom({ ...custom, url: v })}
              error={customErrors.url && t(customErrors.url)}
              inputMode="url"
            />
            <Field
              id="opt-stamp-root"
              label={t('stampCustomRoot')}
              help={t('stampCustomRootHelp')}
              value={custom.rootPem}
              onInput={(v) => setCustom({ ...custom, rootPem: v })}
              error={customErrors.rootPem && t(customErrors.rootPem)}
              multiline
            />
            {customErrors.list && <p class="opt-field-error">{t(customErrors.list, MAX_AUTHORITIES)}</p>}
            <button type="submit" class="btn" disabled={status.kind === 'saving'}>
              {t('stampAdd')}
            </button>
          </form>
        </details>
      </fieldset>

      <form class="opt-row opt-stamp-interval" onSubmit={saveInterval} noValidate>
        <Field
          id="opt-stamp-interval"
          label={t('stampIntervalLabel')}
          value={interval}
          onInput={setIntervalText}
          error={intervalError ? t('stampErrInterval') : undefined}
          inputMode="numeric"
          size={5}
        />
        <button type="submit" class="btn" disabled={status.kind === 'saving'}>
          {t('stampSaveInterval')}
        </button>
      </form>
    </div>
  );
}

function Field({
  id,
  label,
  value,
  onInput,
  error,
  help,
  multiline,
  inputMode,
  size,
}: {
  id: string;
  label: string;
  value: string;
  onInput(v: string): void;
  error?: string | undefined;
  help?: string;
  multiline?: boolean;
  inputMode?: 'numeric' | 'url';
  size?: number;
}) {
  const described = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    class: error ? 'opt-input opt-input--invalid' : 'opt-input',
    value,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': described,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class="opt-field">
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={6} spellcheck={false} class={`${common.class} opt-stamp-pem`} />
      ) : (
        <input
          {...common}
          type="text"
          autoComplete="off"
          {...(inputMode ? { inputMode } : {})}
          {...(size ? { size } : {})}
        />
      )}
      {help && (
        <p class="opt-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="opt-field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
