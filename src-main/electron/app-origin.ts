/**
 * Where the renderer lives: a privileged custom scheme instead of file://, so
 * the page has a real origin of its own that the CSP, the IPC sender check and
 * the navigation guard can all name.
 */
export const APP_SCHEME = 'vigil';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for URLs served by the app's own protocol (and nothing else, not even another host on it). */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}
