// Browser code of the gateway's pages (GraphiQL's CSV button, the reference dashboard) is written
// in TypeScript next to the server and bundled once, on first request, with esbuild; no build step
// and nothing fetched from a CDN.
import { build } from 'esbuild';

const bundles = new Map<string, Promise<string>>();

/** Bundles a browser entry file into one script (cached for the life of the process). */
export function bundleClient(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      legalComments: 'none',
      charset: 'utf8',
    }).then((result) => result.outputFiles[0]?.text ?? '');
    // A failed bundle is retried on the next request rather than cached.
    bundle.catch(() => bundles.delete(entry));
    bundles.set(entry, bundle);
  }
  return bundle;
}
