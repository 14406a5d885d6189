import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

// In development the SPA runs on Vite's port and forwards API calls to the Firewatch API;
// in production the API serves `dist/` itself, so the dashboard always calls same-origin `/api`.
const apiUrl = process.env.FIREWATCH_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The entry (main.tsx) starts the first page's requests, then imports the rest of the app
 * (`render-app`: React's DOM renderer, the router, the shell) so that none of it is evaluated before
 * the requests leave. A dynamic import is fetched only when it runs, so index.html names that chunk,
 * what it imports and its CSS up front: the browser fetches them in parallel with the entry.
 */
function preloadStartupImports(modules: readonly string[]): Plugin {
  return {
    name: 'firewatch:preload-startup-imports',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        if (!bundle || !entry) return [];
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (file: string) => {
          const chunk = bundle[file];
          if (chunk?.type !== 'chunk' || scripts.has(file) || file === entry.fileName || entry.imports.includes(file)) return;
          scripts.add(file);
          chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          chunk.imports.forEach(visit);
        };
        for (const file of entry.dynamicImports) {
          const chunk = bundle[file];
          if (chunk?.type === 'chunk' && modules.some((m) => chunk.facadeModuleId?.endsWith(m))) visit(file);
        }
        const tags: HtmlTagDescriptor[] = [
          ...[...scripts].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const })),
          ...[...styles].map((file) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const })),
        ];
        return tags;
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadStartupImports(['/src/app/render-app.tsx'])],
  build: { outDir: 'dist' },
  server: {
    proxy: { '/api': { target: apiUrl, changeOrigin: true } },
  },
});
