/**
 * The Content-Security-Policy for the renderer, the same whether Electron's
 * custom protocol or the browser host serves it: only the app's own scripts,
 * styles and images, and network calls only back to where it came from
 * (the host's /api and its WebSocket).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
