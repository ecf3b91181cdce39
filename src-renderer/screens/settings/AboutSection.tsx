import { errorText } from '../../api/error-text';
import { useSystemInfo } from '../../api/system';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatBytes, formatCount } from '../../lib/format';
import { isoOf, localDateTime } from '../../lib/time';

function SystemFacts() {
  const info = useSystemInfo();
  if (info.isPending) return <LoadingLine label="Reading the console's status…" />;
  if (info.isError) return <Notice tone="error" title="Could not read the console's status">{errorText(info.error)}</Notice>;
  const d = info.data;
  return (
    <dl className="facts">
      <dt>Version</dt>
      <dd>{d.version}</dd>
      <dt>Running since</dt>
      <dd>
        <time dateTime={isoOf(d.startedAt)}>{localDateTime(d.startedAt)}</time>
      </dd>
      <dt>Platform</dt>
      <dd>{d.platform}</dd>
      <dt>Node.js</dt>
      <dd>{d.nodeVersion}</dd>
      <dt>Data folder</dt>
      <dd className="path">{d.dataDir}</dd>
      <dt>Database size</dt>
      <dd>{formatBytes(d.databaseBytes)}</dd>
      <dt>Schema version</dt>
      <dd>{d.schemaVersion}</dd>
      <dt>Audit entries</dt>
      <dd>{formatCount(d.auditEntries)}</dd>
      <dt>Keychain</dt>
      <dd>{d.keychain}</dd>
    </dl>
  );
}

export function AboutSection() {
  return (
    <>
      <ScreenHeader eyebrow="Settings" title="About this console" />
      <section className="panel" aria-label="Console status">
        <SystemFacts />
      </section>
    </>
  );
}
