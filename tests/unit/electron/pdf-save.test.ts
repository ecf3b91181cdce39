/**
 * Saving a page as a PDF with Electron's WebContents stubbed: the dialog is
 * asked first (a cancel prints nothing), the bytes Chromium printed are what
 * lands on disk, for its owner only; the suggested name cannot leave the
 * folder the person picks.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfFileName, savePagePdf, type PdfSource } from '../../../src-main/electron/pdf-save';

const PDF = Buffer.from('%PDF-1.7\n% the monthly clinical validation report\n%%EOF\n');
let dir: string;
let printed: unknown[];
const page: PdfSource = {
  printToPDF: async (options) => {
    printed.push(options);
    return PDF;
  },
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-pdf-'));
  printed = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('savePagePdf', () => {
  it('prints the page with its print stylesheet and writes it where the person chose, readable by its owner only', async () => {
    const target = join(dir, 'november.pdf');
    const suggested: string[] = [];
    const saved = await savePagePdf(page, 'clinical-validation-2026-11.pdf', async (name) => {
      suggested.push(name);
      return target;
    });
    expect(saved).toBe(target);
    expect(suggested).toEqual(['clinical-validation-2026-11.pdf']);
    expect(printed).toEqual([{ printBackground: true, pageSize: 'A4', preferCSSPageSize: true }]);
    expect(readFileSync(target)).toEqual(PDF);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('prints nothing and writes nothing when the dialog is cancelled', async () => {
    expect(await savePagePdf(page, 'report.pdf', async () => null)).toBeNull();
    expect(printed).toEqual([]);
  });
});

describe('pdfFileName', () => {
  it.each([
    ['clinical-validation-2026-11', 'clinical-validation-2026-11.pdf'],
    ['Report.PDF', 'Report.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['C:\\Windows\\evil name?.pdf', 'evil-name-.pdf'],
    ['.hidden', 'hidden.pdf'],
    ['', 'vigil-report.pdf'],
    [42, '42.pdf'],
    [null, 'vigil-report.pdf'],
  ])('%j → %s', (raw, expected) => {
    expect(pdfFileName(raw)).toBe(expected);
  });

  it('keeps a long name to 100 characters before .pdf', () => {
    expect(pdfFileName('x'.repeat(300))).toBe(`${'x'.repeat(100)}.pdf`);
  });
});
