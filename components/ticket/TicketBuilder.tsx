import { useMemo, useState } from 'preact/hooks';
import type { Lang, T } from '@/lib/core/i18n';
import { ATTACHMENT_ACCEPT, checkAttachment } from '@/lib/core/attachments';
import { claimPageFor } from '@/lib/core/claim-pages';
import { formatMoney } from '@/lib/core/format';
import type { Money, Ticket, TicketChannel } from '@/lib/core/model';
import { parsePrice } from '@/lib/parse/price';
import {
  answerWithAmount,
  checkEvidence,
  draftTicket,
  escalatePair,
  isComplete,
  markAnswered,
  markResolved,
  markSent,
  type ChainPin,
  type EvidenceRef,
  type TicketFacts,
} from '@/lib/tickets';
import type { TicketActions } from './actions';
import { PriceComparison } from './PriceComparison';

const CHANNELS: TicketChannel[] = ['seller', 'platform', '12315'];

/** Facts with the chain pin read now; without one (an empty chain) the texts carry none rather than an old one. */
function withChain(facts: TicketFacts, chain: ChainPin | undefined): TicketFacts {
  const { chain: _old, ...rest } = facts;
  return chain ? { ...rest, chain } : rest;
}

/**
 * From facts to a complaint: the three parts (problem, evidence, demand) composed in both languages,
 * editable, with the evidence checklist saying what is missing and how to get it.
 */
