// OpenTelemetry traces, exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. The
// gateway opens one span per GraphQL request; @apollo/gateway's own spans (plan, fetch, …) nest
// under it, and the W3C `traceparent` header carries the trace on to the subgraphs.
import { createRequire } from 'node:module';
import { context, propagation, trace, type Span, type Tracer } from '@opentelemetry/api';
import type * as ContextAsyncHooks from '@opentelemetry/context-async-hooks';
import type * as OtelCore from '@opentelemetry/core';
import type * as OtlpExporter from '@opentelemetry/exporter-trace-otlp-http';
import type * as OtelResources from '@opentelemetry/resources';
import type * as SdkTraceBase from '@opentelemetry/sdk-trace-base';

// The SDK, exporter and context manager cost about a quarter of a second to load: they are
// required only when an endpoint is configured (the small API above is always there).
const load = createRequire(import.meta.url);

/** Tracing of one gateway; `tracer` is undefined when tracing is off, so requests skip it entirely. */
export interface Tracing {
  tracer?: Tracer;
  shutdown(): Promise<void>;
}

/** Starts exporting traces to `endpoint` (OTLP/HTTP); a no-op without an endpoint. */
export function startTracing(endpoint: string | undefined, serviceName: string): Tracing {
  if (!endpoint) return { shutdown: async () => undefined };
  const { AsyncLocalStorageContextManager } = load(
    '@opentelemetry/context-async-hooks',
  ) as typeof ContextAsyncHooks;
  const { W3CTraceContextPropagator } = load('@opentelemetry/core') as typeof OtelCore;
  const { OTLPTraceExporter } = load('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpExporter;
  const { Resource } = load('@opentelemetry/resources') as typeof OtelResources;
  const { BasicTracerProvider, BatchSpanProcessor } = load(
    '@opentelemetry/sdk-trace-base',
  ) as typeof SdkTraceBase;
  const provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': serviceName }),
  });
  provider.addSpanProcessor(
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), {
      // Short delay: a trace shows up within a second, and a stopping gateway has little to flush.
      scheduledDelayMillis: 500,
    }),
  );
  // Global registration: @apollo/gateway takes its tracer from the global API.
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new W3CTraceContextPropagator(),
  });
  return {
    tracer: trace.getTracer('territoires-gateway'),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Runs `work` inside `span` so spans started meanwhile (Apollo's) become its children. */
export function withSpan<T>(span: Span | undefined, work: () => Promise<T>): Promise<T> {
  if (!span) return work();
  return context.with(trace.setSpan(context.active(), span), work);
}

/** Writes the active trace context (traceparent) into outgoing headers. */
export function injectTraceHeaders(set: (name: string, value: string) => void): void {
  propagation.inject(context.active(), undefined, { set: (_carrier, name, value) => set(name, value) });
}
