// `subgraph:new`: scaffolds a new operator subgraph in the house shape from tools/scaffold/template,
// with its simulator, and registers it in schema/supergraph.yaml, stack/registry.ts (so `npm start`
// runs it) and docker-compose.yml, then composes the supergraph with it. Everything is computed and
// checked in memory first (name, collisions, ports, composition): a refusal writes nothing.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { Alias, isMap, isScalar, isSeq, parse as parseYaml, parseDocument } from 'yaml';
import type { ServiceDefinition } from '../../stack/registry.js';
import { assembleSubgraphSchema, loadSubgraphSchema } from '../../kit/src/subgraphSchema.js';
import { composeSdls, readSupergraphConfig } from '../composition.js';

/** A name or state that makes scaffolding impossible; nothing has been written. */
export class ScaffoldRefusal extends Error {
  override name = 'ScaffoldRefusal';
}

/** The spellings of a subgraph name the template needs. */
export interface ScaffoldNames {
  name: string;
  camel: string;
  Pascal: string;
  CONST: string;
  Label: string;
}

/** Everything a scaffold will write, computed and checked before any write. */
export interface ScaffoldPlan {
  names: ScaffoldNames;
  port: number;
  simPort: number;
  /** Repo-relative path → full text, for new files and the registration files. */
  files: Map<string, string>;
}

const TEMPLATE_DIR = new URL('./template/', import.meta.url);
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const RESERVED = new Set([
  'gateway',
  'redis',
  'kit',
  'sim',
  'stack',
  'schema',
  'tools',
  'test',
  'scripts',
  'operations',
  'docs',
  'data',
  'bench',
  'node-modules',
]);

/** Spells a kebab-case name as camelCase, PascalCase, CONSTANT_CASE and a label. */
export function namesOf(name: string): ScaffoldNames {
  const words = name.split('-');
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return {
    name,
    camel: words[0] + words.slice(1).map(cap).join(''),
    Pascal: words.map(cap).join(''),
    CONST: words.map((w) => w.toUpperCase()).join('_'),
    Label: words.map(cap).join(' '),
  };
}

/** Options of {@link planScaffold}. */
export interface ScaffoldOptions {
  /** How messages and descriptions name the operator (default from the name: `acme-data` → `Acme Data`); e.g. `DGEFP`. */
  label?: string;
}

