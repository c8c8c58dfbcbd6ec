// Browser code, bundled into /graphiql/extensions.js: what the gateway adds to GraphiQL.
// - A "Download CSV" toolbar button: it offers the lists of the result on screen, then posts the
//   current query, variables and headers to /export.csv, so the export runs through the same
//   pipeline as the query itself.
// - A fetcher that sends the operation name only when the document defines it: GraphiQL can keep
//   the previous tab's name for a run made right after switching tabs.
import { listPaths } from './csvExport.js';

/** The parts of GraphiQL's CodeMirror editors used here. */
interface Editor {
  getValue(): string;
}

/** The part of GraphiQL's editor context used here. */
interface EditorContext {
  queryEditor: (Editor & { operationName: string | null }) | null;
  variableEditor: Editor | null;
  headerEditor: Editor | null;
  responseEditor: Editor | null;
}

/** The part of React's UMD global used here. */
interface ReactGlobal {
  createElement(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown;
  useState<T>(initial: T): [T, (value: T) => void];
  Fragment: unknown;
}

/** GraphiQL's fetcher: takes the request parameters, returns the result (or a stream of them). */
type Fetcher = (params: { query?: string; operationName?: string | null }, options?: unknown) => unknown;

/** What the GraphiQL page script needs from this bundle. */
export interface GraphiQLExtensions {
  CsvButton: () => unknown;
  withOperationNameFix(fetcher: Fetcher): Fetcher;
}

declare global {
  interface Window {
    React: ReactGlobal;
    GraphiQL: {
      React: { useEditorContext(): EditorContext | null; ToolbarButton: unknown };
      GraphQL: {
        parse(query: string): { definitions: readonly { kind: string; name?: { value: string } }[] };
      };
    };
    TerritoiresGraphiQL?: GraphiQLExtensions;
  }
}

const PANEL_STYLE =
  'position:absolute;z-index:20;right:48px;top:8px;width:300px;padding:12px;display:flex;flex-direction:column;gap:8px;' +
  'background:hsl(var(--color-base));color:hsl(var(--color-neutral));border:1px solid hsla(var(--color-neutral),0.2);' +
  'border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,0.2);font-size:14px';

/** The toolbar button and its panel (a React component; GraphiQL renders it inside its context). */
function CsvButton(): unknown {
  const { React, GraphiQL } = window;
  const h = React.createElement;
  const editors = GraphiQL.React.useEditorContext();
  const [open, setOpen] = React.useState(false);
  const [paths, setPaths] = React.useState<string[]>([]);
  const [path, setPath] = React.useState('');
  const [locale, setLocale] = React.useState('fr');
  const [message, setMessage] = React.useState('');

  const toggle = () => {
    if (open) return setOpen(false);
    const found = listPaths(resultData(editors?.responseEditor?.getValue()));
    setPaths(found);
    setPath(found[0] ?? '');
    setMessage(found.length ? '' : 'Run the query first: the lists of its result are offered here.');
    setOpen(true);
  };

  const download = async () => {
    setMessage('Preparing the file…');
    const headers: Record<string, string> = {
      ...jsonObject(editors?.headerEditor?.getValue()),
      'content-type': 'application/json',
    };
    const response = await fetch('/export.csv', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: editors?.queryEditor?.getValue() ?? '',
        variables: jsonObject(editors?.variableEditor?.getValue()),
        operationName: operationNameIn(
          editors?.queryEditor?.getValue() ?? '',
          editors?.queryEditor?.operationName,
        ),
        path,
        locale,
      }),
    }).catch((error: Error) => error);
    if (response instanceof Error) return setMessage(`The gateway did not answer: ${response.message}`);
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string }[] };
      return setMessage(
        `Not exported: ${body.errors?.map((e) => e.message).join('; ') || `HTTP ${response.status}`}`,
      );
    }
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setMessage(`Downloaded ${name}.`);
  };

  const icon = h(
    'svg',
    {
      className: 'graphiql-toolbar-icon',
      viewBox: '0 0 24 24',
      fill: 'none',
      stroke: 'currentColor',
      strokeWidth: 1.5,
      'aria-hidden': 'true',
    },
    h('path', { d: 'M12 3v12m0 0l-5-5m5 5l5-5M4 17v3h16v-3' }),
  );
  const select = (name: string, value: string, onChange: (v: string) => void, options: [string, string][]) =>
    h(
      'select',
      {
        name,
        value,
        onChange: (event: { target: { value: string } }) => onChange(event.target.value),
        style: { width: '100%' },
      },
      ...options.map(([v, label]) => h('option', { key: v, value: v }, label)),
    );
  const panel =
    open &&
    h(
      'div',
      {
        className: 'tg-csv-panel',
        role: 'dialog',
        'aria-label': 'Download CSV',
        style: styleObject(PANEL_STYLE),
      },
      h('strong', null, 'Download CSV'),
      paths.length > 0 &&
        h(
          'label',
          null,
          'One row per item of ',
          select(
            'path',
            path,
            setPath,
            paths.map((p) => [p, p]),
          ),
        ),
      paths.length > 0 &&
        h(
          'label',
          null,
          'Conventions ',
          select('locale', locale, setLocale, [
            ['fr', 'Français (; 1234,5 31/12/2024)'],
            ['en', 'English (, 1234.5 2024-12-31)'],
          ]),
        ),
      paths.length > 0 &&
        h(
          'button',
          { type: 'button', className: 'graphiql-button', onClick: () => void download() },
          'Download',
        ),
      message && h('div', { className: 'tg-csv-message', role: 'status' }, message),
    );
  return h(
    React.Fragment,
    null,
    h(GraphiQL.React.ToolbarButton, { onClick: toggle, label: 'Download CSV' }, icon),
    panel,
  );
}

function resultData(text: string | undefined): unknown {
  try {
    return (JSON.parse(text ?? '') as { data?: unknown }).data;
  } catch {
    return undefined;
  }
}

function jsonObject(text: string | undefined): Record<string, string> | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, string>)
      : undefined;
  } catch {
    return undefined;
  }
}

function styleObject(css: string): Record<string, string> {
  const style: Record<string, string> = {};
  for (const rule of css.split(';')) {
    const [name, ...value] = rule.split(':');
    if (name && value.length)
      style[name.trim().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value.join(':').trim();
  }
  return style;
}

/**
 * The operation name to send with `query`: the requested one when the document defines it, else
 * the document's only operation, else none (the server then says which name it needs).
 */
function operationNameIn(query: string, requested: string | null | undefined): string | undefined {
  let names: string[];
  try {
    names = window.GraphiQL.GraphQL.parse(query)
      .definitions.filter((d) => d.kind === 'OperationDefinition')
      .map((d) => d.name?.value ?? '');
  } catch {
    return requested ?? undefined;
  }
  if (requested && names.includes(requested)) return requested;
  return names.length === 1 && names[0] ? names[0] : undefined;
}

function withOperationNameFix(fetcher: Fetcher): Fetcher {
  return (params, options) =>
    fetcher(
      typeof params.query === 'string'
        ? { ...params, operationName: operationNameIn(params.query, params.operationName) }
        : params,
      options,
    );
}

window.TerritoiresGraphiQL = { CsvButton, withOperationNameFix };
