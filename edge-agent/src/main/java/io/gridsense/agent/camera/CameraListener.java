package io.gridsense.agent.camera;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.BehaviorEvent;
import org.bytedeco.opencv.opencv_core.Mat;

/** What a camera thread tells the rest of the agent: behaviour events and periodic live pictures. */
public interface CameraListener {

    /** A rule fired; {@code frame} is the analysed picture, valid only during the call. */
    void onEvent(CameraConfig camera, BehaviorEvent event, Mat frame);

    /** A fresh picture for the live tile, offered every few seconds; valid only during the call. */
    void onTile(CameraConfig camera, Mat frame);

    /** The camera went online or offline. */
    void onStateChange(CameraConfig camera, CameraStats stats);
}
