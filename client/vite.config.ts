import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { antdStylesheet } from './antd-stylesheet';
import { antdZeroRuntime } from './antd-zero-runtime';
import { firstLoadChunks } from './first-load-chunks';
import { i18nEnglish } from './i18n-english';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig(({ mode }) => ({
  root: here,
  plugins: [
    react(),
    antdStylesheet(),
    antdZeroRuntime(),
    i18nEnglish(),
    firstLoadChunks(path.join(here, 'src/boot.ts'), [
      { name: 'shell', roots: ['main.tsx', 'stylesheets.ts', 'pages/login-page.tsx'].map((f) => path.join(here, 'src', f)) },
      { name: 'operator', roots: [path.join(here, 'src/pages/operator-page.tsx')] },
      { name: 'live', roots: [path.join(here, 'src/lib/live/live-cache.ts')] },
    ]),
    // Precompressed beside each asset (.br, .gz): the server sends them as they are, no CPU per
    // request (issue 17 item 6; server/platform/static-client.ts).
    compression({ algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })], threshold: 1024 }),
  ],
  resolve: {
    // react-router's package exports name its development build under every condition
    // (remix-run/react-router#14102, #14753): its dev warnings then ship and run in production.
    // The production build beside it differs only in that flag.
    alias:
      mode === 'production'
        ? [{ find: /^react-router$/, replacement: path.join(here, '..', 'node_modules', 'react-router', 'dist', 'production', 'index.mjs') }]
        : [],
  },
  build: {
    outDir: path.join(here, '..', 'dist', 'client'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
}));
