import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RestoreError, RestoreResult } from '@/lib/core/backup-restore';
import { BUNDLE_FORMAT_V1, LIMITS_NOTE, type FileStatus, type VerifyResult } from '@/lib/core/bundle';
import type { Lang, MessageKey, T } from '@/lib/core/i18n';
import type { OptionsActions, StorageUse } from './actions';
import { OptionsStorage } from './OptionsStorage';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1536 → "1.5 kB" / "1.5 KB", through Intl so both languages read naturally. */
export function formatBytes(n: number, lang: Lang): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

const RESTORE_ERROR: Record<RestoreError, MessageKey> = {
  'too-large': 'optRestoreErrTooLarge',
  'not-json': 'optRestoreErrNotJson',
  'forbidden-key': 'optRestoreErrForbiddenKey',
  'wrong-format': 'optRestoreErrWrongFormat',
  invalid: 'optRestoreErrInvalid',
  'bad-blob': 'optRestoreErrBadBlob',
  'hash-mismatch': 'optRestoreErrHashMismatch',
  'chain-broken': 'optRestoreErrChainBroken',
  'chain-conflict': 'optRestoreErrChainConflict',
  'time-order': 'optRestoreErrTimeOrder',
  future: 'optRestoreErrFuture',
  'bad-url': 'optRestoreErrBadUrl',
  'bad-type': 'optRestoreErrBadType',
  'write-failed': 'optRestoreErrWriteFailed',
};

export function restoreMessage(r: RestoreResult, t: T): string {
  if (!r.ok) return t('optRestoreRefused', t(RESTORE_ERROR[r.error], r.detail));
  const kept = r.kept.snapshots + r.kept.evidence + r.kept.alerts + r.kept.tickets;
  return t('optRestoreDone', r.added.snapshots, r.added.evidence, r.added.alerts, r.added.tickets, kept);
}

const FILE_STATUS: Record<FileStatus, MessageKey> = {
  ok: 'optFileOk',
  changed: 'optFileChanged',
  missing: 'optFileMissing',
  extra: 'optFileExtra',
};
const SIGNATURE: Record<VerifyResult['signature'], MessageKey> = {
  valid: 'optSigValid',
  invalid: 'optSigInvalid',
  missing: 'optSigMissing',
};

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Kept as a function of the translator, so a language switch re-renders old messages too. */
type Note = { text: (t: T) => string; error: boolean } | null;

interface Props {
  actions: OptionsActions;
  t: T;
  lang: Lang;
}

export function OptionsData({ actions, t, lang }: Props) {
  const [use, setUse] = useState<StorageUse | null>(null);
  const [useError, setUseError] = useState<string | null>(null);
  // Bumped by every refresh so the per-order table reloads with the totals.
  const [rev, setRev] = useState(0);
  const loadUse = () =>
    actions.storageUse().then(
      (u) => {
        setUse(u);
        setUseError(null);
      },
      (e: unknown) => setUseError(errText(e)),
    );
  const refresh = () => {
    setRev((r) => r + 1);
    return loadUse();
  };
  useEffect(() => void loadUse(), []);

  return (
    <>
      <section class="opt-card" aria-labelledby="opt-usage-h">
        <h3 id="opt-usage-h">{t('optUsageHeading')}</h3>
        {useError && (
          <p class="error" role="alert">
            {t('loadError', useError)}
          </p>
        )}
        {!use && !useError && <p class="empty">{t('loading')}</p>}
        {use && <UsageView use={use} t={t} lang={lang} />}
        <button type="button" class="btn" onClick={() => void refresh()}>
          {t('optRefresh')}
        </button>
      </section>
      <OptionsStorage
        actions={actions}
        t={t}
        lang={lang}
        rev={rev}
        onChanged={() => void refresh()}
        bytes={(n) => formatBytes(n, lang)}
      />
      <BackupCard actions={actions} t={t} lang={lang} />
      <LedgerCard actions={actions} t={t} />
      <RestoreCard actions={actions} t={t} onDone={() => void refresh()} />
      <VerifyCard actions={actions} t={t} />
      <DeleteCard actions={actions} t={t} onDone={() => void refresh()} />
    </>
  );
}

