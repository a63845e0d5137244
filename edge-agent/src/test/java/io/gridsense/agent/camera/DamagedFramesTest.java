package io.gridsense.agent.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.protocol.GeoPoint;
import java.time.Clock;
import java.time.Duration;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * Pictures the decoder marked damaged (before the first key frame, after a lost packet) are counted but never
 * analysed: the motion gate would learn their grey smear as background and then run the detector for minutes.
 */
class DamagedFramesTest {

    @Test
    void damagedPicturesAreCountedButNotAnalysed() throws Exception {
        CameraConfig camera = new CameraConfig("cam-damaged", "damaged", "scripted", false, new GeoPoint(31.2, 121.4),
                RuleSet.defaults());
        ScriptedSource source = new ScriptedSource(40, 20);
        RecordingListener listener = new RecordingListener();
        CameraWorker w = new CameraWorker(camera, c -> source, CameraPipeline.withDefaults(camera.rules()), listener, 25.0,
                Clock.systemUTC(), PullSettings.defaults().withBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30)));
        w.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (w.stats().framesIn() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // let the analyser finish the last picture it took
        } finally {
            w.stop();
        }
        assertThat(w.stats().framesIn()).isEqualTo(60);
        assertThat(w.stats().framesCorrupt()).isEqualTo(40);
        // only the 20 good pictures were candidates (at 25 fps every one is due while the analyser is free)
        assertThat(w.stats().framesAnalysed()).isBetween(1L, 20L);
        assertThat(listener.tiles.get("cam-damaged")).hasValue(1);
    }

    /** 640x360 pictures at 25 fps: the first {@code damaged} marked corrupt (grey), then {@code good} ones, then the end. */
    private static final class ScriptedSource implements MediaSource {
        private final int damaged;
        private final int good;
        private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        private final Mat grey = new Mat(360, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(128, 128, 128, 0));
        private final Mat scene = new Mat(360, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(40, 90, 160, 0));
        private int served;

        ScriptedSource(int damaged, int good) {
            this.damaged = damaged;
            this.good = good;
        }

        @Override
        public void open() {
        }

        @Override
        public Frame grab() throws java.io.IOException {
            if (served >= damaged + good) {
                return null;
            }
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            return converter.convert(served++ < damaged ? grey : scene);
        }

        @Override
        public StreamInfo info() {
            return new StreamInfo("h264", 640, 360, 25);
        }

        @Override
        public long corruptFrames() {
            return Math.min(served, damaged);
        }

        @Override
        public void close() {
        }
    }
}
