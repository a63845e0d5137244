package io.gridsense.hub.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.MosquittoBroker;
import io.gridsense.hub.alert.MqttConnector;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.WireCodec;
import io.gridsense.protocol.WorkerPush;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/**
 * A burst of pushes far larger than the MQTT in-flight window (Mosquitto's receive maximum, 20) reaches a
 * subscribed gridworker app completely: the channel waits for the window instead of dropping copies.
 */
class MqttPushBurstTest {

    static final int BURST = 3_000;

    @Test
    void aBurstLargerThanTheInFlightWindowIsFullyDelivered() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        WireCodec codec = new WireCodec();
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger windowFull = new AtomicInteger();
        try (MosquittoBroker broker = MosquittoBroker.start(100_000);
             MqttConnector hub = MqttConnector.publisher(broker.uri(), "hub-burst-" + run + "-push", null, null)) {
            MqttClient app = new MqttClient(broker.uri(), "app-burst-" + run, new MemoryPersistence());
            app.connect(new MqttConnectionOptions());
            app.subscribe(new MqttSubscription[] {new MqttSubscription("gridsense/v1/push/workers/+", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, m) ->
                            received.add(codec.mapper().readTree(m.getPayload()).get("pushId").asText())});
            hub.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!hub.isConnected() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            try (MqttPushChannel channel = new MqttPushChannel(new MqttPushChannel.Publisher() {
                @Override
                public MqttPushChannel.Send publish(String topic, byte[] bytes) {
                    MqttPushChannel.Send s = hub.send(topic, bytes, 1);
                    if (s == MqttPushChannel.Send.WINDOW_FULL) {
                        windowFull.incrementAndGet();
                    }
                    return s;
                }

                @Override
                public void awaitWindow(long nanos) {
                    hub.awaitWindow(nanos); // as HubServer wires it
                }
            }, codec)) {
                hub.onSlotFreed(channel::slotFreed); // as HubServer wires it
                for (int i = 0; i < BURST; i++) {
                    channel.deliver(push("P-" + run + "-" + i, "w-" + (i % 10)));
                }
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (received.size() < BURST && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                System.out.printf("mqtt push burst: %d sent, %d received, window full %d times%n", channel.sent(),
                        received.size(), windowFull.get());
                assertThat(windowFull.get()).as("the burst did fill the in-flight window").isPositive();
                assertThat(received).hasSize(BURST);
                assertThat(channel.queued()).isZero();
            } finally {
                app.disconnect();
                app.close();
            }
        }
    }

    private static WorkerPush push(String pushId, String worker) {
        return new WorkerPush(WireCodec.SCHEMA_VERSION, pushId, worker, "INC-20261125-000001", "ALERT-BURST-0001",
                AlertType.FIGHT, "330106001001001", "grid", "cam-1", new GeoPoint(30.27, 120.15), 12.5, "GRID_OWNER",
                null, Instant.now());
    }
}
