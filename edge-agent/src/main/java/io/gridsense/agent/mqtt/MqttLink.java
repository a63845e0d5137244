package io.gridsense.agent.mqtt;

import io.gridsense.agent.config.AgentConfig;
import io.gridsense.protocol.AgentStatus;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's MQTT 5 session (Eclipse Paho): a clean session on every connect (the durable outbox, not the
 * broker session, holds what is undelivered), a last will that marks the agent offline
 * on its retained status topic, reconnect with backoff — including when the broker is down at start,
 * which Paho's automatic reconnect does not cover.
 */
public final class MqttLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

    private final AgentConfig config;
    private final WireCodec codec;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private volatile boolean closed;
    private final Thread connector;
    private volatile String subscription;
    private volatile String lastError;
    private volatile BiConsumer<String, byte[]> onMessage = (t, p) -> { };

    public MqttLink(AgentConfig config, WireCodec codec, AgentStatus offlineWill) throws MqttException {
        this.config = config;
        this.codec = codec;
        String clientId = config.mqtt().clientId() != null ? config.mqtt().clientId()
                : "gridsense-agent-" + config.site() + "-" + config.agentId();
        this.client = new MqttAsyncClient(config.mqtt().serverUri(), clientId, new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        // Clean start on purpose: with a resumed session, Paho 1.2.5 resends its in-flight QoS 1 publishes in a way
        // Mosquitto 2 rejects ("protocol error"), and the agent then reconnects and is thrown out forever (seen in
        // AlertsNeverLostTest). The outbox republishes every unacknowledged alert itself and the hub is
        // idempotent on alert ids, so a broker-side session adds nothing but that failure. Commands sent while
        // the agent is away are not queued for it; the hub sees no reply and may send them again.
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(20);
        options.setConnectionTimeout(10);
        if (config.mqtt().username() != null) {
            options.setUserName(config.mqtt().username());
        }
        if (config.mqtt().password() != null) {
            options.setPassword(config.mqtt().password().getBytes(StandardCharsets.UTF_8));
        }
        if (config.mqtt().caFile() != null) {
            options.setSocketFactory(TlsTrust.socketFactory(config.mqtt().caFile()));
        }
        options.setHttpsHostnameVerificationEnabled(true);
        MqttMessage will = new MqttMessage(codec.encode(offlineWill), 1, true, null);
        options.setWill(Topic.agentStatus(config.site(), config.agentId()).path(), will);
        client.setCallback(new Callback());
        this.connector = new Thread(this::connectUntilUp, "mqtt-connect");
        connector.setDaemon(true);
    }

    /** Subscribes (QoS 1) to one topic on every (re)connection and hands its messages to {@code handler}. */
    public void subscribe(String topic, BiConsumer<String, byte[]> handler) {
        this.subscription = topic;
        this.onMessage = handler;
    }

    /** Starts connecting in the background; publishers wait for {@link #isConnected()}. */
    public void start() {
        connector.start();
    }

    private void connectUntilUp() {
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            try {
                client.connect(options).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                lastError = reason(e);
                log.warn("event=mqtt_connect_failed broker={} reason=\"{}\" retry_in_ms={}", config.mqtt().serverUri(),
                        lastError, backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis() + ThreadLocalRandom.current().nextLong(250));
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
    }

    /** Plain words for the usual connect failures. */
    public static String reason(MqttException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof javax.net.ssl.SSLHandshakeException || cause instanceof java.security.cert.CertificateException) {
                return "TLS handshake failed: the broker's certificate is not signed by the trusted CA or does not name this host"
                        + " (check mqtt.caFile and the host in mqtt.serverUri): " + cause.getMessage();
            }
            cause = cause.getCause();
        }
        return switch (e.getReasonCode()) {
            case 134, 135, 4, 5 -> "not authorised: check the MQTT user name and password";
            case 32103 -> "connection refused: no broker listens at that address";
            case 32000 -> "timed out waiting for the broker";
            default -> e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : "");
        };
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** The last connection failure in plain words, or null when none happened since the last connect. */
    public String lastError() {
        return client.isConnected() ? null : lastError;
    }

    /** Publishes and waits for the broker's acknowledgement (QoS 1); throws when it did not come. */
    public void publishAndWait(String topic, byte[] payload, boolean retained, long timeoutMillis) throws MqttException {
        IMqttToken token = client.publish(topic, payload, 1, retained);
        token.waitForCompletion(timeoutMillis);
    }

    /** Publishes without waiting, when connected; for periodic status that the next period repeats. */
    public void publishIfConnected(String topic, Object message, boolean retained) {
        if (!client.isConnected()) {
            return;
        }
        try {
            client.publish(topic, codec.encode(message), 1, retained);
        } catch (MqttException e) {
            log.debug("event=mqtt_publish_skipped topic={} reason=\"{}\"", topic, e.getMessage());
        }
    }

    /** Logs connection changes and (re)subscribes on every connect; delivery of commands never throws here. */
    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed) {
                lastError = response.getException() != null ? reason(response.getException()) : response.getReasonString();
                log.warn("event=mqtt_disconnected broker={} reason=\"{}\"", config.mqtt().serverUri(),
                        response.getException() != null ? reason(response.getException()) : response.getReasonString());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("event=mqtt_error reason=\"{}\"", reason(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                onMessage.accept(topic, message.getPayload());
            } catch (RuntimeException e) {
                log.error("event=mqtt_message_handler_failed topic={} reason=\"{}\"", topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // QoS 1 completion is awaited by the publisher itself
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            lastError = null;
            log.info("event=mqtt_connected broker={} agent={} reconnect={}", serverURI, config.agentId(), reconnect);
            String topic = subscription;
            if (topic != null) {
                try {
                    client.subscribe(topic, 1);
                } catch (MqttException e) {
                    log.warn("event=mqtt_subscribe_failed topic={} reason=\"{}\"", topic, reason(e));
                }
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5000);
            }
        } catch (MqttException e) {
            log.debug("event=mqtt_disconnect_failed reason=\"{}\"", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("event=mqtt_close_failed reason=\"{}\"", e.getMessage());
        }
    }
}