function UsageView({ use, t, lang }: { use: StorageUse; t: T; lang: Lang }) {
  const count = new Intl.NumberFormat(lang);
  return (
    <>
      <p>
        {use.usage !== null && use.quota !== null
          ? t('optUsageLine', formatBytes(use.usage, lang), formatBytes(use.quota, lang))
          : t('optUsageUnknown')}
      </p>
      {use.usage !== null && use.quota !== null && use.quota > 0 && (
        <meter class="opt-meter" min={0} max={use.quota} value={use.usage} aria-label={t('optUsageHeading')} />
      )}
      <dl class="opt-counts">
        <div>
          <dt>{t('optCountSnapshots')}</dt>
          <dd>{count.format(use.snapshots)}</dd>
        </div>
        <div>
          <dt>{t('optCountEvidence')}</dt>
          <dd>{count.format(use.evidence)}</dd>
        </div>
        <div>
          <dt>{t('optEvidenceBytes')}</dt>
          <dd>{formatBytes(use.evidenceBytes, lang)}</dd>
        </div>
      </dl>
    </>
  );
}

function StatusLine({ note, t }: { note: Note; t: T }) {
  return (
    <p role="status" class={note?.error ? 'error opt-status' : 'opt-status'}>
      {note ? note.text(t) : ''}
    </p>
  );
}

function BackupCard({ actions, t, lang }: Props) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = async () => {
    setBusy(true);
    setNote({ text: (t) => t('optBackupWorking'), error: false });
    try {
      const r = await actions.backup();
      setNote({ text: (t) => t('optBackupDone', r.fileName, formatBytes(r.bytes, lang)), error: false });
    } catch (e) {
      setNote({ text: (t) => t('optBackupFailed', errText(e)), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="opt-card" aria-labelledby="opt-backup-h">
      <h3 id="opt-backup-h">{t('optBackupHeading')}</h3>
      <p class="opt-help">{t('optBackupExplain')}</p>
      <button type="button" class="btn btn--primary" onClick={() => void run()} disabled={busy}>
        {t('optBackupButton')}
      </button>
      <StatusLine note={note} t={t} />
    </section>
  );
}

function FilePicker({
  id,
  label,
  accept,
  onFile,
  disabled,
}: {
  id: string;
  label: string;
  accept: string;
  onFile(f: File): void;
  disabled?: boolean;
}) {
  return (
    <span class="opt-file">
      <input
        id={id}
        class="opt-file-input"
        type="file"
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          // Cleared so choosing the same file again fires change again.
          input.value = '';
          if (file) onFile(file);
        }}
      />
      <label for={id} class="btn">
        {label}
      </label>
    </span>
  );
}

