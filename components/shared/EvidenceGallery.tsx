import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '@/lib/core/format';
import type { MessageKey, T } from '@/lib/core/i18n';
import type { Alert, EvidenceKind } from '@/lib/core/model';
import type { OrderEvidenceItem, OrderRow } from '@/lib/core/order-rows';
import type { PopupActions } from '../popup/actions';
import { ShowMore, useShown } from './ShowMore';
import './EvidenceGallery.css';

export type GalleryActions = Pick<
  PopupActions,
  'orderEvidence' | 'thumbnail' | 'releaseThumbnail' | 'buildTicket' | 'openOrderEvidence'
>;
/** What a list of evidence needs: thumbnails, read when shown and freed when gone. */
export type ThumbnailActions = Pick<PopupActions, 'thumbnail' | 'releaseThumbnail'>;

const SHOP_ZONE = 'Asia/Shanghai';

/**
 * When a piece of evidence was taken, in the shopper's zone; where that is not China's, the Beijing
 * time follows, because that is the clock the shop's pages and the complaint go by.
 */
export function evidenceTime(at: number, t: T, locale: string, localZone?: string): string {
  const local = formatDateTime(at, localZone, locale);
  const shop = formatDateTime(at, SHOP_ZONE, locale);
  if (local === shop) return local;
  // Same calendar day in both zones (formatDateTime is always 'YYYY-MM-DD HH:mm'): the Beijing time needs no date.
  const shopShort = local.slice(0, 10) === shop.slice(0, 10) ? shop.slice(11) : shop;
  return `${local} (${t('evidenceShopTime', shopShort)})`;
}

export function kindLabel(kind: EvidenceKind, t: T): string {
  return t(`evidenceKind_${kind.replace(/-/g, '_')}` as MessageKey);
}

/** What a tile shows when there is no picture to show: the file's type, in words. */
function tileText(item: OrderEvidenceItem, t: T): string {
  if (item.mime.startsWith('video/')) return t('evidenceTileVideo');
  if (item.mime === 'application/pdf') return 'PDF';
  if (item.mime.startsWith('text/') && item.kind !== 'page-archive') return t('evidenceTileText');
  return kindLabel(item.kind, t);
}

/** A thumbnail whose bytes are read only once it scrolls into view, and whose object URL is freed when it goes. */
function Tile({ item, actions, t }: { item: OrderEvidenceItem; actions: ThumbnailActions; t: T }) {
  const image = item.mime.startsWith('image/');
  const [src, setSrc] = useState<string | null | undefined>(undefined);
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!image) return;
    let alive = true;
    let made: string | null = null;
    const load = () =>
      void actions.thumbnail(item.id).then(
        (u) => {
          made = u;
          if (alive) setSrc(u);
          else if (u) actions.releaseThumbnail?.(u);
        },
        () => alive && setSrc(null),
      );
    const el = ref.current;
    const io =
      el && typeof IntersectionObserver !== 'undefined'
        ? new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && (io?.disconnect(), load()))
        : null;
    if (io && el) io.observe(el);
    else load();
    return () => {
      alive = false;
      io?.disconnect();
      if (made) actions.releaseThumbnail?.(made);
    };
  }, [item.id]);
  return (
    <span ref={ref} class="gallery__tile" aria-hidden="true">
      {image && src ? (
        <img src={src} alt="" decoding="async" />
      ) : (
        <span class="gallery__tile-text">
          {image && src === null ? t('evidenceTileMissing') : image ? '…' : tileText(item, t)}
        </span>
      )}
    </span>
  );
}

/** Teaches how evidence gets here: open the order page (captured automatically, or by hand), or add files on the order's evidence page. */
function EmptyGallery({
  order,
  alert,
  autoCapture,
  actions,
  t,
}: {
  order: OrderRow;
  alert?: Alert;
  autoCapture: boolean;
  actions: GalleryActions;
  t: T;
}) {
  return (
    <div class="gallery__empty">
      <p>{t('evidenceEmpty')}</p>
      <ul>
        <li>
          <a href={order.url} target="_blank" rel="noreferrer">
            {t('evidenceEmptyOpenOrder')}
          </a>
          {' — '}
          {t(autoCapture ? 'evidenceEmptyAutoCapture' : 'evidenceEmptyManualCapture')}
        </li>
        <li>
          <AttachHint order={order} alert={alert} actions={actions} t={t} />
        </li>
      </ul>
    </div>
  );
}

/**
 * Attachments are added on the order's evidence page (a tab, since the popup closes when a file
 * chooser opens), which also lists everything; with an open alert, the complaint page is one click too.
 */
function AttachHint({
  order,
  alert,
  actions,
  t,
}: {
  order: OrderRow;
  alert: Alert | undefined;
  actions: GalleryActions;
  t: T;
}) {
  return (
    <>
      <button type="button" class="link-btn gallery__order-page" onClick={() => actions.openOrderEvidence(order)}>
        {t('evidenceOrderPage')}
      </button>
      {' — '}
      {t('evidenceAttachWhat')}
      {alert && (
        <>
          {' '}
          <button type="button" class="link-btn" onClick={() => actions.buildTicket(alert)}>
            {t('alertBuildTicket')}
          </button>
        </>
      )}
    </>
  );
}

