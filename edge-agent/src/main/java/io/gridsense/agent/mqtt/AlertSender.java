package io.gridsense.agent.mqtt;

import io.gridsense.agent.outbox.Outbox;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox in order: publish the oldest alert with QoS 1, remove it only when the broker has
 * acknowledged it, and while the broker is away keep it and try again.
 */
public final class AlertSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertSender.class);

    private final Outbox outbox;
    private final MqttLink link;
    private final WireCodec codec;
    private final Thread thread;
    private volatile boolean running = true;
    private final java.util.function.LongConsumer publishedNanos;

    public AlertSender(Outbox outbox, MqttLink link, WireCodec codec) {
        this(outbox, link, codec, n -> { });
    }

    /** {@code publishedNanos} hears the time from publish to acknowledgement of each alert, for metrics. */
    public AlertSender(Outbox outbox, MqttLink link, WireCodec codec, java.util.function.LongConsumer publishedNanos) {
        this.publishedNanos = publishedNanos;
        this.outbox = outbox;
        this.link = link;
        this.codec = codec;
        this.thread = new Thread(this::run, "alert-sender");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Optional<Alert> next = outbox.peek(1000);
                if (next.isEmpty()) {
                    continue;
                }
                if (!link.isConnected()) {
                    Thread.sleep(200);
                    continue;
                }
                Alert alert = next.get();
                long t0 = System.nanoTime();
                try {
                    link.publishAndWait(Topic.alerts(alert.site(), alert.agentId()).path(), codec.encode(alert), false, 10_000);
                    outbox.acknowledged(alert.alertId());
                    publishedNanos.accept(System.nanoTime() - t0);
                    log.info("event=alert_published alert={} camera={} type={} ms={} outbox_depth={}", alert.alertId(),
                            alert.cameraId(), alert.type(), (System.nanoTime() - t0) / 1_000_000, outbox.depth());
                } catch (MqttException e) {
                    log.warn("event=alert_publish_failed alert={} reason=\"{}\" outbox_depth={}", alert.alertId(),
                            MqttLink.reason(e), outbox.depth());
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
