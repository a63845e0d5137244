package io.gridsense.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.agent.evidence.ClipRecorder;
import io.gridsense.agent.evidence.EvidenceSpool;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import io.gridsense.protocol.GeoPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An evidence clip is cut from the buffered packets without re-encoding and plays for about pre + post seconds. */
class ClipRecorderTest {

    @TempDir
    Path dir;

    @Test
    void clipCoversTheDetectionAndLastsPrePlusPost() throws Exception {
        Path video = dir.resolve("fight.mp4");
        SceneVideo.write(DemoScene.FIGHT, 3, video, 640, 360, 10, Duration.ofSeconds(8));
        EvidenceSpool spool = new EvidenceSpool(dir.resolve("spool"), 64L << 20);
        CameraConfig cam = new CameraConfig("cam-1", null, video.toString(), true, new GeoPoint(30, 120), null);
        try (ClipRecorder rec = new ClipRecorder(cam, Duration.ofSeconds(3), Duration.ofSeconds(3), spool, dir.resolve("tmp"), () -> { })) {
            rec.start();
            Thread.sleep(5000); // the file loops in real time: by now 5 s are buffered
            rec.request("alert-1", Instant.now());
            long deadline = System.currentTimeMillis() + 15_000;
            while (spool.pending().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
        }
        List<EvidenceSpool.Item> items = spool.pending();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).name()).isEqualTo("clip.mp4");
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name",
                "-of", "default=noprint_wrappers=1", items.get(0).file().toString()).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("ffprobe: " + out).contains("codec_name=h264");
        double duration = Double.parseDouble(out.replaceAll("(?s).*duration=([0-9.]+).*", "$1"));
        // starts at the keyframe at or before "3 s before" (keyframes every 2 s), ends 3 s after
        assertThat(duration).as("ffprobe: " + out).isBetween(5.0, 8.5);
    }
}
