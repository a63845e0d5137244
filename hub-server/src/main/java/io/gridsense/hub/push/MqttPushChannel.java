package io.gridsense.hub.push;

import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import io.gridsense.protocol.WorkerPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a push at QoS 1 on {@code gridsense/v1/push/workers/{workerId}} for the gridworker app. */
public final class MqttPushChannel implements PushChannel {

    private static final Logger log = LoggerFactory.getLogger(MqttPushChannel.class);

    /** Sends bytes on a topic; false when it could not (broker away). */
    @FunctionalInterface
    public interface Publisher {
        boolean publish(String topic, byte[] payload);
    }

    private final Publisher publisher;
    private final WireCodec codec;

    public MqttPushChannel(Publisher publisher, WireCodec codec) {
        this.publisher = publisher;
        this.codec = codec;
    }

    @Override
    public void deliver(WorkerPush push) {
        if (!publisher.publish(Topic.workerPush(push.workerId()).path(), codec.encode(push))) {
            log.warn("event=push_mqtt_unsent push={} worker={}", push.pushId(), push.workerId());
        }
    }
}
