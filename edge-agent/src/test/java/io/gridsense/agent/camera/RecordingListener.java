package io.gridsense.agent.camera;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.BehaviorEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.opencv.opencv_core.Mat;

/** Counts what the camera workers report, per camera, for the tests to assert on. */
final class RecordingListener implements CameraListener {

    final Map<String, AtomicInteger> offlineAlerts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> stateChanges = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> tiles = new ConcurrentHashMap<>();

    @Override
    public void onEvent(CameraConfig camera, BehaviorEvent event, Mat frame) {
    }

    @Override
    public void onTile(CameraConfig camera, Mat frame) {
        tiles.computeIfAbsent(camera.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void onStateChange(CameraConfig camera, CameraStats stats) {
        stateChanges.computeIfAbsent(camera.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void onOffline(CameraConfig camera, CameraStats stats, Duration offlineFor) {
        offlineAlerts.computeIfAbsent(camera.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    int offlineAlerts(String id) {
        AtomicInteger n = offlineAlerts.get(id);
        return n == null ? 0 : n.get();
    }
}
