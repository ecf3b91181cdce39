/**
 * A window's page saved as a PDF (the safety screen's monthly report): where
 * to save is asked first, so nothing is rendered for a cancelled dialog;
 * then Chromium prints the page with its print stylesheet (printToPDF) and
 * the file is written for its owner only, as exports are. Electron's
 * objects come in as parameters, so tests drive this under plain Node.
 */
import { writeFile } from 'node:fs/promises';

/** What of Electron's WebContents this needs. */
export interface PdfSource {
  printToPDF(options: { printBackground: boolean; pageSize: 'A4'; preferCSSPageSize: boolean }): Promise<Uint8Array>;
}

/** The page's own name for the file, made safe to offer in a save dialog: no folders, only plain characters, ending in .pdf. */
export function pdfFileName(raw: unknown): string {
  const base = String(raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\.pdf$/i, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
  return `${base || 'vigil-report'}.pdf`;
}

/** Asks where (`choosePath`, null when cancelled), prints and writes; the path written, or null. */
export async function savePagePdf(source: PdfSource, fileName: string, choosePath: (suggested: string) => Promise<string | null>): Promise<string | null> {
  const target = await choosePath(fileName);
  if (!target) return null;
  const pdf = await source.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
  await writeFile(target, pdf, { mode: 0o600 });
  return target;
}
