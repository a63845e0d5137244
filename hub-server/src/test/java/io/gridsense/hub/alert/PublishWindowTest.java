package io.gridsense.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.MosquittoBroker;
import io.gridsense.hub.push.MqttPushChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/**
 * Paho (mqttv5 1.2.5) takes a message id for a publish before it checks the in-flight window and keeps it when
 * the window is full, so every "too many publishes in progress" used to cost one of the 65,535 ids for good: the
 * push channel retries a full window, and after ~65,000 retries every publish failed ("no new message IDs
 * being available") while each id search scanned the whole id table under Paho's client-state lock. The
 * connector now keeps its own window and never asks Paho while it is full.
 */
class PublishWindowTest {

    /** More full-window answers than there are message ids. */
    static final int WINDOW_FULL_ANSWERS = 70_000;

    @Test
    void aFullWindowCostsNoMessageId() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (MosquittoBroker broker = MosquittoBroker.start(100_000); // max_inflight_messages left at its default, 20
             MqttConnector hub = new MqttConnector(broker.uri(), "hub-ids-" + run, null, null, null, Duration.ofMinutes(1),
                     (topic, payload) -> { })) {
            MqttClient app = new MqttClient(broker.uri(), "app-ids-" + run, new MemoryPersistence());
            app.connect(new MqttConnectionOptions());
            app.subscribe(new MqttSubscription[] {new MqttSubscription("test/ids/" + run, 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, m) ->
                            received.add(new String(m.getPayload(), StandardCharsets.UTF_8))});
            hub.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!hub.isConnected() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            int sent = 0;
            int windowFull = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // publish as fast as the window allows, retrying a full one at once, as the push channel does under load
            while ((windowFull < WINDOW_FULL_ANSWERS || sent < 2_000) && System.nanoTime() < end) {
                MqttPushChannel.Send s = hub.send("test/ids/" + run, ("m-" + sent).getBytes(StandardCharsets.UTF_8), 1);
                assertThat(s).as("publish %d after %d full-window answers", sent, windowFull)
                        .isIn(MqttPushChannel.Send.SENT, MqttPushChannel.Send.WINDOW_FULL);
                if (s == MqttPushChannel.Send.SENT) {
                    sent++;
                } else {
                    windowFull++;
                }
            }
            assertThat(windowFull).as("the window was full often enough to have used up every id").isGreaterThanOrEqualTo(WINDOW_FULL_ANSWERS);
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < sent && System.nanoTime() < wait) {
                Thread.sleep(50);
            }
            System.out.printf("publish window: %d sent, %d received, window full %d times%n", sent, received.size(), windowFull);
            assertThat(received).hasSize(sent);
            app.disconnect();
            app.close();
        }
    }
}
