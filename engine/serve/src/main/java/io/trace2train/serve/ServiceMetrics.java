package io.trace2train.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trace2train.engine.Scored;
import java.time.Duration;
import java.util.List;

/** The service's Prometheus metrics: requests by endpoint and status, their latency, items by outcome, check time. */
final class ServiceMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    void request(String endpoint, int status, long nanos) {
        Counter.builder("t2t_requests").tag("endpoint", endpoint).tag("status", Integer.toString(status))
                .register(registry).increment();
        Timer.builder("t2t_request_latency").tag("endpoint", endpoint).publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** Items counted by outcome (their rate is items/s); check time by verifier id. */
    void items(List<Scored> scored) {
        for (Scored item : scored) {
            String outcome = item.failure() != null ? item.failure().wireName() : item.passed() ? "passed" : "failed";
            Counter.builder("t2t_items").tag("outcome", outcome).register(registry).increment();
            for (int i = 0; i < item.checkNanos().size(); i++) {
                Timer.builder("t2t_verifier_time").tag("verifier", item.constraints().get(i).verifier())
                        .register(registry).record(Duration.ofNanos(item.checkNanos().get(i)));
            }
        }
    }

    String scrape() {
        return registry.scrape();
    }
}
