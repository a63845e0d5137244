package io.gridsense.deploy.faults;

import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.mqtt.AlertSender;
import io.gridsense.agent.mqtt.MqttLink;
import io.gridsense.agent.outbox.DiskOutbox;
import io.gridsense.agent.outbox.Outbox;
import io.gridsense.protocol.AgentStatus;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.WireCodec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agent's delivery path in a process of its own, so a test can {@code kill -9} it: the real
 * {@link DiskOutbox}, {@link MqttLink} and {@link AlertSender}. It appends a burst of alerts from ten
 * cameras, then delivers them, a little slower than the wire allows so that a test can cut it mid-stream.
 * Run with {@code --drain} it appends nothing and only delivers what the outbox kept.
 */
public final class BurstAgentMain {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String broker = args[1];
        String site = args[2];
        String agentId = args[3];
        int count = Integer.parseInt(args[4]);
        boolean drain = args.length > 5 && args[5].equals("--drain");
        WireCodec codec = new WireCodec();
        AgentConfig cfg = new AgentConfig(site, agentId, new AgentConfig.MqttSettings(broker, null, null, "burst-" + agentId),
                new AgentConfig.HubSettings(URI.create("http://127.0.0.1:9"), null), 4, 10, data, null,
                new AgentConfig.HttpSettings("127.0.0.1", 0), null, null,
                List.of(new io.gridsense.agent.config.CameraConfig("cam-0", null, "unused.mp4", false, new GeoPoint(30.27175, 120.156), null)));
        DiskOutbox disk = DiskOutbox.open(data.resolve("outbox"), 1 << 20, 10_000, Clock.systemUTC());
        if (!drain) {
            Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
            for (int i = 0; i < count; i++) {
                Instant t = t0.plusMillis(i * 100L);
                disk.append(new Alert(1, agentId + "-" + i, site, agentId, "cam-" + (i % 10), AlertType.GATHERING, t, t, 0.9,
                        5, List.of(), new GeoPoint(30.27175, 120.156), List.of(), "burst", "r", "1"));
            }
        }
        System.out.println("appended depth=" + disk.depth());
        System.out.flush();
        MqttLink link = new MqttLink(cfg, codec, new AgentStatus(1, agentId, site, false, "t", 0, Instant.now(), List.of()));
        AlertSender sender = new AlertSender(new Throttled(disk), link, codec);
        link.start();
        sender.start();
        while (disk.depth() > 0) {
            Thread.sleep(100);
        }
        System.out.println("delivered");
        System.out.flush();
        sender.close();
        link.close();
        disk.close();
    }

    /** Slows delivery to about 300 alerts/s so a test can stop the broker or kill this process mid-stream. */
    private record Throttled(Outbox inner) implements Outbox {
        @Override
        public void append(Alert alert) {
            inner.append(alert);
        }

        @Override
        public Optional<Alert> peek(long millis) throws InterruptedException {
            Thread.sleep(3);
            return inner.peek(millis);
        }

        @Override
        public void acknowledged(String alertId) {
            inner.acknowledged(alertId);
        }

        @Override
        public int depth() {
            return inner.depth();
        }
    }
}
