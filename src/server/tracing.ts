import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  tracer: ReturnType<typeof trace.getTracer>;
  /** Sends the spans not sent yet, then stops. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry for this process, started where OTEL_EXPORTER_OTLP_ENDPOINT is set: spans go in batches to the
 * OTLP/HTTP collector there (as JSON, to `<endpoint>/v1/traces`), under `serviceName`. The exporter reads that and the
 * rest of the standard OTEL_EXPORTER_OTLP_… variables itself (headers, timeout), the batch processor OTEL_BSP_….
 */
export function startTracing(options: { serviceName: string }): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Registers the AsyncLocalStorage context manager too, through which a resolver's SQL finds its parent span.
  provider.register();
  return { tracer: trace.getTracer('whosaid'), shutdown: () => provider.shutdown() };
}
