package io.gridsense.agent.camera;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.BehaviorEvent;
import java.time.Duration;
import org.bytedeco.opencv.opencv_core.Mat;

/** What a camera thread tells the rest of the agent: behaviour events, periodic live pictures and its state. */
public interface CameraListener {

    /** A rule fired; {@code frame} is the analysed picture, valid only during the call. */
    void onEvent(CameraConfig camera, BehaviorEvent event, Mat frame);

    /** A fresh picture for the live tile, offered every few seconds; valid only during the call. */
    void onTile(CameraConfig camera, Mat frame);

    /** The camera went online or offline, or its error changed. */
    void onStateChange(CameraConfig camera, CameraStats stats);

    /**
     * The camera has been offline for {@code offlineFor}, at least {@link PullSettings#offlineAlertAfter()}:
     * called once per outage, from the camera's own thread, so a CAMERA_OFFLINE alert can be raised.
     */
    default void onOffline(CameraConfig camera, CameraStats stats, Duration offlineFor) {
    }
}
