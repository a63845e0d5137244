package io.gridsense.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.MosquittoBroker;
import io.gridsense.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * The hub's MQTT 5 Receive Maximum replaces the broker's {@code max_inflight_messages} (20 on a default Mosquitto)
 * for its connection: more alerts than that reach the hub while none is acknowledged yet (they are acknowledged
 * only after their batch committed, so a window of 20 held the hub to 20 alerts per commit).
 */
class ReceiveWindowTest {

    static final int ALERTS = 200;

    @Test
    void moreUnacknowledgedAlertsThanTheBrokersDefaultWindowReachTheHub() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Runnable> unacked = new CopyOnWriteArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start(100_000); // max_inflight_messages left at its default
             MqttConnector hub = new MqttConnector(broker.uri(), "hub-window-" + run, null, null, null, Duration.ofMinutes(1),
                     (MqttConnector.Dispatcher) (topic, payload, ack) -> unacked.add(ack))) {
            hub.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!hub.isConnected() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // the subscription follows the connection
            MqttClient agent = new MqttClient(broker.uri(), "agent-window-" + run, new MemoryPersistence());
            agent.connect(new MqttConnectionOptions());
            for (int i = 0; i < ALERTS; i++) {
                publish(agent, Topic.alerts("s-" + run, "agent-1").path(), ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (unacked.size() < ALERTS && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(unacked).as("alerts handed to the hub with none acknowledged").hasSize(ALERTS);
            unacked.forEach(Runnable::run);
            agent.disconnect();
            agent.close();
        }
    }

    /** Paho frees an in-flight slot a moment after a blocking publish returns: "too many publishes" means retry. */
    private static void publish(MqttClient agent, String topic, byte[] payload) throws Exception {
        while (true) {
            try {
                agent.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != 32202) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }
}
