import { useEffect, useState } from 'preact/hooks';
import { ATTACHMENT_ACCEPT, ATTACHMENT_LIMITS, checkAttachment } from '@/lib/core/attachments';
import { formatMoney } from '@/lib/core/format';
import type { MessageKey, T } from '@/lib/core/i18n';
import type { OrderRef } from '@/lib/core/order-page';
import type { OrderEvidenceItem, OrderRow } from '@/lib/core/order-rows';
import { EvidenceItems } from '../shared/EvidenceGallery';
import '../shared/EvidenceGallery.css';
import './OrderEvidencePage.css';
import type { OrderPageActions } from './actions';
import { orderStatusLabel } from '@/lib/core/order-status';
import { isWebUrl } from '@/lib/core/manual-order';
import type { OrderSnapshot } from '@/lib/core/model';
import { AppOrderForm } from '../shared/AppOrderForm';

const ACCEPT = ATTACHMENT_ACCEPT;
const MB = 1024 * 1024;

function limitMb(sample: string): number {
  return Math.round((ATTACHMENT_LIMITS.find((r) => r.test.test(sample))?.max ?? 0) / MB);
}

type Load =
  { status: 'loading' } | { status: 'ready'; items: OrderEvidenceItem[] } | { status: 'error'; error: string };

/** What the last "add" did: per file, what was refused or failed and why; how many were added. */
interface Progress {
  busy?: string;
  added: number;
  problems: string[];
}

/** The order's facts as far as its stored pages tell them. */
function OrderFacts({ order, row, t, locale }: { order: OrderRef; row: OrderRow | null; t: T; locale: string }) {
  return (
    <>
      <table class="meta-table order-page__facts">
        <tbody>
          <tr>
            <th scope="row">{t('orderPagePlatform')}</th>
            <td>{t(`platform_${order.platform}` as MessageKey)}</td>
          </tr>
          <tr>
            <th scope="row">{t('orderPageOrderId')}</th>
            <td data-testid="order-id">{order.orderId}</td>
          </tr>
          {row && (
            <tr>
              <th scope="row">{t('orderPageItem')}</th>
              <td>
                {isWebUrl(row.url) ? (
                  <a href={row.url} target="_blank" rel="noreferrer">
                    {row.title}
                  </a>
                ) : (
                  row.title
                )}
              </td>
            </tr>
          )}
          {row?.source === 'manual' && (
            <tr>
              <th scope="row">{t('orderPageSource')}</th>
              <td data-testid="order-source">
                <span class="chip chip--manual">{t('orderManual')}</span> {t('orderManualTitle')}
              </td>
            </tr>
          )}
          {row?.shop && (
            <tr>
              <th scope="row">{t('orderPageShop')}</th>
              <td>{row.shop}</td>
            </tr>
          )}
          {row && (
            <tr>
              <th scope="row">{t('orderPagePaid')}</th>
              <td data-testid="paid">
                <strong>{formatMoney(row.paid, locale)}</strong>
              </td>
            </tr>
          )}
          {row?.trackingNumber && (
            <tr>
              <th scope="row">{t('orderPageTracking')}</th>
              <td>
                {row.trackingNumber}
                {row.trackUrl && (
                  <>
                    {' '}
                    <a class="order-page__track" href={row.trackUrl} target="_blank" rel="noreferrer">
                      {t('trackParcel')}
                    </a>
                  </>
                )}
              </td>
            </tr>
          )}
          {row?.status && (
            <tr>
              <th scope="row">{t('orderPageStatus')}</th>
              <td>{orderStatusLabel(row.status, locale)}</td>
            </tr>
          )}
        </tbody>
      </table>
      {!row && <p class="hint">{t('orderPageUnknown')}</p>}
    </>
  );
}

/**
 * One order's evidence page: the order, everything stored for it (screenshots, page archives,
 * attachments), and a file input that hashes and chains the shopper's own files under this order.
 */
