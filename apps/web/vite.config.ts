import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the SPA runs on Vite's port and forwards API calls to the Firewatch API;
// in production the API serves `dist/` itself, so the dashboard always calls same-origin `/api`.
const apiUrl = process.env.FIREWATCH_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist' },
  server: {
    proxy: { '/api': { target: apiUrl, changeOrigin: true } },
  },
});