function RestoreCard({ actions, t, onDone }: { actions: OptionsActions; t: T; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = async (file: File) => {
    setBusy(true);
    setNote({ text: (t) => t('optRestoreWorking', file.name), error: false });
    try {
      const r = await actions.restore(file);
      setNote({ text: (t) => restoreMessage(r, t), error: !r.ok });
      if (r.ok) onDone();
    } catch (e) {
      setNote({ text: (t) => t('optRestoreRefused', errText(e)), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="opt-card" aria-labelledby="opt-restore-h">
      <h3 id="opt-restore-h">{t('optRestoreHeading')}</h3>
      <p class="opt-help">{t('optRestoreExplain')}</p>
      <FilePicker
        id="opt-restore-file"
        label={t('optRestoreChoose')}
        accept=".json,application/json"
        onFile={(f) => void run(f)}
        disabled={busy}
      />
      <StatusLine note={note} t={t} />
    </section>
  );
}

function VerifyCard({ actions, t }: { actions: OptionsActions; t: T }) {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ name: string; r: VerifyResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (file: File) => {
    setBusy(file.name);
    setResult(null);
    setError(null);
    try {
      setResult({ name: file.name, r: await actions.verifyBundle(file) });
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="opt-card" aria-labelledby="opt-verify-h">
      <h3 id="opt-verify-h">{t('optVerifyHeading')}</h3>
      <p class="opt-help">{t('optVerifyExplain')}</p>
      <div
        class={over ? 'opt-drop opt-drop--over' : 'opt-drop'}
        data-testid="opt-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer?.files[0];
          if (file) void run(file);
        }}
      >
        <span>{t('optVerifyDrop')}</span>
        <FilePicker
          id="opt-verify-file"
          label={t('optVerifyChoose')}
          accept=".zip,application/zip"
          onFile={(f) => void run(f)}
          disabled={busy !== null}
        />
      </div>
      <p role="status" class="opt-status">
        {busy
          ? t('optVerifyWorking', busy)
          : result
            ? t(result.r.ok ? 'optVerifyOk' : 'optVerifyBad', result.name)
            : ''}
      </p>
      {error && (
        <p class="error" role="alert">
          {t('optVerifyFailed', error)}
        </p>
      )}
      {result && <VerifyView r={result.r} t={t} />}
    </section>
  );
}

function VerifyView({ r, t }: { r: VerifyResult; t: T }) {
  return (
    <div class={r.ok ? 'opt-verify opt-verify--ok' : 'opt-verify opt-verify--bad'}>
      <p class={r.signature === 'valid' ? 'opt-good' : 'error'}>{t('optVerifySignature', t(SIGNATURE[r.signature]))}</p>
      {r.keyFingerprint && (
        <p>
          {t('optVerifyKey')} <code class="opt-hash">{r.keyFingerprint}</code>
        </p>
      )}
      {r.format && <p>{t('optVerifyFormat', r.format)}</p>}
      {r.chain && (
        <p>
          {t('optVerifyChain', r.chain.records, r.chain.full, r.chain.reduced)}{' '}
          {r.chain.head && <code class="opt-hash">{`#${r.chain.head.seq} ${r.chain.head.recordHash}`}</code>}
        </p>
      )}
      <p class={r.covered ? 'opt-good' : 'hint'}>
        {r.trustedTimes.length === 0
          ? t('optVerifyNoTrustedTime')
          : t(r.covered ? 'optVerifyCovered' : 'optVerifyPartlyCovered')}
      </p>
      {r.trustedTimes.length > 0 && (
        <ul class="opt-times">
          {r.trustedTimes.map((tt, i) => (
            <li key={i}>
              {t(
                'optVerifyTrustedTime',
                tt.coversSeq === null ? t('optVerifyWholeBundle') : `#${tt.coversSeq}`,
                new Date(tt.genTime).toISOString(),
                tt.authority,
                tt.custom ? t('optVerifyCustomRoot', tt.root) : tt.root,
              )}
            </li>
          ))}
        </ul>
      )}
      {r.files.length > 0 && (
        <table class="meta-table opt-verify-files">
          <thead>
            <tr>
              <th scope="col">{t('optVerifyFileCol')}</th>
              <th scope="col">{t('optVerifyStatusCol')}</th>
            </tr>
          </thead>
          <tbody>
            {r.files.map((f) => (
              <tr key={f.path}>
                <td>
                  <code>{f.path}</code>
                </td>
                <td class={f.status === 'ok' ? 'opt-good' : 'error'}>
                  <span aria-hidden="true">{f.status === 'ok' ? '✓ ' : '✗ '}</span>
                  {t(FILE_STATUS[f.status])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.problems.length > 0 && (
        <>
          <h4>{t('optVerifyProblems')}</h4>
          <ul class="opt-problems">
            {r.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </>
      )}
      {r.format && (
        <>
          <h4>{t('optVerifyNotes')}</h4>
          <ul class="opt-notes">
            <li>{t('optVerifyLimits')}</li>
            {r.format === BUNDLE_FORMAT_V1 && <li>{t('optVerifyWeakFormat')}</li>}
            {/* Notes the verifier has no words for here yet (e.g. old reduced records): as it wrote them. */}
            {r.notes
              .filter(
                (n) => n !== LIMITS_NOTE && !n.startsWith(BUNDLE_FORMAT_V1) && !n.startsWith('No trusted time-stamp'),
              )
              .map((n, i) => (
                <li key={i}>{n}</li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}

const CONFIRM_WORDS = new Set(['删除', 'DELETE']);

function DeleteCard({ actions, t, onDone }: { actions: OptionsActions; t: T; onDone(): void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);

  // Layout effect: the dialog opens and takes focus in the same task as the click, so keys typed
  // right after it land in the confirmation field, not on the button behind it.
  useLayoutEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (open && !d.open) {
      // A modal dialog traps focus and closes on Escape; the attribute is the fallback.
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
      d.querySelector<HTMLInputElement>('input')?.focus();
    } else if (!open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
    }
  }, [open]);

  const close = () => {
    setOpen(false);
    setTyped('');
    triggerRef.current?.focus();
  };
  const confirmed = CONFIRM_WORDS.has(typed.trim());
  const run = async (e: Event) => {
    e.preventDefault();
    if (!confirmed || busy) return;
    setBusy(true);
    setNote({ text: (t) => t('optDeleting'), error: false });
    try {
      await actions.deleteAll();
      setNote({ text: (t) => t('optDeleteDone'), error: false });
      onDone();
    } catch (err) {
      setNote({ text: (t) => t('optDeleteFailed', errText(err)), error: true });
    } finally {
      setBusy(false);
      close();
    }
  };
  const word = t('optDeleteWord');
  return (
    <section class="opt-card opt-card--danger" aria-labelledby="opt-delete-h">
      <h3 id="opt-delete-h">{t('optDeleteHeading')}</h3>
      <p class="opt-help">{t('optDeleteExplain')}</p>
      <button ref={triggerRef} type="button" class="btn opt-btn--danger" onClick={() => setOpen(true)}>
        {t('optDeleteButton')}
      </button>
      <StatusLine note={note} t={t} />
      <dialog
        ref={dialogRef}
        class="opt-dialog"
        aria-labelledby="opt-delete-dialog-h"
        aria-describedby="opt-delete-dialog-d"
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
      >
        {open && (
          <form onSubmit={run}>
            <h2 id="opt-delete-dialog-h">{t('optDeleteDialogTitle')}</h2>
            <p id="opt-delete-dialog-d">{t('optDeleteExplain')}</p>
            <label for="opt-delete-confirm">{t('optDeleteConfirmLabel', word)}</label>
            <input
              id="opt-delete-confirm"
              class="opt-input"
              type="text"
              autoComplete="off"
              value={typed}
              onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
            />
            <div class="opt-actions">
              <button type="submit" class="btn opt-btn--danger" disabled={!confirmed || busy}>
                {t('optDeleteConfirm')}
              </button>
              <button type="button" class="btn" onClick={close}>
                {t('optCancel')}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </section>
  );
}

/** Money recovered as CSV (issue #19): every entry with its amount in fen, currency, order and evidence ids. */
function LedgerCard({ actions, t }: { actions: OptionsActions; t: T }) {
  const [note, setNote] = useState<Note>(null);
  const exportLedger = actions.exportLedger;
  if (!exportLedger) return null;
  const run = () =>
    exportLedger().then(
      (r) => setNote(r.entries === 0 ? { text: (tt) => tt('ledgerExportEmpty'), error: false } : null),
      (e: unknown) => setNote({ text: (tt) => tt('loadError', errText(e)), error: true }),
    );
  return (
    <section class="opt-card" aria-labelledby="opt-ledger-h">
      <h3 id="opt-ledger-h">{t('recoveredHeading')}</h3>
      <button type="button" class="btn" onClick={() => void run()}>
        {t('ledgerExport')}
      </button>
      {note && (
        <p class={note.error ? 'error' : 'notice'} role={note.error ? 'alert' : 'status'}>
          {note.text(t)}
        </p>
      )}
    </section>
  );
}