export function OrderEvidencePage({
  order,
  row,
  actions,
  t,
  locale,
  onOrderSaved,
}: {
  order: OrderRef;
  row: OrderRow | null;
  actions: OrderPageActions;
  t: T;
  locale: string;
  /** An order was added or edited here (the page shows it afresh). */
  onOrderSaved?: (order: OrderRef) => void;
}) {
  const [state, setState] = useState<Load>({ status: 'loading' });
  // "添加App订单" (a blank form) or the edit of this order when it was typed in (its stored facts).
  const [form, setForm] = useState<{ initial: OrderSnapshot | null } | null>(null);
  const [reads, setReads] = useState(0);
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    let alive = true;
    actions.orderEvidence(order).then(
      (items) => alive && setState({ status: 'ready', items }),
      (e: unknown) => alive && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [order.platform, order.orderId, reads]);

  const add = async (files: File[]) => {
    const problems: string[] = [];
    const ok: File[] = [];
    for (const f of files) {
      const check = checkAttachment(f.type, f.size);
      if (check.ok) ok.push(f);
      else
        problems.push(
          check.reason === 'type'
            ? t('ticketAttachType', f.name)
            : t('ticketAttachSize', f.name, Math.round((check.maxBytes ?? 0) / MB)),
        );
    }
    let added = 0;
    for (const [i, f] of ok.entries()) {
      setProgress({ busy: t('orderPageAttaching', i + 1, ok.length, f.name), added, problems: [...problems] });
      try {
        await actions.attach(f, order);
        added++;
      } catch (e) {
        problems.push(t('orderPageAttachFailed', f.name, e instanceof Error ? e.message : String(e)));
      }
    }
    setProgress({ added, problems });
    if (added > 0) setReads((n) => n + 1);
  };

  const items = state.status === 'ready' ? state.items : [];
  return (
    <main class="page order-page">
      <h1>{t('orderPageHeading')}</h1>
      <OrderFacts order={order} row={row} t={t} locale={locale} />
      <div class="order-page__order-actions">
        {row?.source === 'manual' && (
          <button
            type="button"
            class="btn"
            onClick={() => void actions.loadOrder(order).then((initial) => setForm({ initial }))}
          >
            {t('appOrderEditThis')}
          </button>
        )}
        <button type="button" class="btn" onClick={() => setForm({ initial: null })}>
          {t('appOrderAdd')}
        </button>
      </div>
      {form && (
        <AppOrderForm
          key={form.initial ? 'edit' : 'add'}
          actions={actions}
          t={t}
          platform={order.platform}
          initial={form.initial}
          onCancel={() => setForm(null)}
          onSaved={(saved) => {
            setReads((n) => n + 1);
            onOrderSaved?.(saved);
          }}
        />
      )}

      <section class="order-page__attach" aria-labelledby="attach-h">
        <h2 id="attach-h">{t('orderPageAttachHeading')}</h2>
        <label class="btn btn--primary file-btn">
          {t('ticketAttach')}
          <input
            type="file"
            multiple
            class="visually-hidden"
            accept={ACCEPT}
            disabled={progress?.busy !== undefined}
            onChange={(e) => {
              const input = e.currentTarget;
              const files = Array.from(input.files ?? []);
              input.value = '';
              if (files.length) void add(files);
            }}
          />
        </label>
        <p class="hint">
          {t('orderPageAttachLimits', limitMb('image/png'), limitMb('video/mp4'), limitMb('text/plain'))}
        </p>
        <div class="order-page__status" role="status">
          {progress?.busy && <p>{progress.busy}</p>}
          {progress && !progress.busy && progress.added > 0 && (
            <p class="order-page__ok">{t('ticketAttached', progress.added)}</p>
          )}
          {progress && progress.problems.length > 0 && (
            <ul class="order-page__problems">
              {progress.problems.map((p, i) => (
                <li key={i} class="error">
                  {p}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section class="order-page__list gallery" aria-labelledby="list-h">
        <h2 id="list-h">
          {t('evidenceGalleryLabel', order.orderId)}
          {state.status === 'ready' && ` · ${t('orderPageCount', items.length)}`}
        </h2>
        {state.status === 'loading' && <p class="gallery__status">{t('loading')}</p>}
        {state.status === 'error' && (
          <p class="error" role="alert">
            {t('loadError', state.error)}
          </p>
        )}
        {state.status === 'ready' && items.length === 0 && <p class="empty">{t('evidenceEmpty')}</p>}
        {items.length > 0 && <EvidenceItems items={items} actions={actions} t={t} locale={locale} />}
      </section>
    </main>
  );
}
