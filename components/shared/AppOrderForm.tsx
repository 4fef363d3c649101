/**
 * "添加App订单": an order placed in a phone app, typed in (or pasted from the app's copied text) with its app
 * screenshots, sent as `order/add` through the page's actions. The evidence page shows it (`?add=app-order`, and
 * inline on an order's page); the popup opens it there, because a file dialog closes Firefox's popup.
 *
 * The form refuses what the worker would refuse (lib/core/manual-order.ts) before sending, and shows the worker's
 * refusal by its code when it still comes (a duplicate number is known only there: it offers the edit).
 */
import { useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ATTACHMENT_ACCEPT, checkAttachment } from '@/lib/core/attachments';
import type { MessageKey, T } from '@/lib/core/i18n';
import {
  checkManualOrder,
  isWebUrl,
  manualOrderUrl,
  productIdFromLink,
  type OrderAddProblem,
  type OrderAddRefusal,
} from '@/lib/core/manual-order';
import {
  CARRIERS,
  PLATFORMS,
  type CarrierCode,
  type OrderItem,
  type OrderSnapshot,
  type Platform,
} from '@/lib/core/model';
import type { OrderRef } from '@/lib/core/order-page';
import { CARRIER_NAMES, detectCarrier } from '@/lib/parse/carrier';
import { parseShopDate } from '@/lib/parse/date';
import { parseOrderText, type ParsedOrderText } from '@/lib/parse/order-text';
import { parsePrice } from '@/lib/parse/price';
import './AppOrderForm.css';

/** What the form asks of its page (the evidence page's actions implement it). */
export interface AppOrderActions {
  /** Sends `order/add`; `edit` replaces a stored order's facts with a new record. */
  addOrder(
    snapshot: OrderSnapshot,
    edit: boolean,
  ): Promise<{ ok: true; snapshotId: number } | OrderAddRefusal | { ok: false; error: string; code?: undefined }>;
  /** Chains one app screenshot under the order, captioned as the app's order screen. */
  attachAppScreen(file: File, order: OrderRef): Promise<void>;
  /** The worker's clock (test builds move it). */
  now(): Promise<number>;
}

const PROBLEM_KEYS: Record<OrderAddProblem, MessageKey> = {
  'amount-zero': 'orderAdd_amountZero',
  'future-time': 'orderAdd_futureTime',
  'no-paid-time': 'orderAdd_noPaidTime',
  'unknown-carrier': 'orderAdd_unknownCarrier',
  duplicate: 'orderAdd_duplicate',
  'not-found': 'orderAdd_notFound',
};

interface ItemFields {
  title: string;
  price: string;
  quantity: string;
  link: string;
}

interface Fields {
  platform: Platform;
  orderId: string;
  paid: string;
  paidAt: string;
  shop: string;
  items: ItemFields[];
  tracking: string;
  /** '' = from the number. */
  carrier: CarrierCode | '';
  returnTracking: string;
  returnAddress: string;
  protectionDays: string;
}

const EMPTY_ITEM: ItemFields = { title: '', price: '', quantity: '1', link: '' };
const SHANGHAI = 8 * 3_600_000;

