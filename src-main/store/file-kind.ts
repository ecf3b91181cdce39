/**
 * A look at a file's first bytes, before any key is tried, to recognise what
 * is certainly not an encrypted Vigil database. An SQLCipher-format file starts
 * with a random salt and always carries binary bytes in its first page, so a
 * plain SQLite header or a page of text can only be something else.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { statOrNull } from './files';
import { StoreError } from './store-errors';

export type FileKind = 'missing' | 'not-a-file' | 'empty' | 'plain-sqlite' | 'text' | 'maybe-encrypted';

const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const SNIFF_BYTES = 4096;

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    // stream: a page cut off in the middle of a multi-byte character is still text.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function sniffFile(file: string): FileKind {
  const stat = statOrNull(file);
  if (!stat) return 'missing';
  if (!stat.isFile()) return 'not-a-file';
  if (stat.size === 0) return 'empty';

  const head = Buffer.alloc(Math.min(stat.size, SNIFF_BYTES));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, PLAIN_SQLITE_HEADER.length).equals(PLAIN_SQLITE_HEADER)) return 'plain-sqlite';
  if (looksLikeText(head)) return 'text';
  return 'maybe-encrypted';
}

/**
 * Refuses a file that sniffFile recognised as not an encrypted database,
 * with a message for where it was found: the live database or a backup.
 */
export function refuseUnlessEncrypted(kind: FileKind, file: string, role: 'database' | 'backup'): void {
  const untouched = 'The file has not been changed.';
  const moveAway =
    role === 'database'
      ? 'Move it out of the data folder (or point VIGIL_DATA_DIR at another folder) and start Vigil again.'
      : 'Choose a backup file that Vigil wrote.';
  const expected = role === 'database' ? 'a Vigil database' : 'a Vigil backup';
  switch (kind) {
    case 'missing':
      throw new StoreError(role === 'backup' ? 'BACKUP' : 'DATA_DIR', `${file} does not exist. Check the path of the ${role} file.`);
    case 'not-a-file':
      throw new StoreError('FOREIGN_FILE', `${file} is not a regular file, so it cannot be ${expected}. ${moveAway}`);
    case 'empty':
      throw new StoreError(
        'CORRUPT',
        `${file} is empty (0 bytes), so it holds no data. ${untouched} ` +
          (role === 'database'
            ? 'Delete it to let Vigil create a new database, or move it away and restore a backup.'
            : 'It was not written completely; use another backup.'),
      );
    case 'plain-sqlite':
      throw new StoreError(
        'FOREIGN_FILE',
        `${file} is a plain, unencrypted SQLite database, not ${expected} (Vigil's are always encrypted). ` +
          `Vigil will not open, encrypt or replace it. ${untouched} ${moveAway}`,
      );
    case 'text':
      throw new StoreError('FOREIGN_FILE', `${file} is a text file, not ${expected}. ${untouched} ${moveAway}`);
    case 'maybe-encrypted':
      return;
  }
}
