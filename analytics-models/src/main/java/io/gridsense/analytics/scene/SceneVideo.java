package io.gridsense.analytics.scene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders a {@link DemoScene} to an MP4 file, for the demo's looping cameras and for tests. */
public final class SceneVideo {
    private static final Logger LOG = LoggerFactory.getLogger(SceneVideo.class);

    private SceneVideo() {
    }

    /**
     * Writes {@code length} of {@code scene} at {@code fps} to {@code outMp4}. The codec is H.264 when the FFmpeg
     * build has an encoder for it (JavaCV's LGPL build ships it through OpenH264), else MPEG-4 Part 2.
     */
    public static void write(DemoScene scene, long seed, Path outMp4, int width, int height, int fps, Duration length)
            throws IOException {
        if (width <= 0 || height <= 0 || fps <= 0 || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("bad scene video size/fps/length");
        }
        try (SceneRenderer renderer = new SceneRenderer(scene, seed, width, height, length)) {
            record(renderer, outMp4, width, height, fps, length, scene + " seed=" + seed);
        }
    }

    /** Encodes {@code length} of what {@code renderer} draws; used by the demo scenes and the generated sets. */
    static void record(SceneRenderer renderer, Path outMp4, int width, int height, int fps, Duration length, String what)
            throws IOException {
        if (outMp4.getParent() != null) {
            Files.createDirectories(outMp4.getParent());
        }
        int frames = (int) Math.round(length.toMillis() / 1000.0 * fps);
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             Mat mat = new Mat()) {
            FFmpegFrameRecorder recorder = start(outMp4, width, height, fps);
            String codec = recorder.getVideoCodec() == avcodec.AV_CODEC_ID_H264 ? "h264" : "mpeg4";
            try {
                for (int i = 0; i < frames; i++) {
                    renderer.render(i / (double) fps, mat);
                    Frame f = converter.convert(mat);
                    recorder.record(f, avutil.AV_PIX_FMT_BGR24);
                }
                recorder.stop();
            } finally {
                recorder.release();
            }
            LOG.info("scene video written scene={} file={} frames={} codec={}", what, outMp4, frames, codec);
        }
    }

    /**
     * Renders a clip from the command line: {@code SceneVideo SCENE OUT.mp4 [seconds=60] [seed=1] [width=640]
     * [height=360] [fps=10]}, e.g. the demo's looping camera files.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SceneVideo WALKING|GATHERING|FIGHT|EMPTY out.mp4 [seconds] [seed] [width] [height] [fps]");
            System.exit(2);
        }
        DemoScene scene = DemoScene.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        int width = args.length > 4 ? Integer.parseInt(args[4]) : 640;
        int height = args.length > 5 ? Integer.parseInt(args[5]) : 360;
        int fps = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        write(scene, seed, Path.of(args[1]), width, height, fps, Duration.ofSeconds(seconds));
    }

    private static FFmpegFrameRecorder start(Path out, int width, int height, int fps) throws IOException {
        FrameRecorder.Exception h264Failure;
        try {
            return open(out, width, height, fps, avcodec.AV_CODEC_ID_H264);
        } catch (FrameRecorder.Exception e) {
            h264Failure = e;
        }
        // No H.264 encoder in this FFmpeg build: MPEG-4 Part 2 is always there and every player decodes it.
        LOG.info("scene video h264 unavailable fallback=mpeg4 reason={}", h264Failure.getMessage());
        return open(out, width, height, fps, avcodec.AV_CODEC_ID_MPEG4);
    }

    private static FFmpegFrameRecorder open(Path out, int width, int height, int fps, int codec)
            throws FrameRecorder.Exception {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), width, height, 0);
        r.setFormat("mp4");
        r.setVideoCodec(codec);
        r.setFrameRate(fps);
        r.setGopSize(fps * 2);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setVideoBitrate(Math.max(400_000, width * height * fps / 8));
        // One encoder thread: OpenH264's threads share the rate control, so with several the same frames encode
        // differently from run to run, and a seed would no longer name one set of clips.
        r.setVideoOption("threads", "1");
        if (codec == avcodec.AV_CODEC_ID_MPEG4) {
            r.setVideoQuality(3);
        }
        try {
            r.start();
            return r;
        } catch (FrameRecorder.Exception e) {
            r.release();
            throw e;
        }
    }
}
