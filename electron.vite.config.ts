import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three main-process entries: Electron's (index), and two that plain Node runs
// where there is no Electron: the browser host (host, `npm run console`) and
// the local recovery command (admin, `node out/main/admin.js`).
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          host: resolve(__dirname, 'src-main/host/cli.ts'),
          admin: resolve(__dirname, 'src-main/recovery/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: bundle zod and the contract in.
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src-preload/index.ts') },
      rollupOptions: { output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // Minified: the same bundle is served to wall displays over the network by the host.
    build: { minify: true, rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') } },
    plugins: [react()],
  },
});