/** Epoch ms → "2025-11-06 23:09" in China time (the zone the form's times are typed in). */
function shanghaiText(at: number | undefined): string {
  if (at === undefined) return '';
  const d = new Date(at + SHANGHAI);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const yuan = (amount: number | undefined) => (amount === undefined ? '' : (amount / 100).toFixed(2));

function fieldsOf(s: OrderSnapshot | null | undefined, platform: Platform): Fields {
  // The order's url is the first item's link when one was given (manualOrderUrl): it stays on an edit.
  const items: ItemFields[] = (s?.items ?? []).map((i, n) => ({
    title: i.title,
    price: yuan(i.unitPrice?.amount),
    quantity: String(i.quantity),
    link: n === 0 && isWebUrl(s?.url) ? (s?.url ?? '') : '',
  }));
  return {
    platform: s?.platform ?? platform,
    orderId: s?.orderId ?? '',
    paid: s ? yuan(s.paid.amount) : '',
    paidAt: shanghaiText(s?.paidAt ?? s?.placedAt),
    shop: s?.shop ?? '',
    items: items.length ? items : [{ ...EMPTY_ITEM }],
    tracking: (s?.trackingNumbers ?? []).join(' '),
    carrier: s?.carrier ?? '',
    returnTracking: (s?.returnTrackingNumbers ?? []).join(' '),
    returnAddress: s?.returnAddress ?? '',
    protectionDays: s?.priceProtectionDays ? String(s.priceProtectionDays) : '',
  };
}

/** The pasted text's fields over the form's (what the text does not state stays as it was). */
function withParsed(f: Fields, p: ParsedOrderText): { fields: Fields; filled: MessageKey[] } {
  const filled: MessageKey[] = [];
  const next = { ...f };
  if (p.platform) {
    next.platform = p.platform;
    filled.push('appOrderPlatform');
  }
  if (p.orderId) {
    next.orderId = p.orderId;
    filled.push('appOrderId');
  }
  if (p.paid) {
    next.paid = yuan(p.paid.amount);
    filled.push('appOrderPaid');
  }
  const paidAt = p.paidAt ?? p.placedAt;
  if (paidAt !== undefined) {
    next.paidAt = shanghaiText(paidAt);
    filled.push('appOrderPaidAt');
  }
  if (p.shop) {
    next.shop = p.shop;
    filled.push('appOrderShop');
  }
  if (p.item) {
    next.items = [
      {
        title: p.item.title,
        price: yuan(p.item.unitPrice?.amount),
        quantity: String(p.item.quantity ?? 1),
        link: '',
      },
      ...f.items.slice(1),
    ];
    filled.push('appOrderItems');
  }
  if (p.trackingNumbers) {
    next.tracking = p.trackingNumbers.join(' ');
    filled.push('appOrderTracking');
  }
  if (p.carrier) next.carrier = p.carrier;
  return { fields: next, filled };
}

const splitNumbers = (s: string) =>
  s
    .split(/[\s,，;；、]+/)
    .map((n) => n.trim())
    .filter(Boolean);

type Built = { ok: true; snapshot: OrderSnapshot } | { ok: false; message: string };

/** The form's text → an order snapshot, or the first field that cannot be read. */
function build(f: Fields, now: number, t: T): Built {
  const orderId = f.orderId.trim();
  if (!orderId) return { ok: false, message: t('appOrderNeedId') };
  if (!/^[0-9A-Za-z-]{1,200}$/.test(orderId)) return { ok: false, message: t('appOrderBadId') };
  const paid = parsePrice(f.paid);
  if (!paid) return { ok: false, message: t('appOrderBadAmount') };
  const paidAt = f.paidAt.trim() ? parseShopDate(f.paidAt, now) : undefined;
  if (paidAt === null) return { ok: false, message: t('appOrderBadTime') };
  const items: OrderItem[] = [];
  const links: string[] = [];
  for (const [i, it] of f.items.entries()) {
    if (!it.title.trim()) continue;
    const unit = it.price.trim() ? parsePrice(it.price) : undefined;
    if (unit === null) return { ok: false, message: t('appOrderBadItem', i + 1, t('appOrderBadAmount')) };
    const quantity = Number(it.quantity.trim() || '1');
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100000)
      return { ok: false, message: t('appOrderBadItem', i + 1, t('appOrderItemQty')) };
    const productId = it.link.trim() ? productIdFromLink(f.platform, it.link) : null;
    if (it.link.trim()) links.push(it.link.trim());
    items.push({
      title: it.title.trim().slice(0, 2000),
      quantity,
      ...(unit && unit.amount > 0 ? { unitPrice: unit } : {}),
      ...(productId ? { productId } : {}),
    });
  }
  const trackingNumbers = splitNumbers(f.tracking);
  const returnTrackingNumbers = splitNumbers(f.returnTracking);
  const days = Number(f.protectionDays.trim());
  // The carrier the shopper chose, else the one the first number tells (shown beside the field).
  const carrier = f.carrier || (trackingNumbers[0] ? detectCarrier(trackingNumbers[0]) : null);
  const snapshot: OrderSnapshot = {
    kind: 'order',
    platform: f.platform,
    url: manualOrderUrl(f.platform, orderId, links),
    orderId,
    paid,
    items,
    source: 'manual',
    capturedAt: now,
    ...(paidAt !== undefined ? { paidAt } : {}),
    ...(f.shop.trim() ? { shop: f.shop.trim().slice(0, 2000) } : {}),
    ...(trackingNumbers.length ? { trackingNumbers } : {}),
    ...(carrier ? { carrier } : {}),
    ...(returnTrackingNumbers.length ? { returnTrackingNumbers } : {}),
    ...(f.returnAddress.trim() ? { returnAddress: f.returnAddress.trim().slice(0, 2000) } : {}),
    ...(Number.isInteger(days) && days > 0 && days <= 365 ? { priceProtectionDays: days } : {}),
  };
  return { ok: true, snapshot };
}

