import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { MessageKey, T } from '@/lib/core/i18n';
import { DEFAULT_SETTINGS, PLATFORMS, type Platform, type Settings } from '@/lib/core/model';
import { toHalfWidth } from '@/lib/parse/normalize';
import { decimalToMinor } from '@/lib/parse/price';
import type { SaveResult } from './actions';

export const HOUR_FIELDS = [
  'noPickupHours',
  'shippedNoScanHours',
  'stallHours',
  'ticketAnswerHours',
  'expiringHours',
  'discrepancyHours',
] as const;
type HourField = (typeof HOUR_FIELDS)[number];
const HOUR_LABEL: Record<HourField, MessageKey> = {
  noPickupHours: 'optNoPickupLabel',
  shippedNoScanHours: 'optShippedNoScanLabel',
  stallHours: 'optStallLabel',
  ticketAnswerHours: 'optTicketAnswerLabel',
  expiringHours: 'optExpiringLabel',
  discrepancyHours: 'optDiscrepancyLabel',
};
export type Language = Settings['language'];

/** What the shopper types: strings until validated, so a half-typed "1." is never lost or coerced. */
export interface Draft {
  days: Record<Platform, string>;
  minDifference: string;
  hours: Record<HourField, string>;
  notifications: boolean;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  autoCapture: boolean;
  language: Language;
}

export type FieldId = `days-${Platform}` | 'minDifference' | HourField | 'quietEnd';
export type FieldErrors = Partial<Record<FieldId, MessageKey>>;