/**
 * Evidence items, newest first, a page at a time: a thumbnail linking to the evidence page of the record,
 * and beside it the kind, time and short hash. The popup's gallery and the order evidence page share it.
 */
export function EvidenceItems({
  items,
  actions,
  t,
  locale,
}: {
  items: OrderEvidenceItem[];
  actions: ThumbnailActions;
  t: T;
  locale: string;
}) {
  const [shown, more] = useShown();
  return (
    <>
      <ul class="gallery__grid">
        {items.slice(0, shown).map((item) => {
          const kind = kindLabel(item.kind, t);
          const when = evidenceTime(item.capturedAt, t, locale);
          const what = item.fileName ?? item.caption ?? '';
          return (
            <li key={item.id} class="gallery__item" data-evidence-id={item.id} data-kind={item.kind}>
              <a
                class="gallery__open"
                href={`evidence.html#${encodeURIComponent(item.id)}`}
                target="_blank"
                rel="noreferrer"
                aria-label={t('evidenceOpen', kind, when)}
                title={what || undefined}
              >
                <Tile item={item} actions={actions} t={t} />
              </a>
              <div class="gallery__meta">
                <span class="gallery__kind">{kind}</span>
                {item.kind === 'attachment' && item.fileName && <span class="gallery__name">{item.fileName}</span>}
                <time dateTime={new Date(item.capturedAt).toISOString()}>{when}</time>
                <span class="gallery__hash">
                  {t('evidenceHash')} <code title={item.sha256}>{item.sha256.slice(0, 8)}</code>…
                </span>
              </div>
            </li>
          );
        })}
      </ul>
      <ShowMore total={items.length} shown={shown} more={more} t={t} />
    </>
  );
}

type Load =
  { status: 'loading' } | { status: 'ready'; items: OrderEvidenceItem[] } | { status: 'error'; error: string };

/** The evidence of one order as a grid of thumbnails; each opens the evidence page with the full image and its hash. */
export function EvidenceGallery(props: {
  id: string;
  order: OrderRow;
  actions: GalleryActions;
  t: T;
  locale: string;
  alert?: Alert;
  autoCapture: boolean;
  onCount?: (n: number) => void;
}) {
  const { order, actions, t, locale } = props;
  const [state, setState] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    let alive = true;
    actions.orderEvidence(order).then(
      (items) => {
        if (!alive) return;
        setState({ status: 'ready', items });
        props.onCount?.(items.length);
      },
      (e: unknown) => alive && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [order.key]);
  return (
    <div id={props.id} class="gallery" role="region" aria-label={t('evidenceGalleryLabel', order.orderId)}>
      {state.status === 'loading' && (
        <p class="gallery__status" role="status">
          {t('loading')}
        </p>
      )}
      {state.status === 'error' && (
        <p class="error" role="alert">
          {t('loadError', state.error)}
        </p>
      )}
      {state.status === 'ready' && state.items.length === 0 && (
        <EmptyGallery
          order={order}
          {...(props.alert ? { alert: props.alert } : {})}
          autoCapture={props.autoCapture}
          actions={actions}
          t={t}
        />
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <EvidenceItems items={state.items} actions={actions} t={t} locale={locale} />
          <p class="gallery__attach">
            <AttachHint order={order} alert={props.alert} actions={actions} t={t} />
          </p>
        </>
      )}
    </div>
  );
}

/** The order row's evidence entry: how many items, and a button that opens (and closes) the gallery. */
export function EvidenceEntry(props: {
  order: OrderRow;
  count: number | undefined;
  actions: GalleryActions;
  t: T;
  locale: string;
  alert?: Alert;
  autoCapture: boolean;
}) {
  const { order, t } = props;
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState<number | undefined>(undefined);
  // A reload that brings another count (a new capture, a deletion) makes an open gallery read again.
  useEffect(() => setCount(undefined), [props.count]);
  const n = count ?? props.count;
  const id = `evidence-${order.key.replace(/[^\w-]/g, '_')}`;
  return (
    <div class="evidence-entry">
      <button
        type="button"
        class="evidence-entry__toggle"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" class="evidence-entry__chevron">
          {open ? '▾' : '▸'}
        </span>
        {n === undefined ? t('orderEvidence') : n === 0 ? t('orderEvidenceNone') : t('orderEvidenceCount', n)}
      </button>
      {open && (
        <EvidenceGallery
          key={props.count ?? -1}
          id={id}
          order={order}
          actions={props.actions}
          t={t}
          locale={props.locale}
          {...(props.alert ? { alert: props.alert } : {})}
          autoCapture={props.autoCapture}
          onCount={setCount}
        />
      )}
    </div>
  );
}
