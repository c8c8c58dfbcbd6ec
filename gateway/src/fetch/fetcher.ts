// The gateway's HTTP client for subgraph fetches: plain node:http over keep-alive connections.
// The stock fetcher (make-fetch-happen over minipass and @npmcli/agent) spent about a third of
// the gateway's CPU in its own machinery, part of it building stack traces for every request.
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A subgraph's answer as received: status, headers and the body as text. */
export interface RawResponse {
  url: string;
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Options of {@link SubgraphHttpClient}. */
export interface SubgraphHttpClientOptions {
  /** Sockets kept open per subgraph host; requests beyond wait for a free one. */
  maxSockets?: number;
}

/** Thrown when a subgraph does not answer within the timeout. */
export class SubgraphTimeoutError extends Error {
  override name = 'SubgraphTimeoutError';
}

/** Posts request bodies to subgraphs over keep-alive connections, one pool per protocol. */
export class SubgraphHttpClient {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(options: SubgraphHttpClientOptions = {}) {
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? 128,
      scheduling: 'lifo' as const,
    };
    this.http = new HttpAgent(agentOptions);
    this.https = new HttpsAgent(agentOptions);
  }

  /** POSTs `body` to `url` and resolves with the whole answer; rejects on network errors and timeouts. */
  post(url: string, body: string, headers: Record<string, string>, timeoutMs?: number): Promise<RawResponse> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    return new Promise<RawResponse>((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          agent: secure ? this.https : this.http,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              url,
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers: res.headers,
              text:
                chunks.length === 1
                  ? (chunks[0] as Buffer).toString('utf8')
                  : Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      if (timeoutMs !== undefined) {
        req.setTimeout(timeoutMs, () =>
          req.destroy(new SubgraphTimeoutError(`no answer from ${url} within ${timeoutMs} ms`)),
        );
      }
      req.end(body);
    });
  }

  /** Closes the idle connections (for a clean shutdown). */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