/** Checks the name and the repo, and computes every file; throws {@link ScaffoldRefusal}. */
export async function planScaffold(
  name: string,
  root: string,
  options: ScaffoldOptions = {},
): Promise<ScaffoldPlan> {
  if (!KEBAB.test(name) || name.length > 40) {
    throw new ScaffoldRefusal(
      `"${name}" is not a valid subgraph folder name: use kebab-case, lower-case letters and digits in words joined by single hyphens, starting with a letter, at most 40 characters (e.g. acme-data).`,
    );
  }
  if (RESERVED.has(name))
    throw new ScaffoldRefusal(`"${name}" is a reserved name in this repo; choose another.`);
  const label = options.label?.trim();
  if (label !== undefined && !/^[\p{L}\p{N}][\p{L}\p{N} '’.&-]{0,60}$/u.test(label))
    throw new ScaffoldRefusal(
      `--label "${options.label}" is not a usable label: letters, digits, spaces and - ' . & only, at most 61 characters.`,
    );
  const names = { ...namesOf(name), ...(label ? { Label: label } : {}) };
  const entries = readSupergraphConfig(join(root, 'schema/supergraph.yaml'));
  if (entries.some((e) => e.name === name))
    throw new ScaffoldRefusal(`subgraph "${name}" already exists in schema/supergraph.yaml.`);
  for (const folder of [`subgraphs/${name}`, `sim/${name}`]) {
    if (existsSync(join(root, folder)))
      throw new ScaffoldRefusal(`${folder} already exists; choose another name or remove it.`);
  }
  // The registry of the repo being scaffolded (a temporary copy in tests), not this module's.
  const { SERVICES } = (await import(pathToFileURL(join(root, 'stack/registry.ts')).href)) as {
    SERVICES: ServiceDefinition[];
  };
  const portEnvs = new Set(SERVICES.map((s) => s.portEnv));
  for (const taken of [`${names.CONST}_PORT`, `SIM_${names.CONST}_PORT`]) {
    if (portEnvs.has(taken))
      throw new ScaffoldRefusal(`${taken} is already used by stack/registry.ts; choose another name.`);
  }
  if (SERVICES.some((s) => s.name === name || s.name === `${name}-sim`)) {
    throw new ScaffoldRefusal(`a service named "${name}" or "${name}-sim" is already in stack/registry.ts.`);
  }
  const ports = SERVICES.map((s) => s.defaultPort);
  const port = Math.max(4000, ...SERVICES.filter((s) => s.kind === 'subgraph').map((s) => s.defaultPort)) + 1;
  const simPort =
    Math.max(4100, ...SERVICES.filter((s) => s.kind === 'simulator').map((s) => s.defaultPort)) + 1;
  if (ports.includes(port) || ports.includes(simPort))
    throw new ScaffoldRefusal(`ports ${port}/${simPort} are taken; edit stack/registry.ts.`);

  const files = new Map<string, string>();
  const fill = (text: string) =>
    text
      .replaceAll('__name__', names.name)
      .replaceAll('__camel__', names.camel)
      .replaceAll('__Pascal__', names.Pascal)
      .replaceAll('__CONST__', names.CONST)
      .replaceAll('__Label__', names.Label)
      .replaceAll('__simPort__', String(simPort))
      .replaceAll('__port__', String(port));
  for (const [part, target] of [
    ['subgraph', `subgraphs/${name}`],
    ['sim', `sim/${name}`],
  ] as const) {
    const base = new URL(`${part}/`, TEMPLATE_DIR);
    for (const file of walk(base.pathname)) {
      files.set(
        join(target, fill(relative(base.pathname, file)).replace(/\.tmpl$/, '')),
        fill(readFileSync(file, 'utf8')),
      );
    }
  }
  const schema = files.get(`subgraphs/${name}/schema.graphql`) ?? '';
  const routingUrl = `http://localhost:${port}/graphql`;
  // The new schema imports the shared blocks from where it will live in `root`.
  const composed = composeSdls([
    ...entries.map((e) => ({ name: e.name, url: e.routingUrl, ...loadSubgraphSchema(e.schemaFile) })),
    {
      name,
      url: routingUrl,
      ...assembleSubgraphSchema(schema, join(root, `subgraphs/${name}/schema.graphql`)),
    },
  ]);
  if (!composed.ok)
    throw new ScaffoldRefusal(`the new subgraph would not compose: ${composed.errors.join(' / ')}`);

  files.set(
    'schema/supergraph.yaml',
    addToSupergraphConfig(read(root, 'schema/supergraph.yaml'), name, routingUrl),
  );
  files.set(
    'schema/supergraph.graphql',
    composed.supergraphSdl.endsWith('\n') ? composed.supergraphSdl : `${composed.supergraphSdl}\n`,
  );
  files.set('stack/registry.ts', addToRegistry(read(root, 'stack/registry.ts'), names, port, simPort));
  files.set(
    'docker-compose.yml',
    await addToCompose(read(root, 'docker-compose.yml'), names, port, simPort, root),
  );
  // Generated code is formatted like the rest of the repo, whatever the length of the name.
  for (const [path, text] of files) {
    if (!path.endsWith('.ts')) continue;
    const options = (await resolveConfig(join(root, path))) ?? {};
    files.set(path, await format(text, { ...options, parser: 'typescript' }));
  }
  return { names, port, simPort, files };
}

/** Writes the plan's files; returns their repo-relative paths. */
export function applyScaffold(plan: ScaffoldPlan, root: string): string[] {
  for (const [path, text] of plan.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return [...plan.files.keys()];
}

function addToSupergraphConfig(text: string, name: string, routingUrl: string): string {
  // A draft until its first `schema:publish`: the placeholder schema is no contract yet.
  const block = `  ${name}:\n    routing_url: ${routingUrl}\n    schema:\n      file: ../subgraphs/${name}/schema.graphql\n    draft: true\n`;
  return `${text.endsWith('\n') ? text : `${text}\n`}${block}`;
}

function addToRegistry(text: string, n: ScaffoldNames, port: number, simPort: number): string {
  const lines = text.split('\n');
  const lastImport = lines.reduce((last, line, i) => (/^import /.test(line) ? i : last), -1);
  const end = text.lastIndexOf('];');
  if (lastImport < 0 || end < 0 || !text.includes('export const SERVICES')) {
    throw new ScaffoldRefusal(
      'stack/registry.ts does not have the expected shape (imports, then `export const SERVICES = [ … ];`).',
    );
  }
  lines.splice(
    lastImport + 1,
    0,
    `import { read${n.Pascal}SimulatorConfig } from '../sim/${n.name}/config.js';`,
    `import { start${n.Pascal}Simulator } from '../sim/${n.name}/start.js';`,
    `import { read${n.Pascal}Config } from '../subgraphs/${n.name}/src/config.js';`,
    `import { start${n.Pascal} } from '../subgraphs/${n.name}/src/start.js';`,
  );
  const withImports = lines.join('\n');
  const at = withImports.lastIndexOf('];');
  const entries = `  {
    name: '${n.name}-sim',
    kind: 'simulator',
    portEnv: 'SIM_${n.CONST}_PORT',
    defaultPort: ${simPort},
    urlEnv: '${n.CONST}_API_URL',
    start: (env) => start${n.Pascal}Simulator(read${n.Pascal}SimulatorConfig(env)),
  },
  {
    name: '${n.name}',
    kind: 'subgraph',
    portEnv: '${n.CONST}_PORT',
    defaultPort: ${port},
    start: (env) => start${n.Pascal}(read${n.Pascal}Config(env)),
  },
`;
  return `${withImports.slice(0, at)}${entries}${withImports.slice(at)}`;
}

async function addToCompose(
  text: string,
  n: ScaffoldNames,
  port: number,
  simPort: number,
  root: string,
): Promise<string> {
  // Edited as a YAML document (comments, anchors and `<<: *service` merges kept), then formatted
  // like the rest of the repo.
  const doc = parseDocument(text);
  const gateway = doc.getIn(['services', 'gateway']);
  const dependsOn = doc.getIn(['services', 'gateway', 'depends_on']);
  const base = doc.get('x-service', true);
  const anchor = isMap(base) ? base.anchor : undefined;
  if (
    !isMap(gateway) ||
    !isSeq(dependsOn) ||
    !isMap(doc.getIn(['services', 'gateway', 'environment'])) ||
    !anchor
  ) {
    throw new ScaffoldRefusal(
      'docker-compose.yml does not have the expected shape (an `x-service` anchor, a gateway with depends_on and environment).',
    );
  }
  dependsOn.add(n.name);
  doc.setIn(
    ['services', 'gateway', 'environment', `SUBGRAPH_${n.CONST}_URL`],
    `http://${n.name}:${port}/graphql`,
  );
  const services = doc.get('services', true);
  if (!isMap(services)) throw new ScaffoldRefusal('docker-compose.yml has no `services` map.');
  const addService = (
    name: string,
    command: string,
    env: Record<string, string | number>,
    dependsOnList?: string[],
  ) => {
    const node = doc.createNode({
      command: ['node', '--import', 'tsx', command],
      ...(dependsOnList ? { depends_on: dependsOnList } : {}),
      environment: env,
    });
    for (const item of node.items) if (isSeq(item.value)) item.value.flow = true;
    const commandNode = node.get('command', true);
    if (isSeq(commandNode))
      for (const part of commandNode.items) if (isScalar(part)) part.type = 'QUOTE_DOUBLE';
    node.items.unshift(doc.createPair('<<', new Alias(anchor)));
    const key = doc.createNode(name);
    key.spaceBefore = true;
    services.add(doc.createPair(key, node));
    return key;
  };
  const subgraphKey = addService(
    n.name,
    `subgraphs/${n.name}/src/index.ts`,
    {
      HOST: '0.0.0.0',
      [`${n.CONST}_PORT`]: port,
      // Never a literal: compose takes it from the environment or .env (see the file's header).
      GATEWAY_SECRET: '${GATEWAY_SECRET:?set GATEWAY_SECRET, see the top of docker-compose.yml}',
      CACHE_URL: 'redis://redis:6379',
      [`${n.CONST}_API_URL`]: `http://${n.name}-sim:${simPort}`,
    },
    ['redis', `${n.name}-sim`],
  );
  subgraphKey.commentBefore = ` ${n.Label}, on its simulated API (scaffolded by \`npm run subgraph:new\`).`;
  addService(`${n.name}-sim`, `sim/${n.name}/index.ts`, {
    HOST: '0.0.0.0',
    [`SIM_${n.CONST}_PORT`]: simPort,
  });
  const options = (await resolveConfig(join(root, 'docker-compose.yml'))) ?? {};
  const result = await format(doc.toString(), { ...options, parser: 'yaml' });
  // The edited file must still be YAML with both services in it.
  const parsed = parseYaml(result) as { services?: Record<string, unknown> };
  if (!parsed.services?.[n.name] || !parsed.services[`${n.name}-sim`]) {
    throw new ScaffoldRefusal('could not add the services to docker-compose.yml; add them by hand.');
  }
  return result;
}

function read(root: string, path: string): string {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    throw new ScaffoldRefusal(`cannot read ${path}: run this from the repository root.`);
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
