import type { ChannelOutput } from '../../../src-shared/contract';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';

export function ExportResult({ result }: { result: ChannelOutput<'audit.export'> }) {
  return (
    <Notice tone="success" title={`Exported ${formatCount(result.entries)} entries as ${result.fileName}`}>
      <p>
        It was downloaded here, and Vigil also saved a copy at <span className="path">{result.savedTo}</span>.
      </p>
      <p>
        SHA-256 of the file: <code className="hash">{result.sha256}</code>
      </p>
      <p>{result.notice}</p>
    </Notice>
  );
}
