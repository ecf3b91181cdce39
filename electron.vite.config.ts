import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// The main-process entries: Electron's (index), two that plain Node runs where
// there is no Electron (the browser host, `npm run console`, and the local
// recovery command, `node out/main/admin.js`), and the worker threads' entries
// (src-main/worker-thread.ts finds them by these names). Chunks sit beside the
// entries, so a worker's file is found next to whichever chunk starts it.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          host: resolve(__dirname, 'src-main/host/cli.ts'),
          admin: resolve(__dirname, 'src-main/recovery/cli.ts'),
          'audit-verify-worker': resolve(__dirname, 'src-main/audit/verify-worker.ts'),
          'store-checkpoint-worker': resolve(__dirname, 'src-main/store/checkpoint-worker.ts'),
        },
        output: { chunkFileNames: '[name]-[hash].js' },
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
