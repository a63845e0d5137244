package io.gridsense.hub.push;

import io.gridsense.protocol.WorkerPush;

/** One way of reaching a worker's phone (WebSocket, MQTT); delivery is best effort, the pushes table is the record. */
public interface PushChannel {
    void deliver(WorkerPush push);
}
