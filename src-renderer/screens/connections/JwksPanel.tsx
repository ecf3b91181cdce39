import { useRef, useState } from 'react';
import type { Connection } from '../../../src-shared/contract';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { downloadText } from '../../lib/download';
import { formatWholeDays, isoOf, localDate } from '../../lib/time';
import { useNow } from '../../lib/use-now';

/** A file name from a connection name: letters, digits, dots and dashes only. */
function jwksFileName(name: string): string {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
  return `jwks-${slug || 'connection'}.json`;
}

type CopyState = 'idle' | 'copied' | 'selected';

/** How long this key pair has signed in, for its rotation (Alert rules remind when it is due). */
function KeyAge({ createdAt }: { createdAt: number }) {
  const now = useNow(60_000);
  return (
    <p className="key-age">
      Key in use since <time dateTime={isoOf(createdAt)}>{localDate(createdAt)}</time> ({formatWholeDays(now - createdAt)}).
    </p>
  );
}

/** The public half of the connection's key pair, to hand to the EHR vendor. */
export function JwksPanel({ connection, jwks }: { connection: Connection; jwks: NonNullable<Connection['publicJwks']> }) {
  const codeRef = useRef<HTMLPreElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const text = JSON.stringify(jwks, null, 2);
  const clientId = connection.config.clientId;

  async function copyText() {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      // No clipboard permission (or no secure context): select the key so the keyboard can copy it.
      const code = codeRef.current;
      if (code) {
        window.getSelection()?.selectAllChildren(code);
        code.focus();
      }
      setCopy('selected');
    }
  }

  return (
    <section className="panel panel-wide" aria-labelledby="jwks-title">
      <h3 id="jwks-title">Public key (JWKS)</h3>
      <p>
        Register this public key with the EHR vendor for client ID <code>{clientId ?? '(not set yet)'}</code>.
      </p>
      {connection.keyCreatedAt !== null && <KeyAge createdAt={connection.keyCreatedAt} />}
      {/* A named region: focusable so a keyboard can scroll a long key, and so it can be selected for Ctrl+C. */}
      <pre ref={codeRef} className="code-block" tabIndex={0} role="region" aria-label={`Public JWKS of ${connection.config.name}`}>
        {text}
      </pre>
      <div className="form-actions">
        <Button icon="copy" onClick={() => void copyText()}>
          Copy
        </Button>
        <Button icon="download" onClick={() => downloadText(jwksFileName(connection.config.name), text, 'application/json')}>
          Save as file
        </Button>
      </div>
      {copy === 'copied' && <Notice tone="success">Copied the public key.</Notice>}
      {copy === 'selected' && <Notice tone="info">The key is selected: press Ctrl+C to copy it.</Notice>}
    </section>
  );
}
