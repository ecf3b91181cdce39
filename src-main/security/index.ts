/** What both transports serve the renderer with: its files, and the Content-Security-Policy they carry. */
export { CONTENT_SECURITY_POLICY } from './csp';
export { findRendererFile } from './renderer-files';
