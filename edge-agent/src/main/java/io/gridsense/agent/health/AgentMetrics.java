package io.gridsense.agent.health;

import io.gridsense.agent.camera.CameraStats;
import io.gridsense.protocol.AlertType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The agent's Prometheus metrics (Micrometer): per-camera frame counters (fps is their rate), decode errors
 * and reconnects, the outbox's depth and the age of its oldest alert, alerts raised by type, and the time
 * from publish to the broker's acknowledgement.
 */
public final class AgentMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer publish;

    public AgentMetrics() {
        publish = Timer.builder("gridsense.alert.publish")
                .description("time from publishing an alert to the broker's QoS 1 acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** Registers a whole-agent gauge, e.g. the outbox depth. */
    public void gauge(String name, String description, DoubleSupplier value) {
        Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(description).strongReference(true).register(registry);
    }

    /** Registers one camera's meters, read from its live counters. */
    public void bindCamera(String cameraId, CameraStats s) {
        counter("gridsense.camera.frames.received", "frames decoded from the camera's stream", cameraId, s, CameraStats::framesIn);
        counter("gridsense.camera.frames.analysed", "frames that went through the analysis pipeline", cameraId, s, CameraStats::framesAnalysed);
        counter("gridsense.camera.frames.dropped", "frames due for analysis that were skipped: the analyser or the box's "
                + "analysis budget was busy", cameraId, s, CameraStats::framesDropped);
        counter("gridsense.camera.frames.between", "pictures between two analysed ones measured by the fight stage's "
                + "flow (only while a fight candidate is in view)", cameraId, s, CameraStats::framesBetween);
        counter("gridsense.camera.decode.errors", "frames FFmpeg flagged as corrupt", cameraId, s, CameraStats::framesCorrupt);
        counter("gridsense.camera.reconnects", "times the camera's stream was opened again after a failure", cameraId, s, CameraStats::reconnects);
        Gauge.builder("gridsense.camera.online", s, x -> x.online() ? 1 : 0).tag("camera", cameraId)
                .description("1 while frames arrive").register(registry);
    }

    /** Removes a camera's meters when it leaves the config. */
    public void unbindCamera(String cameraId) {
        List<Meter> mine = registry.getMeters().stream().filter(m -> cameraId.equals(m.getId().getTag("camera"))).toList();
        mine.forEach(registry::remove);
    }

    private void counter(String name, String description, String cameraId, CameraStats s,
                         java.util.function.ToDoubleFunction<CameraStats> f) {
        FunctionCounter.builder(name, s, f).tag("camera", cameraId).description(description).register(registry);
    }

    public void alertRaised(AlertType type) {
        Counter.builder("gridsense.alerts.raised").tag("type", type.name()).description("alerts raised by the analysers")
                .register(registry).increment();
    }

    public void published(long nanos) {
        publish.record(Duration.ofNanos(nanos));
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
