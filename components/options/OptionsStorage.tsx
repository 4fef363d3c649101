/**
 * Evidence use per order, and archive + prune of closed orders (Settings → Storage).
 * Pruning is offered only for the evidence of an archive made in this page (this session), or after a
 * second, typed confirmation; the background refuses any id of an order that is not closed.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ARCHIVE_MAX_BYTES, type ArchiveErrorCode } from '@/lib/core/archive';
import type { Lang, MessageKey, T } from '@/lib/core/i18n';
import type { PruneError, PruneResult } from '@/lib/core/prune';
import { closedOlderThan, type OpenReason, type OrderUsage } from '@/lib/core/storage-usage';
import type { ArchiveDone, OptionsActions, OrderStorage } from './actions';
import { ShowMore, useShown } from '../shared/ShowMore';

const REASON: Record<OpenReason, MessageKey> = {
  'window-open': 'optOpenWindow',
  'window-unknown': 'optOpenWindowUnknown',
  'not-delivered': 'optOpenNotDelivered',
  'open-alert': 'optOpenAlert',
  'open-ticket': 'optOpenTicket',
  'no-order': 'optOpenNoOrder',
};

const ARCHIVE_ERROR: Record<ArchiveErrorCode | 'failed', MessageKey> = {
  nothing: 'optArchiveErrNothing',
  'open-order': 'optArchiveErrOpen',
  'too-large': 'optArchiveErrTooLarge',
  'missing-file': 'optArchiveErrMissing',
  'changed-file': 'optArchiveErrChanged',
  'not-verified': 'optArchiveErrNotVerified',
  failed: 'optArchiveFailed',
};

const PRUNE_ERROR: Record<PruneError, MessageKey> = {
  'not-found': 'optPruneErrNotFound',
  'not-order-evidence': 'optPruneErrNotOrder',
  'open-order': 'optPruneErrOpen',
  'write-failed': 'optPruneErrWrite',
};

const DEFAULT_DAYS = 90;
const CONFIRM_WORDS = new Set(['删除', 'DELETE']);

type Note = { text: (t: T) => string; error: boolean } | null;

interface Props {
  actions: OptionsActions;
  t: T;
  lang: Lang;
  /** Changes whenever the data section refreshes: reload. */
  rev: number;
  /** After a prune: let the rest of the data section refresh. */
  onChanged(): void;
  bytes(n: number): string;
}

/** What one prune would remove: an archive's evidence, or (confirmed twice) the selected orders'. */
type Pending =
  { kind: 'archive'; archive: ArchiveDone } | { kind: 'unarchived'; ids: string[]; count: number; bytes: number };

