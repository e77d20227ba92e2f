import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { viewMeta } from './view-meta.plugin.js';
import { precompress } from './compress.plugin.js';

/**
 * The staff console (管理后台): built into dist/admin and served by the API server at /admin/. No inline
 * scripts, so it runs under the server's CSP (`script-src 'self'`). `vite` (dev) proxies /api to PORT.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/admin', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  plugins: [viewMeta(), vue(), precompress()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // The modulepreload polyfill is bundled (not inlined), so nothing needs 'unsafe-inline' for scripts.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus';
          if (id.includes('node_modules')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3301}` },
  },
});
