// The gateway's production bundle: its entry and dependencies in one esbuild output file, so
// production and the benchmark's cold start load one pre-compiled file instead of tsx compiling
// ~1,500 modules at every start. `npm start`, `npm run gateway` and the tests run from source.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from './composition.js';

/** Where the bundle is written. */
export const GATEWAY_BUNDLE = join(REPO_ROOT, 'dist', 'gateway.mjs');

/**
 * Our modules find files next to themselves (`new URL('./x', import.meta.url)`); in the bundle
 * `import.meta.url` is the bundle's, so each one gets the URL of its source file instead, written
 * relative to the bundle so the repository can move.
 */
const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (args.path.includes('node_modules') || !text.includes('import.meta.url')) return undefined;
      const fromBundle = relative(dirname(GATEWAY_BUNDLE), args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** Writes the bundle to {@link GATEWAY_BUNDLE}. */
export async function buildGatewayBundle(): Promise<void> {
  await build({
    entryPoints: [join(REPO_ROOT, 'gateway', 'src', 'index.ts')],
    outfile: GATEWAY_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // esbuild drives its own binary (GraphiQL's extensions are bundled at run time).
    external: ['esbuild'],
    // CommonJS dependencies call require(); an ES module has none unless it makes one.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    plugins: [sourceUrls],
    logLevel: 'warning',
  });
}