/** Fen → "12.34" with integer arithmetic only. */
export function fenToYuan(amount: number): string {
  return `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

export function draftFromSettings(s: Settings): Draft {
  const days = Object.fromEntries(PLATFORMS.map((p) => [p, String(s.protectionDays[p] ?? 7)])) as Record<
    Platform,
    string
  >;
  const hours = Object.fromEntries(HOUR_FIELDS.map((h) => [h, String(s[h])])) as Record<HourField, string>;
  return {
    days,
    minDifference: fenToYuan(s.minDifference.amount),
    hours,
    notifications: s.notifications,
    quietOn: s.quietHours !== null,
    quietStart: String(s.quietHours?.start ?? 22),
    quietEnd: String(s.quietHours?.end ?? 8),
    autoCapture: s.autoCapture,
    language: s.language,
  };
}

const MAX_MIN_DIFFERENCE_FEN = 100_000 * 100;

function wholeNumber(text: string, min: number, max: number): number | null {
  const t = toHalfWidth(text).trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** "1", "1.5", "１.００", "¥2.00" → fen; more than two decimals, signs or exponents → null. */
export function yuanToFen(text: string): number | null {
  const t = toHalfWidth(text)
    .trim()
    .replace(/^[¥￥]\s*/, '');
  if (!/^\d{1,6}(\.\d{0,2})?$/.test(t)) return null;
  const fen = decimalToMinor(t, 2);
  return fen !== null && fen <= MAX_MIN_DIFFERENCE_FEN ? fen : null;
}

export function validateDraft(
  d: Draft,
  base: Settings,
): { ok: true; settings: Settings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const protectionDays: Record<string, number> = { ...base.protectionDays };
  for (const p of PLATFORMS) {
    const n = wholeNumber(d.days[p], 1, 365);
    if (n === null) errors[`days-${p}`] = 'optErrDays';
    else protectionDays[p] = n;
  }
  const fen = yuanToFen(d.minDifference);
  if (fen === null) errors.minDifference = 'optErrMoney';
  const hours = {} as Record<HourField, number>;
  for (const h of HOUR_FIELDS) {
    const n = wholeNumber(d.hours[h], 1, 720);
    if (n === null) errors[h] = 'optErrHours';
    else hours[h] = n;
  }
  const start = Number(d.quietStart);
  const end = Number(d.quietEnd);
  if (d.quietOn && start === end) errors.quietEnd = 'optErrQuiet';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...base,
      protectionDays,
      minDifference: { amount: fen as number, currency: base.minDifference.currency },
      ...hours,
      notifications: d.notifications,
      quietHours: d.quietOn ? { start, end } : null,
      autoCapture: d.autoCapture,
      language: d.language,
    },
  };
}

type Status =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'reset' } | { kind: 'failed'; error: string };

interface Props {
  settings: Settings;
  t: T;
  onSave(settings: Settings): Promise<SaveResult>;
  /** The language select re-renders the page at once; saving keeps it. */
  onLanguage(language: Language): void;
  /**
   * Automatic screenshots need the optional "all sites" permission: the box shows ticked only when it is
   * granted (never a promise that will not be kept), and ticking it asks for it from the click.
   */
  capture?: { granted: boolean; request(): void };
}

export function OptionsSettings({ settings, t, onSave, onLanguage, capture }: Props) {
  const [saved, setSaved] = useState(settings);
  const [draft, setDraft] = useState(() => draftFromSettings(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const v = validateDraft(draft, saved);
    if (!v.ok) {
      setErrors(v.errors);
      setStatus({ kind: 'idle' });
      const first = Object.keys(v.errors)[0];
      // Focus after the re-render marks the field invalid, so its message is read with it.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>(`#opt-${first}`)?.focus(), 0);
      return;
    }
    setErrors({});
    setStatus({ kind: 'saving' });
    const r = await onSave(v.settings);
    if (r.ok) {
      setSaved(r.settings);
      setDraft(draftFromSettings(r.settings));
      setStatus({ kind: 'saved' });
    } else setStatus({ kind: 'failed', error: r.error });
  };

  const reset = () => {
    // Language stays as chosen: "restore defaults" is about thresholds, not about the page going foreign.
    setDraft({ ...draftFromSettings(DEFAULT_SETTINGS), language: draft.language });
    setErrors({});
    setStatus({ kind: 'reset' });
  };

  const errorCount = Object.keys(errors).length;
  const statusText =
    status.kind === 'saving'
      ? t('optSaving')
      : status.kind === 'saved'
        ? t('optSaved')
        : status.kind === 'reset'
          ? t('optResetDone')
          : status.kind === 'failed'
            ? t('optSaveFailed', status.error)
            : '';

  return (
    <form ref={formRef} class="opt-form" onSubmit={submit} noValidate>
      <p class="opt-help">{t('optSettingsIntro')}</p>
      {errorCount > 0 && (
        <p class="error opt-error-summary" role="alert">
          {t('optFormErrors', errorCount)}
        </p>
      )}

      <fieldset class="opt-fieldset">
        <legend>{t('optWindowHeading')}</legend>
        <p class="opt-help" id="opt-days-help">
          {t('optWindowHelp')}
        </p>
        <div class="opt-grid">
          {PLATFORMS.map((p) => (
            <TextField
              key={p}
              id={`days-${p}`}
              label={t(`platform_${p}` as MessageKey)}
              value={draft.days[p]}
              onInput={(v) => edit({ days: { ...draft.days, [p]: v } })}
              error={errors[`days-${p}`]}
              t={t}
              inputMode="numeric"
              describedBy="opt-days-help"
              size={4}
            />
          ))}
        </div>
      </fieldset>

      <fieldset class="opt-fieldset">
        <legend>{t('optMinDiffLabel')}</legend>
        <TextField
          id="minDifference"
          label={t('optMinDiffLabel')}
          hideLabel
          value={draft.minDifference}
          onInput={(v) => edit({ minDifference: v })}
          error={errors.minDifference}
          t={t}
          inputMode="decimal"
          help={t('optMinDiffHelp')}
          prefix="¥"
          size={10}
        />
      </fieldset>

      <fieldset class="opt-fieldset">
        <legend>{t('optThresholdsHeading')}</legend>
        <div class="opt-grid">
          {HOUR_FIELDS.map((h) => (
            <TextField
              key={h}
              id={h}
              label={t(HOUR_LABEL[h])}
              value={draft.hours[h]}
              onInput={(v) => edit({ hours: { ...draft.hours, [h]: v } })}
              error={errors[h]}
              t={t}
              inputMode="numeric"
              size={4}
            />
          ))}
        </div>
      </fieldset>

      <fieldset class="opt-fieldset">
        <legend>{t('optNotifyHeading')}</legend>
        <Check
          id="notifications"
          label={t('optNotificationsLabel')}
          checked={draft.notifications}
          onChange={(v) => edit({ notifications: v })}
        />
        <Check
          id="quietOn"
          label={t('optQuietLabel')}
          checked={draft.quietOn}
          onChange={(v) => edit({ quietOn: v })}
          describedBy="opt-quiet-help"
        />
        <p class="opt-help" id="opt-quiet-help">
          {t('optQuietHelp')}
        </p>
        {draft.quietOn && (
          <div class="opt-row">
            <HourSelect
              id="quietStart"
              label={t('optQuietStart')}
              value={draft.quietStart}
              onChange={(v) => edit({ quietStart: v })}
            />
            <HourSelect
              id="quietEnd"
              label={t('optQuietEnd')}
              value={draft.quietEnd}
              onChange={(v) => edit({ quietEnd: v })}
              error={errors.quietEnd}
              t={t}
            />
          </div>
        )}
        <Check
          id="autoCapture"
          label={t('optAutoCaptureLabel')}
          checked={draft.autoCapture && (capture?.granted ?? true)}
          onChange={(v) => {
            if (v && capture && !capture.granted) capture.request(); // still inside the click: a user gesture
            edit({ autoCapture: v });
          }}
          {...(capture && !capture.granted ? { describedBy: 'opt-autoCapture-needs' } : {})}
        />
        {capture && !capture.granted && (
          <p id="opt-autoCapture-needs" class="opt-help">
            {t('optAutoCaptureNeedsPermission')}
          </p>
        )}
      </fieldset>

      <div class="opt-field">
        <label for="opt-language">{t('optLanguageLabel')}</label>
        <select
          id="opt-language"
          class="opt-input"
          value={draft.language}
          onChange={(e) => {
            const language = (e.currentTarget as HTMLSelectElement).value as Language;
            edit({ language });
            onLanguage(language);
          }}
        >
          <option value="auto">{t('languageAuto')}</option>
          <option value="zh-CN" lang="zh-CN">
            {t('optLangZh')}
          </option>
          <option value="en" lang="en">
            {t('optLangEn')}
          </option>
        </select>
      </div>

      <div class="opt-actions">
        <button type="submit" class="btn btn--primary" disabled={status.kind === 'saving'}>
          {t('optSave')}
        </button>
        <button type="button" class="btn" onClick={reset}>
          {t('optReset')}
        </button>
        <p role="status" class={status.kind === 'failed' ? 'error opt-status' : 'opt-status'}>
          {statusText}
        </p>
      </div>
    </form>
  );
}