export function TicketBuilder(props: {
  facts: TicketFacts;
  initial: Ticket;
  actions: TicketActions;
  t: T;
  lang: Lang;
}) {
  const { actions, t, lang } = props;
  const [facts, setFacts] = useState<TicketFacts>(props.facts);
  const [ticket, setTicket] = useState<Ticket>(props.initial);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmExport, setConfirmExport] = useState(false);
  const [externalId, setExternalId] = useState('');
  const [replyText, setReplyText] = useState('');
  const [replyAmount, setReplyAmount] = useState('');
  const checklist = useMemo(() => checkEvidence(facts), [facts]);
  const complete = isComplete(checklist);
  const draft = ticket.status === 'draft';

  const redraft = (next: TicketFacts) => {
    setFacts(next);
    const fresh = draftTicket(next, {
      id: ticket.id,
      now: ticket.createdAt,
      ...(ticket.alertId ? { alertId: ticket.alertId } : {}),
      ...(ticket.parentId ? { parentId: ticket.parentId } : {}),
    });
    setTicket({ ...fresh, status: ticket.status });
  };
  const run = async (what: () => Promise<void>, done: string) => {
    try {
      await what();
      setNotice(done);
    } catch (e) {
      setNotice(t('ticketError', e instanceof Error ? e.message : String(e)));
    }
  };
  const update = (next: Ticket, done: string) =>
    run(async () => {
      await actions.save(next);
      setTicket(next);
    }, done);
  const exportNow = () => run(() => actions.exportBundle(ticket), t('ticketExported'));
  /**
   * The other side's answer: its text chained as a text/plain attachment captioned as the reply, then the ticket
   * answered (or resolved with what came back, when an amount is given) and saved. Nothing is chained or saved
   * when the text is empty or the amount is not a positive yuan amount.
   */
  const recordReply = () => {
    const text = replyText.trim();
    if (!text) return setNotice(t('ticketReplyEmpty'));
    const typed = replyAmount.trim();
    let recovered: Money | undefined;
    if (typed) {
      const parsed = parsePrice(typed);
      if (!parsed || parsed.currency !== 'CNY' || !Number.isSafeInteger(parsed.amount) || parsed.amount <= 0)
        return setNotice(t('ticketReplyBadAmount', typed));
      recovered = parsed;
    }
    const at = actions.now();
    const transition = (evidenceId?: string) => {
      const reply = { text, ...(evidenceId ? { evidenceId } : {}) };
      return recovered ? answerWithAmount(ticket, at, reply, recovered) : markAnswered(ticket, at, reply);
    };
    void run(async () => {
      transition(); // an illegal transition throws here, before anything is chained
      const file = new File([text], `reply-${at}.txt`, { type: 'text/plain' });
      const ref = await actions.attach(file, facts.orderId, t('ticketReplyCaption'));
      const answered = transition(ref.id);
      const next = { ...answered, evidenceIds: [...answered.evidenceIds, ref.id] };
      await actions.save(next);
      setTicket(next);
      setReplyText('');
      setReplyAmount('');
    }, t('ticketReplySaved'));
  };

  return (
    <main class="page ticket" lang={lang}>
      <h1>{t('ticketHeading')}</h1>
      <p class="ticket__status" data-status={ticket.status}>
        {t('ticketStatus', t(`ticketStatus_${ticket.status}`))}
      </p>
      {ticket.type === 'price-protection' && <ClaimFirst platform={facts.platform} t={t} />}
      <div class="ticket__row">
        <label>
          {t('ticketChannel')}{' '}
          <select
            value={facts.channel}
            disabled={!draft}
            onChange={(e) => redraft({ ...facts, channel: (e.target as HTMLSelectElement).value as TicketChannel })}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`ticketChannel_${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {facts.channel === '12315' && draft && (
        <fieldset class="ticket__parties">
          <legend>{t('ticket12315Parties')}</legend>
          <label>
            {t('ticketComplainantName')}{' '}
            <input
              value={facts.complainant?.name ?? ''}
              onChange={(e) =>
                redraft({ ...facts, complainant: { ...facts.complainant, name: (e.target as HTMLInputElement).value } })
              }
            />
          </label>
          <label>
            {t('ticketComplainantContact')}{' '}
            <input
              value={facts.complainant?.contact ?? ''}
              onChange={(e) =>
                redraft({
                  ...facts,
                  complainant: { ...facts.complainant, contact: (e.target as HTMLInputElement).value },
                })
              }
            />
          </label>
          <label>
            {t('ticketMerchantName')}{' '}
            <input
              value={facts.shop ?? ''}
              onChange={(e) => redraft({ ...facts, shop: (e.target as HTMLInputElement).value })}
            />
          </label>
          <label>
            {t('ticketMerchantAddress')}{' '}
            <input
              value={facts.merchantAddress ?? ''}
              onChange={(e) => redraft({ ...facts, merchantAddress: (e.target as HTMLInputElement).value })}
            />
          </label>
        </fieldset>
      )}
      <div class="ticket__row">
        <label class="btn">
          {t('ticketAttach')}
          <input
            type="file"
            multiple
            class="visually-hidden"
            accept={ATTACHMENT_ACCEPT}
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const files = Array.from(input.files ?? []);
              input.value = '';
              void run(
                async () => {
                  const refs: EvidenceRef[] = [];
                  for (const f of files) {
                    const check = checkAttachment(f.type, f.size);
                    if (!check.ok)
                      throw new Error(
                        check.reason === 'type'
                          ? t('ticketAttachType', f.name)
                          : t('ticketAttachSize', f.name, Math.round((check.maxBytes ?? 0) / 1048576)),
                      );
                  }
                  for (const f of files) refs.push(await actions.attach(f, facts.orderId));
                  // The attachments are newer than the head the facts pinned: a later redraft pins one that covers
                  // them, or none if it cannot be read (the attachments are stored either way).
                  const chain = await actions.chainPin().catch(() => undefined);
                  const next = withChain({ ...facts, evidence: [...facts.evidence, ...refs] }, chain);
                  setFacts(next);
                  setTicket((cur) => ({ ...cur, evidenceIds: [...cur.evidenceIds, ...refs.map((r) => r.id)] }));
                },
                t('ticketAttached', files.length),
              );
            }}
          />
        </label>
      </div>
      <PriceComparison facts={facts} actions={actions} t={t} />
      <section aria-labelledby="check-h">
        <h2 id="check-h">{t('ticketChecklist')}</h2>
        <ul class="checklist">
          {checklist.map((c) => (
            <li
              key={c.item}
              class={c.ok ? 'check check--ok' : 'check check--missing'}
              data-item={c.item}
              data-ok={String(c.ok)}
            >
              <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {c.label[lang]}
              {!c.ok && <div class="check__how">{t('ticketHowTo', c.howTo[lang])}</div>}
            </li>
          ))}
        </ul>
      </section>
      {(['zh-CN', 'en'] as const).map((l) => (
        <section key={l}>
          <h2>
            <label for={`text-${l}`}>{t(l === 'zh-CN' ? 'ticketTextZh' : 'ticketTextEn')}</label>
          </h2>
          <textarea
            id={`text-${l}`}
            class="ticket__text"
            rows={16}
            value={ticket.text[l] ?? ''}
            onInput={(e) =>
              setTicket({ ...ticket, text: { ...ticket.text, [l]: (e.target as HTMLTextAreaElement).value } })
            }
          />
        </section>
      ))}
      <div class="ticket__actions">
        <button
          type="button"
          class="btn btn--primary"
          onClick={() =>
            void run(() => actions.copy(ticket.text[lang] ?? ticket.text['zh-CN'] ?? ''), t('ticketCopied'))
          }
        >
          {t('ticketCopy')}
        </button>
        {actions.share && (
          <button
            type="button"
            class="btn"
            onClick={() => {
              const text = ticket.text[lang] ?? ticket.text['zh-CN'] ?? '';
              void run(async () => {
                if (!(await actions.share?.(text))) throw new Error(t('ticketShareCancelled'));
              }, t('ticketShared'));
            }}
          >
            {t('ticketShare')}
          </button>
        )}
        <button type="button" class="btn" onClick={() => (complete ? void exportNow() : setConfirmExport(true))}>
          {t('ticketExport')}
        </button>
        {draft && (
          <button type="button" class="btn" onClick={() => void update(ticket, t('ticketSaved'))}>
            {t('ticketSave')}
          </button>
        )}
      </div>
      {confirmExport && (
        <div class="warning" role="alertdialog" aria-labelledby="incomplete-h">
          <p id="incomplete-h">{t('ticketIncomplete')}</p>
          <ul>
            {checklist
              .filter((c) => !c.ok)
              .map((c) => (
                <li key={c.item}>{c.label[lang]}</li>
              ))}
          </ul>
          <button
            type="button"
            class="btn"
            onClick={() => {
              setConfirmExport(false);
              void exportNow();
            }}
          >
            {t('ticketExportAnyway')}
          </button>
          <button type="button" class="btn" onClick={() => setConfirmExport(false)}>
            {t('ticketCancel')}
          </button>
        </div>
      )}
      <section aria-labelledby="life-h" class="ticket__life">
        <h2 id="life-h">{t('ticketLifecycle')}</h2>
        {draft && (
          <div class="ticket__row">
            <label>
              {t('ticketExternalId')}{' '}
              <input value={externalId} onInput={(e) => setExternalId((e.target as HTMLInputElement).value)} />
            </label>
            <button
              type="button"
              class="btn"
              onClick={() =>
                void update(
                  markSent(ticket, { at: actions.now(), ...(externalId ? { externalId } : {}) }),
                  t('ticketMarkedSent'),
                )
              }
            >
              {t('ticketMarkSent')}
            </button>
          </div>
        )}
        {ticket.status === 'sent' && (
          <div class="ticket__row">
            <button
              type="button"
              class="btn"
              onClick={() => void update(markAnswered(ticket, actions.now()), t('ticketSaved'))}
            >
              {t('ticketMarkAnswered')}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => void update(markResolved(ticket, actions.now()), t('ticketSaved'))}
            >
              {t('ticketMarkResolved')}
            </button>
            {ticket.channel !== '12315' && (
              <button
                type="button"
                class="btn"
                onClick={() =>
                  void run(async () => {
                    // The escalation's text pins the chain as it is now, in the next channel's own log (read
                    // before anything is saved, so a failed read leaves the ticket as it was).
                    const chain = await actions.chainPin();
                    const { parent, draft: next } = escalatePair(ticket, actions.now());
                    await actions.save(parent);
                    const nextFacts: TicketFacts = {
                      ...withChain(facts, chain),
                      channel: next.channel,
                      previousTicket: {
                        channel: ticket.channel,
                        sentAt: ticket.sentAt ?? actions.now(),
                        ...(ticket.externalId ? { externalId: ticket.externalId } : {}),
                      },
                    };
                    const composed = {
                      ...draftTicket(nextFacts, { id: next.id, now: next.createdAt, parentId: ticket.id }),
                      status: 'draft' as const,
                    };
                    await actions.save(composed);
                    setFacts(nextFacts);
                    setTicket(composed);
                  }, t('ticketEscalated'))
                }
              >
                {t('ticketEscalate')}
              </button>
            )}
          </div>
        )}
        {ticket.status === 'sent' && (
          <fieldset class="ticket__reply-form">
            <legend>{t('ticketReplyHeading')}</legend>
            <label for="reply-text">{t('ticketReplyText')}</label>
            <textarea
              id="reply-text"
              class="ticket__text"
              rows={6}
              maxLength={5000}
              value={replyText}
              onInput={(e) => setReplyText((e.target as HTMLTextAreaElement).value)}
            />
            <div class="ticket__row">
              <label>
                {t('ticketReplyAmount')}{' '}
                <input
                  inputMode="decimal"
                  value={replyAmount}
                  onInput={(e) => setReplyAmount((e.target as HTMLInputElement).value)}
                />
              </label>
              <button type="button" class="btn" onClick={recordReply}>
                {t('ticketReplySave')}
              </button>
            </div>
          </fieldset>
        )}
        {ticket.reply && (
          <div class="ticket__reply" data-evidence={ticket.reply.evidenceId}>
            <h3>{t('ticketReplyRecorded')}</h3>
            <blockquote style={{ whiteSpace: 'pre-wrap' }}>{ticket.reply.text}</blockquote>
          </div>
        )}
        {ticket.recovered && (
          <p class="ticket__recovered" data-amount={ticket.recovered.amount}>
            {t('ticketRecovered', formatMoney(ticket.recovered))}
          </p>
        )}
      </section>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
    </main>
  );
}

/** Before the complaint: the platform's own 价保 page where it has one (lib/core/claim-pages.ts); the shopper clicks there. */
function ClaimFirst({ platform, t }: { platform: TicketFacts['platform']; t: T }) {
  const page = platform ? claimPageFor({ kind: 'price-drop', platform }) : null;
  if (!page) return null;
  return (
    <p class="notice ticket__claim">
      <a class="btn btn--primary" href={page.url} target="_blank" rel="noopener noreferrer" data-claim={platform}>
        {t(page.label)}
      </a>{' '}
      {t('alertClaimHint')}
    </p>
  );
}
