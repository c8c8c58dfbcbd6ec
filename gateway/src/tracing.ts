// OpenTelemetry traces, exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. The
// gateway opens one span per GraphQL request; @apollo/gateway's own spans (plan, fetch, …) nest
// under it, and the W3C `traceparent` header carries the trace on to the subgraphs.
import { context, propagation, trace, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Tracing of one gateway; `tracer` is undefined when tracing is off, so requests skip it entirely. */
export interface Tracing {
  tracer?: Tracer;
  shutdown(): Promise<void>;
}

/** Starts exporting traces to `endpoint` (OTLP/HTTP); a no-op without an endpoint. */
export function startTracing(endpoint: string | undefined, serviceName: string): Tracing {
  if (!endpoint) return { shutdown: async () => undefined };
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
