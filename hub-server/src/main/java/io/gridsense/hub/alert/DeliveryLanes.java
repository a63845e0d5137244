package io.gridsense.hub.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the after-commit work of ingest batches (board announcements, push delivery) on one thread per ingest
 * partition. A single delivery thread for the whole hub was the slowest stage of alert → push at 1,000 new
 * incidents a second (every push serialized and written to a WebSocket and queued for MQTT there) while the four
 * ingest threads waited for nothing. A partition's batches always go to the same lane, so one agent's (hence one
 * camera's) announcements and pushes keep their commit order, as with the single thread; work submitted from
 * any other thread goes to lane 0.
 */
public final class DeliveryLanes implements Executor {

    private final List<ExecutorService> lanes = new ArrayList<>();

    public DeliveryLanes(int count) {
        for (int i = 0; i < count; i++) {
            String name = "hub-deliver-" + i;
            lanes.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    @Override
    public void execute(Runnable command) {
        int partition = IngestQueue.currentPartition();
        lanes.get(partition < 0 ? 0 : partition % lanes.size()).execute(command);
    }

    /** Stops taking work and waits up to {@code timeout} for what was committed to be delivered. */
    public void shutdownAndWait(long timeout, TimeUnit unit) throws InterruptedException {
        lanes.forEach(ExecutorService::shutdown);
        long end = System.nanoTime() + unit.toNanos(timeout);
        for (ExecutorService lane : lanes) {
            lane.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