interface TextFieldProps {
  id: FieldId;
  label: string;
  value: string;
  onInput(value: string): void;
  error: MessageKey | undefined;
  t: T;
  inputMode: 'numeric' | 'decimal';
  help?: string;
  describedBy?: string;
  hideLabel?: boolean;
  prefix?: string;
  size?: number;
}

function TextField({
  id,
  label,
  value,
  onInput,
  error,
  t,
  inputMode,
  help,
  describedBy,
  hideLabel,
  prefix,
  size,
}: TextFieldProps) {
  const inputId = `opt-${id}`;
  const described = [describedBy, help ? `${inputId}-help` : null, error ? `${inputId}-error` : null]
    .filter(Boolean)
    .join(' ');
  const input = (
    <input
      id={inputId}
      class={error ? 'opt-input opt-input--invalid' : 'opt-input'}
      type="text"
      inputMode={inputMode}
      autoComplete="off"
      size={size}
      value={value}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={described || undefined}
      onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
    />
  );
  return (
    <div class="opt-field">
      <label for={inputId} class={hideLabel ? 'opt-visually-hidden' : undefined}>
        {label}
      </label>
      {prefix ? <Prefixed prefix={prefix}>{input}</Prefixed> : input}
      {help && (
        <p class="opt-help" id={`${inputId}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="opt-field-error" id={`${inputId}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}

function Prefixed({ prefix, children }: { prefix: string; children: ComponentChildren }) {
  return (
    <span class="opt-prefixed">
      <span aria-hidden="true">{prefix}</span>
      {children}
    </span>
  );
}

function Check({
  id,
  label,
  checked,
  onChange,
  describedBy,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  describedBy?: string;
}) {
  return (
    <div class="opt-check">
      <input
        id={`opt-${id}`}
        type="checkbox"
        checked={checked}
        aria-describedby={describedBy}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={`opt-${id}`}>{label}</label>
    </div>
  );
}

function HourSelect({
  id,
  label,
  value,
  onChange,
  error,
  t,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: MessageKey | undefined;
  t?: T;
}) {
  const selectId = `opt-${id}`;
  return (
    <div class="opt-field">
      <label for={selectId}>{label}</label>
      <select
        id={selectId}
        class={error ? 'opt-input opt-input--invalid' : 'opt-input'}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${selectId}-error` : undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {Array.from({ length: 24 }, (_, h) => (
          <option key={h} value={String(h)}>
            {`${String(h).padStart(2, '0')}:00`}
          </option>
        ))}
      </select>
      {error && t && (
        <p class="opt-field-error" id={`${selectId}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}
