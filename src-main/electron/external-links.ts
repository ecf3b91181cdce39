/**
 * Links out of the console. The window never navigates away from the app; an
 * https link to a host on the allow-list opens in the user's own browser after
 * they confirm, and anything else is dropped. A console next to patient data
 * should not become a general-purpose browser, nor hand arbitrary URLs (file:,
 * smb:, custom handlers) to the operating system.
 */
import type { Logger } from '../log';

/** Standards and EHR-vendor documentation the knowledge base refers to. Exact host names. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'hl7.org',
  'www.hl7.org',
  'build.fhir.org',
  'fhir.epic.com',
  'open.epic.com',
  'fhir.cerner.com',
  'docs.oracle.com',
  'developer.veradigm.com',
];

/** The URL to open, or null when it is not an https link to an allowed host on the default port. */
export function allowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): URL | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  return hosts.includes(parsed.hostname) ? parsed : null;
}

export interface LinkOpenerDeps {
  /** Asks the user; true means open it. */
  confirm(url: URL): Promise<boolean>;
  /** Hands the URL to the OS browser. */
  open(url: string): Promise<void>;
  log: Logger;
}

export async function openExternalLink(url: string, deps: LinkOpenerDeps): Promise<void> {
  const target = allowedExternalUrl(url);
  if (!target) {
    deps.log.warn('link not opened: not an https link to an allowed host', {
      scheme: URL.canParse(url) ? new URL(url).protocol : 'unparseable',
      host: URL.canParse(url) ? new URL(url).hostname : null,
    });
    return;
  }
  if (await deps.confirm(target)) await deps.open(target.href);
}
