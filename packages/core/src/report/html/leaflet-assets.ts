/**
 * Leaflet's script and style sheet, read from the installed package once, to be inlined into the
 * report so that it opens offline. The style sheet's image references (default marker icons, the
 * layers button) are removed: the report draws its own markers and controls, and a file opened
 * offline must ask for nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let cached: { js: string; css: string; version: string } | undefined;

export function leafletAssets(): { js: string; css: string; version: string } {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const js = readFileSync(require.resolve('leaflet/dist/leaflet.js'), 'utf8')
      .replace(/\/\/# sourceMappingURL=.*$/m, '')
      .replaceAll('</script', '<\\/script');
    const css = readFileSync(require.resolve('leaflet/dist/leaflet.css'), 'utf8').replace(/[^{}]*\{[^{}]*url\([^{}]*\}/g, '');
    const version = (JSON.parse(readFileSync(require.resolve('leaflet/package.json'), 'utf8')) as { version: string }).version;
    cached = { js, css, version };
  }
  return cached;
}
