// A drop-in base for subgraph data sources that does what RemoteGraphQLDataSource does, with
// the same hooks in the same order (willSendRequest, didReceiveResponse, didEncounterError,
// errorFromResponse), but spends far less CPU per fetch: keep-alive node:http instead of
// make-fetch-happen, identical entity representations sent once, and identical fetches in flight
// at the same time for callers with the same headers sharing one HTTP exchange.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  cloneJson,
  dedupeRepresentations,
  InflightShare,
  sharingScope,
  type SubgraphBody,
} from './dedupe.js';
import { FetchBatcher, type MemberOutcome } from './fetchBatcher.js';
import { SubgraphHttpClient, type RawResponse } from './fetcher.js';

/** One HTTP client for every subgraph of the process: sockets are pooled per host. */
const sharedClient = new SubgraphHttpClient();
/** Identical fetches in flight, across every data source of the process. */
const inflight = new InflightShare<MemberOutcome>();
/** One batcher per HTTP client. */
const batchers = new WeakMap<SubgraphHttpClient, FetchBatcher>();

function batcherFor(client: SubgraphHttpClient): FetchBatcher {
  let batcher = batchers.get(client);
  if (!batcher) {
    batcher = new FetchBatcher(client);
    batchers.set(client, batcher);
  }
  return batcher;
}

/** How many callers joined each shared fetch (the count is final once the fetch settles). */
const joiners = new WeakMap<Promise<MemberOutcome>, number>();

/**
 * A caller's own copy of a merged fetch's parsed body. The executor merges into it in place, so
 * when callers share the fetch each gets a copy and nobody gets the original.
 */
function claim(outcome: MemberOutcome, shared: Promise<MemberOutcome> | undefined): SubgraphBody | undefined {
  if (!outcome.body) return undefined;
  return shared && (joiners.get(shared) ?? 1) > 1 ? cloneJson(outcome.body) : outcome.body;
}

function hasExtensions(extensions: Record<string, unknown> | undefined): boolean {
  return extensions !== undefined && Object.keys(extensions).length > 0;
}

// The base class's own constraint; `unknown` would refuse interfaces such as GatewayContext.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyContext = Record<string, any>;
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type FetcherResponse = Parameters<RemoteGraphQLDataSource['parseBody']>[0];
type FetcherHeaders = FetcherResponse['headers'];
type FetchRequest = Parameters<RemoteGraphQLDataSource['didEncounterError']>[1];

/** Settings a subclass may pass to the constructor besides `url`. */
export interface FastDataSourceConfig {
  url: string;
  /** Abort a subgraph fetch after this many milliseconds. */
  timeoutMs?: number;
  /** Share identical in-flight fetches between callers with the same headers (default true). */
  shareInflight?: boolean;
  /** Send identical entity representations once per fetch (default true). */
  dedupeRepresentations?: boolean;
  /** Merge fetches to this subgraph issued in the same tick into one operation (default true). */
  batchFetches?: boolean;
  client?: SubgraphHttpClient;
}

/** RemoteGraphQLDataSource with a cheaper fetch path; subclasses keep using its hooks. */
export class FastRemoteGraphQLDataSource<
  TContext extends AnyContext = AnyContext,
