package io.gridsense.deploy.demo;

import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo cameras' footage: each scene rendered once to an MP4 under the data folder and then played in a
 * loop through FFmpeg, exactly as a camera's stream is decoded.
 */
public final class DemoScenes {

    private static final Logger log = LoggerFactory.getLogger(DemoScenes.class);
    /** Bump when the renderer changes so old clips are rendered again. */
    private static final String VERSION = "1";

    static {
        // the encoder's informational chatter (stream dumps, rate-control notes) is not the user's concern
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private DemoScenes() {
    }

    /** Renders any missing clip of {@code length} into {@code folder} and returns each scene's file. */
    public static Map<DemoScene, Path> ensure(Path folder, Duration length) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("v" + VERSION + "-" + length.toSeconds() + "s"));
        Map<DemoScene, Path> files = new EnumMap<>(DemoScene.class);
        long seed = 20261125;
        for (DemoScene scene : DemoScene.values()) {
            Path file = dir.resolve(scene.name().toLowerCase() + ".mp4");
            if (!Files.exists(file)) {
                long t0 = System.nanoTime();
                Path tmp = dir.resolve(scene.name().toLowerCase() + ".tmp.mp4");
                SceneVideo.write(scene, seed + scene.ordinal(), tmp, 640, 360, 10, length);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                log.info("event=scene_rendered scene={} file={} ms={}", scene, file, (System.nanoTime() - t0) / 1_000_000);
            }
            files.put(scene, file);
        }
        return files;
    }
}