export function OptionsStorage({ actions, t, lang, rev, onChanged, bytes }: Props) {
  const [data, setData] = useState<OrderStorage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [archived, setArchived] = useState<ArchiveDone | null>(null);
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [shown, more] = useShown();
  const count = new Intl.NumberFormat(lang);

  useEffect(() => {
    actions.orderStorage().then(
      (d) => {
        setData(d);
        setError(null);
        // A selection only ever holds orders that are (still) closed and hold evidence.
        const closed = new Set(d.orders.filter((o) => o.closed).map((o) => o.key));
        setSelected((prev) => new Set([...prev].filter((k) => closed.has(k))));
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [rev]);

  const chosen = data ? data.orders.filter((o) => selected.has(o.key)) : [];
  const chosenBytes = chosen.reduce((s, o) => s + o.bytes, 0);
  const chosenCount = chosen.reduce((s, o) => s + o.evidence, 0);
  const closedCount = data ? data.orders.filter((o) => o.closed).length : 0;

  const toggle = (key: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const daysValue = Number(days);
  const daysValid = days.trim() !== '' && Number.isInteger(daysValue) && daysValue >= 0 && daysValue <= 3650;
  const selectOlder = () => {
    if (!data || !daysValid) return;
    const keys = closedOlderThan(data.orders, data.now, daysValue);
    setSelected(new Set(keys));
    setNote({ text: (t) => t('optSelectedOlder', keys.length, daysValue), error: false });
  };

  const archive = async () => {
    if (chosen.length === 0 || busy) return;
    setBusy(true);
    setNote({ text: (t) => t('optArchiveWorking'), error: false });
    try {
      const r = await actions.archive(chosen.map((o) => o.key));
      if (r.ok) {
        setArchived(r.archive);
        setNote({
          text: (t) => t('optArchiveDone', r.archive.fileName, bytes(r.archive.bytes), r.archive.evidenceIds.length),
          error: false,
        });
      } else {
        const detail = r.error === 'too-large' ? bytes(ARCHIVE_MAX_BYTES) : r.detail;
        setNote({ text: (t) => t(ARCHIVE_ERROR[r.error], detail), error: true });
      }
    } catch (e) {
      setNote({ text: (t) => t('optArchiveFailed', e instanceof Error ? e.message : String(e)), error: true });
    } finally {
      setBusy(false);
    }
  };

  const prune = async (pending: Pending) => {
    setBusy(true);
    setNote({ text: (t) => t('optPruneWorking'), error: false });
    try {
      let r: PruneResult;
      if (pending.kind === 'archive') {
        r = await actions.prune(pending.archive.evidenceIds, {
          fileName: pending.archive.fileName,
          sha256: pending.archive.sha256,
        });
      } else {
        // No archive: exactly the evidence the table showed and the shopper confirmed (the background re-checks each).
        r = await actions.prune(pending.ids, null);
      }
      if (r.ok) {
        if (pending.kind === 'archive') setArchived(null);
        setSelected(new Set());
        setNote({ text: (t) => t('optPruneDone', r.deleted, bytes(r.freedBytes)), error: false });
      } else {
        const partial = r.error === 'write-failed' ? [r.detail, r.deleted, bytes(r.freedBytes)] : [r.detail];
        setNote({ text: (t) => t(PRUNE_ERROR[r.error], ...partial), error: true });
      }
    } catch (e) {
      setNote({
        text: (t) => t('optPruneErrWrite', e instanceof Error ? e.message : String(e), 0, bytes(0)),
        error: true,
      });
    } finally {
      setBusy(false);
      onChanged();
    }
  };

  return (
    <section class="opt-card" aria-labelledby="opt-orders-h">
      <h3 id="opt-orders-h" tabIndex={-1}>
        {t('optOrdersHeading')}
      </h3>
      <p class="opt-help">{t('optOrdersExplain')}</p>
      {error && (
        <p class="error" role="alert">
          {t('loadError', error)}
        </p>
      )}
      {!data && !error && <p class="empty">{t('loading')}</p>}
      {data && data.orders.length === 0 && <p class="empty">{t('optOrdersEmpty')}</p>}
      {data && (data.orders.length > 0 || data.other.evidence > 0) && (
        <div class="opt-table-wrap">
          <table class="meta-table opt-orders" aria-labelledby="opt-orders-h">
            <thead>
              <tr>
                <th scope="col">
                  <span class="opt-visually-hidden">{t('optColSelect')}</span>
                </th>
                <th scope="col">{t('optColPlatform')}</th>
                <th scope="col">{t('optColOrder')}</th>
                <th scope="col">{t('optColTitle')}</th>
                <th scope="col">{t('optColState')}</th>
                <th scope="col" class="opt-num">
                  {t('optColEvidence')}
                </th>
                <th scope="col" class="opt-num">
                  {t('optColBytes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.orders.slice(0, shown).map((o) => (
                <OrderRow
                  key={o.key}
                  o={o}
                  t={t}
                  checked={selected.has(o.key)}
                  onToggle={toggle}
                  disabled={busy}
                  count={count}
                  bytes={bytes}
                />
              ))}
              {data.other.evidence > 0 && (
                <tr class="opt-orders-other">
                  <td />
                  <td colSpan={4}>{t('optOtherEvidence')}</td>
                  <td class="opt-num">{count.format(data.other.evidence)}</td>
                  <td class="opt-num">{bytes(data.other.bytes)}</td>
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <th scope="row" colSpan={4}>
                  {t('optOrdersTotal')}
                </th>
                <td class="opt-num">{count.format(data.total.evidence)}</td>
                <td class="opt-num">{bytes(data.total.bytes)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {data && <ShowMore total={data.orders.length} shown={shown} more={more} t={t} />}
      {data && closedCount > 0 && (
        <>
          <div class="opt-actions">
            <label for="opt-older-days">{t('optSelectOlderLabel')}</label>
            <input
              id="opt-older-days"
              class={daysValid ? 'opt-input opt-input--days' : 'opt-input opt-input--days opt-input--invalid'}
              type="number"
              inputMode="numeric"
              min={0}
              max={3650}
              step={1}
              value={days}
              aria-invalid={!daysValid}
              aria-describedby="opt-older-help"
              onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  selectOlder();
                }
              }}
            />
            <button type="button" class="btn" onClick={selectOlder} disabled={!daysValid || busy}>
              {t('optSelectOlder')}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => setSelected(new Set())}
              disabled={selected.size === 0 || busy}
            >
              {t('optSelectNone')}
            </button>
          </div>
          <p id="opt-older-help" class="opt-help">
            {t('optSelectOlderHelp')}
          </p>
          <p class="opt-selected" aria-live="polite">
            {t('optSelectedSummary', chosen.length, chosenCount, bytes(chosenBytes))}
          </p>
          <div class="opt-actions">
            <button
              type="button"
              class="btn btn--primary"
              onClick={() => void archive()}
              disabled={chosen.length === 0 || busy}
            >
              {t('optArchiveButton')}
            </button>
            {archived && (
              <button
                type="button"
                class="btn opt-btn--danger"
                onClick={() => setConfirm({ kind: 'archive', archive: archived })}
                disabled={busy}
              >
                {t('optPruneArchived', archived.evidenceIds.length)}
              </button>
            )}
            {!archived && chosen.length > 0 && (
              <button
                type="button"
                class="btn"
                onClick={() =>
                  setConfirm({
                    kind: 'unarchived',
                    ids: chosen.flatMap((o) => o.ids),
                    count: chosenCount,
                    bytes: chosenBytes,
                  })
                }
                disabled={busy}
              >
                {t('optPruneWithout')}
              </button>
            )}
          </div>
        </>
      )}
      <p role="status" class={note?.error ? 'error opt-status' : 'opt-status'}>
        {note ? note.text(t) : ''}
      </p>
      <PruneDialog
        pending={confirm}
        t={t}
        bytes={bytes}
        onCancel={() => setConfirm(null)}
        onConfirm={(p) => {
          setConfirm(null);
          void prune(p);
        }}
      />
    </section>
  );
}

function OrderRow({
  o,
  t,
  checked,
  onToggle,
  disabled,
  count,
  bytes,
}: {
  o: OrderUsage;
  t: T;
  checked: boolean;
  onToggle(key: string, on: boolean): void;
  disabled: boolean;
  count: Intl.NumberFormat;
  bytes(n: number): string;
}) {
  const id = `opt-order-${o.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const platform = o.platform ? t(`platform_${o.platform}` as MessageKey) : '—';
  return (
    <tr class={o.closed ? 'opt-order opt-order--closed' : 'opt-order'}>
      <td>
        <input
          id={id}
          type="checkbox"
          class="opt-order-check"
          checked={checked}
          disabled={!o.closed || disabled}
          aria-label={t('optSelectOrder', platform, o.orderId)}
          onChange={(e) => onToggle(o.key, (e.currentTarget as HTMLInputElement).checked)}
        />
      </td>
      <td>{platform}</td>
      <td>
        <code>{o.orderId}</code>
      </td>
      <td class="opt-order-title" title={o.title}>
        {o.title}
      </td>
      <td>
        {o.closed ? (
          <span class="opt-good">{t('optStateClosed')}</span>
        ) : (
          <span>{t('optStateOpen', o.openReasons.map((r) => t(REASON[r])).join(t('optReasonSep')))}</span>
        )}
      </td>
      <td class="opt-num">{count.format(o.evidence)}</td>
      <td class="opt-num">{bytes(o.bytes)}</td>
    </tr>
  );
}

function PruneDialog({
  pending,
  t,
  bytes,
  onCancel,
  onConfirm,
}: {
  pending: Pending | null;
  t: T;
  bytes(n: number): string;
  onCancel(): void;
  onConfirm(p: Pending): void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [typed, setTyped] = useState('');
  const open = pending !== null;
  // Opened in the same task as the click, focus inside (see DeleteCard in OptionsData.tsx); on close,
  // focus goes back to the button that opened it, or to the card's heading when that button is gone.
  useLayoutEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
      d.querySelector<HTMLElement>('input, button')?.focus();
    } else if (!open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
      const back = returnTo.current;
      if (back?.isConnected && !(back as HTMLButtonElement).disabled) back.focus();
      else document.getElementById('opt-orders-h')?.focus();
    }
    if (!open) setTyped('');
  }, [open]);
  const count = pending?.kind === 'archive' ? pending.archive.evidenceIds.length : (pending?.count ?? 0);
  const size = pending?.kind === 'archive' ? pending.archive.evidenceBytes : (pending?.bytes ?? 0);
  const needsWord = pending?.kind === 'unarchived';
  const confirmed = !needsWord || CONFIRM_WORDS.has(typed.trim());
  return (
    <dialog
      ref={dialogRef}
      class="opt-dialog"
      aria-labelledby="opt-prune-dialog-h"
      aria-describedby="opt-prune-dialog-d"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {pending && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (confirmed) onConfirm(pending);
          }}
        >
          <h2 id="opt-prune-dialog-h">{t(needsWord ? 'optPruneWithoutTitle' : 'optPruneTitle')}</h2>
          <p id="opt-prune-dialog-d">
            {pending.kind === 'archive'
              ? t('optPruneExplain', count, bytes(size), pending.archive.fileName)
              : t('optPruneWithoutExplain', count, bytes(size))}
          </p>
          <p class="opt-help">{t('optPruneChainNote')}</p>
          {needsWord && (
            <>
              <label for="opt-prune-confirm">{t('optDeleteConfirmLabel', t('optDeleteWord'))}</label>
              <input
                id="opt-prune-confirm"
                class="opt-input"
                type="text"
                autoComplete="off"
                value={typed}
                onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
              />
            </>
          )}
          <div class="opt-actions">
            <button type="submit" class="btn opt-btn--danger" disabled={!confirmed}>
              {t('optPruneConfirm', count, bytes(size))}
            </button>
            <button type="button" class="btn" onClick={onCancel}>
              {t('optCancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
