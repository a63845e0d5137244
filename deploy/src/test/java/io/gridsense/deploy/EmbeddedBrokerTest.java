package io.gridsense.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.deploy.broker.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    @Test
    void speaksMqtt5WithSharedSubscriptions(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, 0)) {
            assertThat(EmbeddedBroker.inUse(broker.port())).isTrue();
            BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
            MqttClient sub = new MqttClient(broker.serverUri(), "sub", new MemoryPersistence());
            sub.setCallback(new MqttCallback() {
                @Override public void disconnected(MqttDisconnectResponse r) { }
                @Override public void mqttErrorOccurred(MqttException e) { }
                @Override public void messageArrived(String topic, MqttMessage m) {
                    got.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8));
                }
                @Override public void deliveryComplete(IMqttToken t) { }
                @Override public void connectComplete(boolean reconnect, String uri) { }
                @Override public void authPacketArrived(int reason, MqttProperties p) { }
            });
            sub.connect(new MqttConnectionOptions());
            sub.subscribe("$share/g/t/+", 1);
            MqttClient pub = new MqttClient(broker.serverUri(), "pub", new MemoryPersistence());
            pub.connect(new MqttConnectionOptions());
            pub.publish("t/1", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("t/1=hello");
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
    }
}