function Field({
  label,
  id,
  children,
  hint,
}: {
  label: string;
  id: string;
  children: ComponentChildren;
  hint?: string;
}) {
  return (
    <div class="app-order__field">
      <label for={id}>{label}</label>
      {children}
      {hint && <span class="hint">{hint}</span>}
    </div>
  );
}

type Status =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'error'; message: string; duplicate?: boolean }
  | { kind: 'saved'; order: OrderRef; screens: number; problems: string[] };

export function AppOrderForm({
  actions,
  t,
  initial,
  platform = 'taobao',
  onSaved,
  onCancel,
}: {
  actions: AppOrderActions;
  t: T;
  /** A stored order typed in earlier: the form edits it (a new record). */
  initial?: OrderSnapshot | null;
  platform?: Platform;
  onSaved?: (order: OrderRef) => void;
  onCancel?: () => void;
}) {
  const [f, setF] = useState<Fields>(() => fieldsOf(initial, platform));
  const [edit, setEdit] = useState(!!initial);
  const [paste, setPaste] = useState<{ text: string; note: string | null }>({ text: '', note: null });
  const [files, setFiles] = useState<File[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => setF((old) => ({ ...old, [k]: v }));
  const setItem = (i: number, k: keyof ItemFields, v: string) =>
    setF((old) => ({ ...old, items: old.items.map((it, j) => (j === i ? { ...it, [k]: v } : it)) }));

  const firstTracking = splitNumbers(f.tracking)[0];
  const detected = useMemo(() => (firstTracking ? detectCarrier(firstTracking) : null), [firstTracking]);

  const onPaste = (text: string) => {
    const parsed = parseOrderText(text);
    if (!parsed) return setPaste({ text, note: text.trim() ? t('appOrderPasteNone') : null });
    const { fields, filled } = withParsed(f, parsed);
    setF(fields);
    setPaste({ text, note: t('appOrderPasteFilled', filled.map((k) => t(k)).join('、')) });
  };

  const save = async (asEdit = edit) => {
    setStatus({ kind: 'busy' });
    const now = await actions.now();
    const built = build(f, now, t);
    if (!built.ok) return setStatus({ kind: 'error', message: built.message });
    // The checks that need no stored data, here; a duplicate number is known to the worker only.
    const local = checkManualOrder(built.snapshot, { now, stored: asEdit, edit: asEdit });
    if (local) return setStatus({ kind: 'error', message: t(PROBLEM_KEYS[local.code]) });
    const reply = await actions.addOrder(built.snapshot, asEdit);
    if (!reply.ok) {
      const message = reply.code ? t(PROBLEM_KEYS[reply.code]) : reply.error;
      return setStatus({ kind: 'error', message, duplicate: reply.code === 'duplicate' });
    }
    const order = { platform: built.snapshot.platform, orderId: built.snapshot.orderId };
    const problems: string[] = [];
    let screens = 0;
    for (const file of files) {
      try {
        await actions.attachAppScreen(file, order);
        screens++;
      } catch (e) {
        problems.push(t('appOrderScreenFailed', file.name, e instanceof Error ? e.message : String(e)));
      }
    }
    setFiles([]);
    setEdit(true);
    setStatus({ kind: 'saved', order, screens, problems });
    // A screenshot that did not attach stays on screen, with the form, instead of being navigated away from.
    if (problems.length === 0) onSaved?.(order);
  };

  const busy = status.kind === 'busy';
  return (
    <form
      class="app-order"
      aria-labelledby="app-order-h"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="app-order-h">{t(edit ? 'appOrderEditHeading' : 'appOrderHeading')}</h2>
      <p class="hint">{edit ? t('appOrderEditNote') : t('appOrderIntro')}</p>

      <Field label={t('appOrderPaste')} id="app-order-paste" hint={t('appOrderPasteHint')}>
        <textarea
          id="app-order-paste"
          rows={3}
          value={paste.text}
          placeholder="订单编号：… 支付时间：… 实付款：¥…"
          onInput={(e) => onPaste(e.currentTarget.value)}
        />
      </Field>
      {paste.note && (
        <p class={paste.note === t('appOrderPasteNone') ? 'warning' : 'notice'} role="status" data-testid="paste-note">
          {paste.note}
        </p>
      )}

      <div class="app-order__grid">
        <Field label={t('appOrderPlatform')} id="app-order-platform">
          <select
            id="app-order-platform"
            value={f.platform}
            disabled={edit}
            onChange={(e) => set('platform', e.currentTarget.value as Platform)}
          >
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`platform_${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('appOrderId')} id="app-order-id">
          <input
            id="app-order-id"
            required
            readOnly={edit}
            value={f.orderId}
            autoComplete="off"
            onInput={(e) => set('orderId', e.currentTarget.value)}
          />
        </Field>
        <Field label={t('appOrderPaid')} id="app-order-paid">
          <input
            id="app-order-paid"
            required
            inputMode="decimal"
            value={f.paid}
            onInput={(e) => set('paid', e.currentTarget.value)}
          />
        </Field>
        <Field label={t('appOrderPaidAt')} id="app-order-paid-at" hint={t('appOrderPaidAtHint')}>
          <input
            id="app-order-paid-at"
            required
            value={f.paidAt}
            placeholder="2025-11-06 23:09"
            onInput={(e) => set('paidAt', e.currentTarget.value)}
          />
        </Field>
        <Field label={t('appOrderShop')} id="app-order-shop">
          <input id="app-order-shop" value={f.shop} onInput={(e) => set('shop', e.currentTarget.value)} />
        </Field>
        <Field label={t('appOrderProtection')} id="app-order-days">
          <input
            id="app-order-days"
            inputMode="numeric"
            value={f.protectionDays}
            onInput={(e) => set('protectionDays', e.currentTarget.value)}
          />
        </Field>
      </div>

      <fieldset class="app-order__items">
        <legend>{t('appOrderItems')}</legend>
        {f.items.map((it, i) => (
          <div class="app-order__item" key={i} role="group" aria-label={t('appOrderItemN', i + 1)}>
            <Field label={t('appOrderItemTitle')} id={`app-order-item-${i}-title`}>
              <input
                id={`app-order-item-${i}-title`}
                value={it.title}
                onInput={(e) => setItem(i, 'title', e.currentTarget.value)}
              />
            </Field>
            <Field label={t('appOrderItemPrice')} id={`app-order-item-${i}-price`}>
              <input
                id={`app-order-item-${i}-price`}
                inputMode="decimal"
                value={it.price}
                onInput={(e) => setItem(i, 'price', e.currentTarget.value)}
              />
            </Field>
            <Field label={t('appOrderItemQty')} id={`app-order-item-${i}-qty`}>
              <input
                id={`app-order-item-${i}-qty`}
                inputMode="numeric"
                value={it.quantity}
                onInput={(e) => setItem(i, 'quantity', e.currentTarget.value)}
              />
            </Field>
            <Field label={t('appOrderItemLink')} id={`app-order-item-${i}-link`}>
              <input
                id={`app-order-item-${i}-link`}
                type="url"
                value={it.link}
                onInput={(e) => setItem(i, 'link', e.currentTarget.value)}
              />
            </Field>
            {f.items.length > 1 && (
              <button
                type="button"
                class="btn btn--link"
                onClick={() => setF((old) => ({ ...old, items: old.items.filter((_, j) => j !== i) }))}
              >
                {t('appOrderItemRemove', i + 1)}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          class="btn"
          onClick={() => setF((old) => ({ ...old, items: [...old.items, { ...EMPTY_ITEM }] }))}
        >
          {t('appOrderItemAdd')}
        </button>
      </fieldset>

      <div class="app-order__grid">
        <Field label={t('appOrderTracking')} id="app-order-tracking">
          <input
            id="app-order-tracking"
            value={f.tracking}
            autoComplete="off"
            onInput={(e) => set('tracking', e.currentTarget.value)}
          />
        </Field>
        <Field
          label={t('appOrderCarrier')}
          id="app-order-carrier"
          {...(firstTracking
            ? {
                hint: detected ? t('appOrderCarrierAuto', CARRIER_NAMES[detected].zh) : t('appOrderCarrierUnknown'),
              }
            : {})}
        >
          <select
            id="app-order-carrier"
            value={f.carrier || detected || ''}
            onChange={(e) => set('carrier', e.currentTarget.value as CarrierCode | '')}
          >
            <option value="">{t('appOrderCarrierNone')}</option>
            {CARRIERS.map((c) => (
              <option key={c} value={c}>
                {CARRIER_NAMES[c].zh}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <details class="app-order__return" open={!!(f.returnTracking || f.returnAddress)}>
        <summary>{t('appOrderReturn')}</summary>
        <div class="app-order__grid">
          <Field label={t('appOrderReturnTracking')} id="app-order-return-tracking">
            <input
              id="app-order-return-tracking"
              value={f.returnTracking}
              onInput={(e) => set('returnTracking', e.currentTarget.value)}
            />
          </Field>
          <Field label={t('appOrderReturnAddress')} id="app-order-return-address">
            <input
              id="app-order-return-address"
              value={f.returnAddress}
              onInput={(e) => set('returnAddress', e.currentTarget.value)}
            />
          </Field>
        </div>
      </details>

      <fieldset class="app-order__screens">
        <legend>{t('appOrderScreens')}</legend>
        <p class="hint">{t('appOrderScreensHint')}</p>
        <label class="btn file-btn">
          {t('appOrderScreensChoose')}
          <input
            type="file"
            multiple
            class="visually-hidden"
            data-testid="app-order-screens"
            accept={ATTACHMENT_ACCEPT.split(',')
              .filter((m) => m.startsWith('image/'))
              .join(',')}
            onChange={(e) => {
              const input = e.currentTarget;
              const chosen = Array.from(input.files ?? []);
              input.value = '';
              const refused = chosen.filter((x) => !x.type.startsWith('image/') || !checkAttachment(x.type, x.size).ok);
              setFiles(chosen.filter((x) => !refused.includes(x)));
              if (refused.length)
                setStatus({
                  kind: 'error',
                  message: refused.map((x) => t('ticketAttachType', x.name)).join(' '),
                });
            }}
          />
        </label>
        {files.length > 0 && (
          <p class="app-order__files">
            {t('appOrderScreensChosen', files.length, files.map((x) => x.name).join('、'))}
          </p>
        )}
      </fieldset>

      <div class="app-order__status" role="status">
        {busy && <p>{t('appOrderSaving')}</p>}
        {status.kind === 'error' && (
          <p class="error" data-testid="app-order-error">
            {status.message}{' '}
            {status.duplicate && (
              <button
                type="button"
                class="btn btn--link"
                onClick={() => {
                  setEdit(true);
                  void save(true);
                }}
              >
                {t('appOrderEditInstead')}
              </button>
            )}
          </p>
        )}
        {status.kind === 'saved' && (
          <p class="notice" data-testid="app-order-saved">
            {t('appOrderSaved', status.screens)}
          </p>
        )}
        {status.kind === 'saved' &&
          status.problems.map((p, i) => (
            <p key={i} class="error">
              {p}
            </p>
          ))}
      </div>

      <div class="app-order__actions">
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t(edit ? 'appOrderSaveEdit' : 'appOrderSave')}
        </button>
        {onCancel && (
          <button type="button" class="btn" onClick={onCancel}>
            {t('appOrderCancel')}
          </button>
        )}
      </div>
    </form>
  );
}
