// Electron's entry (see electron.vite.config.ts); the browser host starts from host/cli.ts instead.
import './electron';
