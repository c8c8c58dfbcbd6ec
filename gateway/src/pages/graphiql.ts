// GraphiQL served by the gateway itself from installed packages (no CDN), with the example
// operations of operations/*.graphql preloaded as tabs and a "Download CSV" toolbar button.
import { readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS_DIR } from '../../../kit/src/paths.js';
import { bundleClient } from './clientBundle.js';

const require = createRequire(import.meta.url);

/** Static files GraphiQL needs, by the name the page asks for. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': {
    file: join(dirname(require.resolve('react/package.json')), 'umd/react.production.min.js'),
    type: 'text/javascript',
  },
  'react-dom.js': {
    file: join(dirname(require.resolve('react-dom/package.json')), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphiql.js': {
    file: join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
    type: 'text/javascript',
  },
  'graphiql.css': {
    file: join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
    type: 'text/css',
  },
};

export const ASSET_PREFIX = '/graphiql/';

/** The browser code the gateway adds to GraphiQL (CSV button, fetcher fix), bundled on first request. */
const EXTENSIONS_ENTRY = fileURLToPath(new URL('./graphiql.client.ts', import.meta.url));

/** An example operation shown as a GraphiQL tab. */
export interface ExampleOperation {
  name: string;
  query: string;
  variables?: string;
}

/**
 * The tabs GraphiQL opens first, in this order: the README's first query, then the support picture
 * the product exists for. The other examples follow in alphabetical order.
 */
export const FIRST_EXAMPLES = ['MarneOverview', 'TerritorySupportPicture'];

/** Reads operations/*.graphql (and a sibling NAME.variables.json when present) as example tabs. */
export function loadExampleOperations(dir = OPERATIONS_DIR): ExampleOperation[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort(byExampleOrder);
  } catch {
    return [];
  }
  return files.map((file) => {
    const name = basename(file, '.graphql');
    let variables: string | undefined;
    try {
      variables = readFileSync(join(dir, `${name}.variables.json`), 'utf8');
    } catch {
      variables = undefined;
    }
    return { name, query: readFileSync(join(dir, file), 'utf8'), variables };
  });
}

/** Orders operation files: {@link FIRST_EXAMPLES} first, then by name. */
function byExampleOrder(a: string, b: string): number {
  const rank = (file: string) => {
    const index = FIRST_EXAMPLES.indexOf(basename(file, '.graphql'));
    return index === -1 ? FIRST_EXAMPLES.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The GraphiQL page; `endpoint` is where it sends queries. */
export function graphiqlPage(endpoint: string, examples: ExampleOperation[]): string {
  const tabs = JSON.stringify(examples.map((e) => ({ query: e.query, variables: e.variables })))
    // The JSON sits inside a <script>: never let it close the tag.
    .replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Territoires Graph — GraphiQL</title>
  <link rel="icon" href="data:,">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="${ASSET_PREFIX}graphiql.css">
  <style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${ASSET_PREFIX}react.js"></script>
  <script src="${ASSET_PREFIX}react-dom.js"></script>
  <script src="${ASSET_PREFIX}graphiql.js"></script>
  <script src="${ASSET_PREFIX}extensions.js"></script>
  <script>
    const extensions = window.TerritoiresGraphiQL;
    const fetcher = extensions.withOperationNameFix(GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} }));
    const tabs = ${tabs};
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: tabs,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: true,
      toolbar: { additionalComponent: extensions.CsvButton },
    }));
  </script>
</body>
</html>`;
}

/** Serves one GraphiQL asset; answers 404 for anything not in the fixed list. */
export async function serveGraphiqlAsset(name: string, res: ServerResponse): Promise<void> {
  if (name === 'extensions.js') {
    const script = await bundleClient(EXTENSIONS_ENTRY);
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(script);
    return;
  }
  const asset = ASSETS[name];
  if (!asset) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': `${asset.type}; charset=utf-8`,
    'cache-control': 'public, max-age=86400',
  });
  res.end(readFileSync(asset.file));
}
