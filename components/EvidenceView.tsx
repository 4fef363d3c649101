import { useState } from 'preact/hooks';
import { formatLocal, formatUtc } from '@/lib/band';
import type { T } from '@/lib/i18n';
import type { Evidence } from '@/lib/model';

/** One evidence record, full size, with the facts that make it evidence. Page text is rendered as text. */
export function EvidenceView({ record, src, t, onDelete }: { record: Evidence | null; src: string | null; t: T; onDelete?: () => Promise<void> }) {
  const [deleted, setDeleted] = useState(false);
  if (!record) return <main class="page"><p class="error">{t('evidenceNotFound')}</p></main>;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <main class="page">
      <h1>{t('evidenceTitle')}</h1>
      <table class="meta-table">
        <tbody>
          <tr><th>{t('evidenceCapturedAt')}</th><td>{formatLocal(record.capturedAt, zone)} · {formatUtc(record.capturedAt)}</td></tr>
          {record.url && <tr><th>{t('evidenceUrl')}</th><td>{record.url}</td></tr>}
          <tr><th>{t('evidenceHash')}</th><td><code data-testid="sha256">{record.sha256}</code></td></tr>
          <tr><th>{t('evidenceSize')}</th><td>{record.bytes.toLocaleString()} B · {record.mime}</td></tr>
          <tr><th>{t('evidencePrevHash')}</th><td><code>{record.prevHash ?? '—'}</code></td></tr>
        </tbody>
      </table>
      {onDelete && !deleted && record.kind !== 'deletion' && (
        <p>
          <button type="button" class="btn" onClick={() => confirm(t('evidenceDeleteConfirm')) && void onDelete().then(() => setDeleted(true))}>
            {t('evidenceDelete')}
          </button>
        </p>
      )}
      {deleted && <p role="status">{t('evidenceDeleted')}</p>}
      {!src && !deleted && <p class="warning">{t('evidenceRemoved')}</p>}
      {src && !deleted && <img class="evidence-image" src={src} alt={record.caption ?? record.title ?? ''} />}
    </main>
  );
}
