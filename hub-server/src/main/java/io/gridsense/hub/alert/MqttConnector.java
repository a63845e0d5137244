package io.gridsense.hub.alert;

import io.gridsense.hub.push.MqttPushChannel;
import io.gridsense.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT v5 session. A persistent session (clean start off, session expiry, a client id that stays the
 * same across restarts) keeps QoS 1 alerts queued at the broker while the hub restarts. With a share group,
 * alerts come through a shared subscription so that several hubs split the stream; without one (a single hub)
 * through a plain subscription, because Mosquitto 2.0 does not restore {@code $share} subscriptions from its
 * persistence file: alerts published after a broker restart and before the hub re-subscribes would be dropped.
 * Statuses always come through plain subscriptions (a shared one would not get retained messages).
 * Messages are acknowledged by hand, only after their effects are committed. Paho reconnects by itself with
 * backoff once connected; a first connection that fails is retried here with backoff too.
 * {@link #publisher} makes a second, publish-only session for the push copies (see there why).
 */
public final class MqttConnector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttConnector.class);

    /** Receives one message; a thrown exception leaves it unacknowledged. */
    @FunctionalInterface
    public interface Handler {
        void handle(String topic, byte[] payload);
    }

    /** Takes a message to process later (on another thread) and runs ack once its effects are committed. */
    @FunctionalInterface
    public interface Dispatcher {
        void dispatch(String topic, byte[] payload, Runnable ack);
    }

    /** Paho's reason codes: "Too many publishes in progress", "Client is not connected", "Connect already in progress". */
    private static final int MAX_INFLIGHT = 32202;
    private static final int NOT_CONNECTED = 32104;
    private static final int CONNECT_IN_PROGRESS = 32110;

    /**
     * The most unacknowledged QoS 1 alerts the broker may send us (MQTT 5 Receive Maximum). The hub acknowledges an
     * alert only after its batch committed, so this window bounds its intake to window / (receipt → commit time).
     * Without it Mosquitto applies its {@code max_inflight_messages} (20 by default: ~1,000 alerts/s at 20 ms per
     * transaction, and any slower stretch queues alerts at the broker); a v5 client's Receive Maximum replaces that
     * limit for its own connection. 1,000 keeps the 4 ingest partitions (batches of up to 200) fed while a batch
     * commits; unacknowledged alerts are redelivered after a crash and deduplicated by id, as before.
     */
    static final int RECEIVE_MAXIMUM = 1000;

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    /** False for a publish-only session ({@link #publisher}): it subscribes to nothing. */
    private final boolean subscriber;
    private final String shareGroup;
    private final Dispatcher dispatcher;
    private final Object ackLock = new Object();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hub-mqtt-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile long retryDelayMs = 500;
    /**
     * Our unacknowledged publishes, kept within the broker's Receive Maximum (its CONNACK; Mosquitto's default 20
     * until then) so Paho is never asked to publish into a full window, which costs it a message id for good.
     */
    private final PublishWindow window = new PublishWindow(20);
    /** Runs on Paho's callback thread after a publish freed its slot (the push channel sends its next one). */
    private volatile Runnable slotFreed = () -> { };
    /** Gives a publish's window slot back once Paho completed (PUBACK) or failed it, then tells the publisher. */
    private final MqttActionListener releaseSlot = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            window.release();
            slotFreed.run();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            window.release();
            slotFreed.run();
        }
    };

    public MqttConnector(String serverUri, String clientId, String username, String password, String shareGroup,
                         Duration sessionExpiry, Handler handler) {
        this(serverUri, clientId, username, password, shareGroup, sessionExpiry, (topic, payload, ack) -> {
            handler.handle(topic, payload);
            ack.run();
        });
    }

    /** A connector that hands messages to a dispatcher (e.g. the partitioned {@link IngestQueue}). */
    public MqttConnector(String serverUri, String clientId, String username, String password, String shareGroup,
                         Duration sessionExpiry, Dispatcher dispatcher) {
        this(serverUri, clientId, username, password, shareGroup, sessionExpiry, dispatcher, true);
    }

    /**
     * A session that only publishes: the hub's push copies (about three per new incident, ~3,000 a second at 1,000
     * new incidents a second) go through their own connection, so the alerts' session carries only alerts and
     * their acknowledgements. On one session the copies' completions ran on the Paho callback thread that hands
     * the alerts to the ingest (each completion also publishes the next copy, {@link #onSlotFreed}), Paho's
     * receiver thread waits while that thread's queue is full, and the ingest threads' acknowledgements took the
     * client's state lock in turn with every copy's publish and completion. Each session has its own broker window.
     * A clean start: an unsent copy is not kept across restarts anyway (the pushes table and re-push are what
     * guarantee delivery), so the broker need keep no session for it.
     */
    public static MqttConnector publisher(String serverUri, String clientId, String username, String password) {
        return new MqttConnector(serverUri, clientId, username, password, null, Duration.ZERO,
                (topic, payload, ack) -> ack.run(), false);
    }

    private MqttConnector(String serverUri, String clientId, String username, String password, String shareGroup,
                          Duration sessionExpiry, Dispatcher dispatcher, boolean subscriber) {
        this.subscriber = subscriber;
        this.shareGroup = shareGroup;
        this.dispatcher = dispatcher;
        try {
            this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create MQTT client for " + serverUri + ": " + e.getMessage(), e);
        }
        options = new MqttConnectionOptions();
        options.setCleanStart(!subscriber);
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(RECEIVE_MAXIMUM);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    /** The subscription filters: alerts (shared among the hubs of the group, if there is one), statuses to every hub. */
    public List<MqttSubscription> subscriptions() {
        List<MqttSubscription> subs = new ArrayList<>();
        String alerts = shareGroup == null || shareGroup.isBlank()
                ? Topic.allAlertsFilter()
                : "$share/" + shareGroup + "/" + Topic.allAlertsFilter();
        subs.add(new MqttSubscription(alerts, 1));
        for (String f : Topic.allStatusFilters()) {
            subs.add(new MqttSubscription(f, 1));
        }
        return subs;
    }

    /** Starts connecting; returns at once. The hub serves HTTP while the broker is away. */
    public void start() {
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    retryDelayMs = 500;
                    MqttProperties p = token.getResponseProperties();
                    window.limit(p == null ? null : p.getReceiveMaximum());
                    log.info("event=mqtt_publish_window limit={}", window.limit());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    scheduleRetry(e);
                }
            });
        } catch (MqttException e) {
            scheduleRetry(e);
        }
    }

    private void scheduleRetry(Throwable e) {
        if (closed) {
            return;
        }
        long delay = retryDelayMs;
        retryDelayMs = Math.min(30_000, retryDelayMs * 2);
        log.warn("event=mqtt_connect_failed uri={} retry_ms={} error=\"{}\"", client.getServerURI(), delay, e.getMessage());
        retry.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void subscribe() {
        try {
            client.subscribe(subscriptions().toArray(MqttSubscription[]::new), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    log.info("event=mqtt_subscribed filters={}", subscriptions().size());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    log.warn("event=mqtt_subscribe_failed error=\"{}\"", e.getMessage());
                }
            }, (MqttProperties) null);
        } catch (MqttException e) {
            log.warn("event=mqtt_subscribe_failed error=\"{}\"", e.getMessage());
        }
    }

    /** Publishes without waiting; false when the client is not connected or its publish window is full. */
    public boolean publish(String topic, byte[] payload, int qos) {
        return send(topic, payload, qos) == MqttPushChannel.Send.SENT;
    }

    /**
     * Publishes without waiting and says what happened, so that a caller can keep a message and retry it when the
     * publish window (the broker's receive maximum) is full instead of losing it. A full window is answered here,
     * before Paho is asked: Paho would spend a message id on the refused publish and never give it back
     * ({@link PublishWindow}).
     */
    public MqttPushChannel.Send send(String topic, byte[] payload, int qos) {
        if (!client.isConnected()) {
            return MqttPushChannel.Send.NOT_CONNECTED;
        }
        if (!window.tryAcquire()) {
            return MqttPushChannel.Send.WINDOW_FULL;
        }
        try {
            client.publish(topic, payload, qos, false, null, releaseSlot);
            return MqttPushChannel.Send.SENT;
        } catch (MqttException e) {
            // a refused publish never calls the listener, so its slot is given back here (after the shrink, which
            // counts the others outstanding besides this one)
            if (e.getReasonCode() == MAX_INFLIGHT) {
                int limit = window.shrinkToOutstanding();
                window.release();
                log.warn("event=mqtt_window_shrunk limit={} note=\"Paho's window was full before ours\"", limit);
                return MqttPushChannel.Send.WINDOW_FULL;
            }
            window.release();
            if (e.getReasonCode() == NOT_CONNECTED || e.getReasonCode() == CONNECT_IN_PROGRESS) {
                return MqttPushChannel.Send.NOT_CONNECTED;
            }
            log.warn("event=mqtt_publish_failed topic={} error=\"{}\"", topic, e.getMessage());
            return MqttPushChannel.Send.FAILED;
        }
    }

    /**
     * Waits at most {@code nanos} for a free slot in the publish window (after {@link #send} answered WINDOW_FULL):
     * the slot's PUBACK wakes the caller, which a fixed sleep would leave idle while the window has room.
     */
    public void awaitWindow(long nanos) {
        try {
            window.awaitRoom(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What to run when one of {@link #send}'s publishes completed and freed its window slot; it runs on Paho's
     * callback thread, which on a subscribing session also hands over the alerts, so it must not block (it may
     * call {@link #send}).
     */
    public void onSlotFreed(Runnable hook) {
        slotFreed = hook;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        closed = true;
        retry.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.debug("event=mqtt_disconnect_failed error=\"{}\"", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("event=mqtt_close_failed error=\"{}\"", e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            log.info("event=mqtt_connected uri={} reconnect={} subscriber={}", serverUri, reconnect, subscriber);
            if (subscriber) {
                subscribe(); // the session keeps subscriptions, but a broker that lost it would not: always renew
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("event=mqtt_disconnected reason=\"{}\"", response.getReasonString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            int id = message.getId();
            int qos = message.getQos();
            Runnable ack = () -> {
                if (qos > 0) {
                    // acks come from the ingest threads: one at a time into Paho's client state
                    synchronized (ackLock) {
                        ackOne(topic, id, qos);
                    }
                }
            };
            try {
                dispatcher.dispatch(topic, message.getPayload(), ack);
            } catch (RuntimeException e) {
                // no ack: the broker redelivers after a reconnect; the consumer itself keeps going
                log.error("event=message_failed topic={} mqtt_id={} error=\"{}\"", topic, id, e.toString());
            }
        }

        private void ackOne(String topic, int id, int qos) {
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                log.warn("event=mqtt_ack_failed topic={} mqtt_id={} error=\"{}\"", topic, id, e.getMessage());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            log.warn("event=mqtt_error error=\"{}\"", e.getMessage());
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