> extends RemoteGraphQLDataSource<TContext> {
  // `declare`: the base constructor assigns these from the config; a class field would reset them.
  declare timeoutMs?: number;
  declare shareInflight?: boolean;
  declare dedupeRepresentations?: boolean;
  declare batchFetches?: boolean;
  declare client?: SubgraphHttpClient;

  constructor(config: FastDataSourceConfig) {
    super(config as Partial<RemoteGraphQLDataSource<TContext>>);
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<TContext>,
  ): Promise<GatewayGraphQLResponse> {
    // Automatic persisted queries need the stock round trips; leave them to the stock path.
    if (this.apq) return super.process(options);
    const { request, context } = options;
    const headers = new LightHeaders(request.http?.headers);
    headers.set('content-type', 'application/json');
    request.http = { method: 'POST', url: this.url, headers };
    await this.willSendRequest?.(options);
    if (!request.query) throw new Error('Missing query');

    const deduped =
      this.dedupeRepresentations === false
        ? undefined
        : dedupeRepresentations(request.variables?.representations);
    const { http, ...withoutHttp } = request;
    const variables = deduped ? { ...request.variables, representations: deduped.unique } : request.variables;
    const body = JSON.stringify(deduped ? { ...withoutHttp, variables } : withoutHttp);
    const url = http?.url ?? this.url;
    const outgoing = headers.toRecord();
    const client = this.client ?? sharedClient;
    // Sharing and batching stay within one caller scope: the same subgraph, the same headers
    // sent to it, and the same incoming headers (credentials and anything unknown).
    const scope =
      'incomingRequestContext' in options && isQuery(request.query)
        ? `${url}\n${sharingScope(headers)}\n${sharingScope(incomingHeaders(options.incomingRequestContext.request.http?.headers))}`
        : undefined;
    const batch = scope !== undefined && this.batchFetches !== false && !hasExtensions(request.extensions);
    const send = (): Promise<MemberOutcome> =>
      batch
        ? batcherFor(client).enqueue(
            scope,
            { url, headers: outgoing, timeoutMs: this.timeoutMs },
            { query: request.query ?? '', variables, operationName: request.operationName },
            body,
          )
        : client.post(url, body, outgoing, this.timeoutMs).then((raw) => ({ raw }));

    let outcome: MemberOutcome;
    let shared: Promise<MemberOutcome> | undefined;
    try {
      if (scope !== undefined && this.shareInflight !== false) {
        shared = inflight.share(`${scope}\n${body}`, send);
        joiners.set(shared, (joiners.get(shared) ?? 0) + 1);
      }
      outcome = await (shared ?? send());
    } catch (error) {
      return this.failed(error as Error, url, body, outgoing, undefined, context, request);
    }
    const raw = outcome.raw;
    const fetchResponse = new LightResponse(raw);
    let parsed: SubgraphBody;
    try {
      if (!fetchResponse.ok) throw await this.errorFromResponse(fetchResponse);
      const value = outcome.body
        ? claim(outcome, shared)
        : await this.parseBody(fetchResponse, undefined, context as TContext);
      if (typeof value !== 'object' || value === null)
        throw new Error(`Expected JSON response body, but received: ${value}`);
      parsed = value as SubgraphBody;
    } catch (error) {
      return this.failed(error as Error, url, body, outgoing, fetchResponse, context, request);
    }
    if (deduped) parsed = deduped.expand(parsed);
    const response = { ...(parsed as GatewayGraphQLResponse), http: fetchResponse };
    const processed = this.didReceiveResponse
      ? await this.didReceiveResponse({
          response,
          request,
          context: context as TContext,
          pathInIncomingRequest: pathOf(options),
        })
      : response;
    applyCacheControl(options, this.honorSubgraphCacheControlHeader, raw);
    return processed;
  }

  private failed(
    error: Error,
    url: string,
    body: string,
    headers: Record<string, string>,
    response: FetcherResponse | undefined,
    context: unknown,
    request: GraphQLDataSourceProcessOptions<TContext>['request'],
  ): never {
    // The stock hook receives a node-fetch Request; hooks read its url, method and headers.
    const fetchRequest = {
      url,
      method: 'POST',
      headers: new LightHeaders(Object.entries(headers)),
      body,
    } as unknown as FetchRequest;
    this.didEncounterError(error, fetchRequest, response, context as TContext, request);
    throw error;
  }
}

function isQuery(query: string): boolean {
  return /^\s*(query\b|\{)/.test(query);
}

function pathOf<TContext extends AnyContext>(options: GraphQLDataSourceProcessOptions<TContext>) {
  return 'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined;
}

function incomingHeaders(headers: FetcherHeaders | undefined): Iterable<[string, string]> {
  return headers ?? [];
}

/** The stock data source narrows the operation's cache policy with each subgraph's Cache-Control. */
function applyCacheControl<TContext extends AnyContext>(
  options: GraphQLDataSourceProcessOptions<TContext>,
  honor: boolean,
  raw: RawResponse,
): void {
  if (!honor || !('incomingRequestContext' in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy as
    { restrict?: (hint: { maxAge: number; scope?: string }) => void } | undefined;
  if (!policy?.restrict) return;
  const header = raw.headers['cache-control'];
  const parts = new Map<string, string | true>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [key, value] = part.trim().split(/\s*=\s*/, 2);
    if (key) parts.set(key, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const hint: { maxAge: number; scope?: string } = { maxAge: 0 };
  const maxAge = parts.get('max-age');
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
  if (parts.get('private') === true) hint.scope = 'PRIVATE';
  if (parts.get('public') === true) hint.scope = 'PUBLIC';
  policy.restrict(hint);
}

/** A small, allocation-light stand-in for fetch's Headers (what hooks read and write). */
export class LightHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();

  constructor(init?: Iterable<[string, string]>) {
    if (init) for (const [name, value] of init) this.append(name, value);
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.map.get(key);
    this.map.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  forEach(callback: (value: string, name: string) => void): void {
    this.map.forEach((value, name) => callback(value, name));
  }
  /** The headers as a plain object, for node:http. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
}

/** The parts of a fetch Response the data source hooks use, over an answer already read. */
class LightResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;
  private lightHeaders?: LightHeaders;

  constructor(private readonly raw: RawResponse) {}

  // Built on first use: most fetches only ever read the content type.
  get headers(): LightHeaders {
    if (!this.lightHeaders) {
      this.lightHeaders = new LightHeaders();
      for (const name in this.raw.headers) {
        const value = this.raw.headers[name];
        if (value !== undefined) this.lightHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
    }
    return this.lightHeaders;
  }
  get url(): string {
    return this.raw.url;
  }
  get status(): number {
    return this.raw.status;
  }
  get ok(): boolean {
    return this.raw.status >= 200 && this.raw.status < 300;
  }
  get statusText(): string {
    return this.raw.statusText;
  }
  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.raw.text;
  }
  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.raw.text);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const buffer = Buffer.from(this.raw.text, 'utf8');
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  }
  clone(): FetcherResponse {
    return new LightResponse(this.raw);
  }
}
