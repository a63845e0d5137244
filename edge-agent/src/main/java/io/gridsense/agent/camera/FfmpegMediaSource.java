package io.gridsense.agent.camera;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A {@link MediaSource} decoded by FFmpeg (through JavaCV): RTSP over TCP (or UDP) with socket timeouts, or a
 * file. A file source can loop forever and is paced to real time, so a recorded clip behaves like a live
 * camera: the demo cameras go through exactly the decode path a real RTSP camera uses.
 */
public final class FfmpegMediaSource implements MediaSource {

    private static final Field PICTURE = pictureField();
    // libavutil/frame.h: AV_FRAME_FLAG_CORRUPT, not mapped by the JavaCPP presets of this FFmpeg version
    private static final int FRAME_FLAG_CORRUPT = 1;

    static {
        // FFmpeg would otherwise print to stderr from native code; our log lines say what matters.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
    }

    private final String url;
    private final boolean loop;
    private final PullSettings settings;
    private FFmpegFrameGrabber grabber;
    private volatile StreamInfo info;
    private long corrupt;
    // real-time pacing of file sources: wall time that corresponds to media time zero of this pass
    private long passStartNanos;
    private long lastMediaMicros;
    private long loopOffsetMicros;

    public FfmpegMediaSource(String url, boolean loop, Duration ioTimeout) {
        this(url, loop, PullSettings.defaults().withIoTimeout(ioTimeout));
    }

    public FfmpegMediaSource(String url, boolean loop, PullSettings settings) {
        this.url = url;
        this.loop = loop;
        this.settings = settings;
    }

    private boolean isFile() {
        return !url.contains("://") || url.startsWith("file:");
    }

    private boolean isRtsp() {
        String low = url.toLowerCase(Locale.ROOT);
        return low.startsWith("rtsp://") || low.startsWith("rtsps://");
    }

    @Override
    public void open() throws IOException {
        String refusal = CameraErrors.unsupportedUrl(url);
        if (refusal != null) {
            throw new IOException(refusal);
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url.startsWith("file:") ? url.substring(5) : url);
        long timeoutMicros = settings.ioTimeout().toNanos() / 1000;
        if (isRtsp()) {
            g.setOption("rtsp_transport", settings.transport().name().toLowerCase(Locale.ROOT));
            // socket I/O timeout in microseconds, for connect, the RTSP dialogue and (TCP or UDP) reads alike:
            // a silent camera or a port that accepts and says nothing is noticed within this time
            g.setOption("timeout", Long.toString(timeoutMicros));
            // analysis needs only the pictures; audio would cost bandwidth and a decoder for nothing
            g.setOption("allowed_media_types", "video");
        } else if (!isFile()) {
            g.setOption("rw_timeout", Long.toString(timeoutMicros));
        }
        if (settings.decodeThreads() > 0) {
            g.setVideoOption("threads", Integer.toString(settings.decodeThreads()));
        }
        long startNanos = System.nanoTime();
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(g);
            String why = CameraErrors.plainWords(e);
            // FFmpeg reports an RTSP reply that never came as "invalid data"; the time it took tells them apart
            if (isRtsp() && why.startsWith("invalid data")
                    && System.nanoTime() - startNanos >= settings.ioTimeout().toNanos() * 9 / 10) {
                why = CameraErrors.TIMED_OUT;
            }
            throw new IOException(why, e);
        }
        if (g.getImageWidth() <= 0) {
            closeQuietly(g);
            throw new IOException("no video stream in " + CameraErrors.redact(url));
        }
        grabber = g;
        info = new StreamInfo(codecName(g), g.getImageWidth(), g.getImageHeight(), g.getFrameRate());
        corrupt = 0;
        passStartNanos = System.nanoTime();
        lastMediaMicros = 0;
        loopOffsetMicros = 0;
    }

    private static String codecName(FFmpegFrameGrabber g) {
        // JavaCV's getVideoCodecName() is null for network streams; FFmpeg's own name for the codec id is not
        BytePointer name = avcodec.avcodec_get_name(g.getVideoCodec());
        return name == null || name.isNull() ? "unknown" : name.getString().toLowerCase(Locale.ROOT);
    }

    @Override
    public Frame grab() throws IOException {
        return grab(true);
    }

    @Override
    public Frame grab(boolean picture) throws IOException {
        if (grabber == null) {
            throw new IOException("source not open");
        }
        Frame f = grabVideo(picture);
        if (f == null && loop && isFile()) {
            // start the next pass where the last one ended so pacing stays continuous
            loopOffsetMicros += lastMediaMicros + Math.round(1_000_000 / Math.max(1, info.fps()));
            lastMediaMicros = 0;
            try {
                grabber.setTimestamp(0);
            } catch (FrameGrabber.Exception e) {
                throw new IOException("cannot rewind " + CameraErrors.redact(url) + ": " + e.getMessage(), e);
            }
            f = grabVideo(picture);
        }
        if (f != null) {
            inspect(f);
            if (isFile()) {
                pace(f.timestamp);
            }
        }
        return f;
    }

    private Frame grabVideo(boolean picture) throws IOException {
        try {
            return grabber.grabFrame(false, true, picture, false, false);
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new IOException(CameraErrors.plainWords(e), e);
        }
    }

    /** Notes a change of picture size (cameras switch resolution on a settings change) and corrupt pictures. */
    private void inspect(Frame f) {
        AVFrame decoded = decodedPicture();
        if (decoded != null) {
            int w = decoded.width();
            int h = decoded.height();
            if (w > 0 && h > 0 && (w != info.width() || h != info.height())) {
                info = new StreamInfo(info.codec(), w, h, info.fps());
            }
            if ((decoded.flags() & FRAME_FLAG_CORRUPT) != 0 || decoded.decode_error_flags() != 0) {
                corrupt++;
            }
        } else if (f.imageWidth > 0 && (f.imageWidth != info.width() || f.imageHeight != info.height())) {
            info = new StreamInfo(info.codec(), f.imageWidth, f.imageHeight, info.fps());
        }
    }

    private AVFrame decodedPicture() {
        if (PICTURE == null) {
            return null;
        }
        try {
            return (AVFrame) PICTURE.get(grabber);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** JavaCV keeps the decoder's output frame private; its flags are the only per-stream sign of corrupt input. */
    private static Field pictureField() {
        try {
            Field f = FFmpegFrameGrabber.class.getDeclaredField("picture");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Sleeps until the wall clock reaches the frame's media time, as a live camera would deliver it. */
    private void pace(long mediaMicros) {
        lastMediaMicros = Math.max(lastMediaMicros, mediaMicros);
        RealTime.sleepUntil(passStartNanos + (loopOffsetMicros + mediaMicros) * 1000);
    }

    @Override
    public StreamInfo info() {
        return info;
    }

    @Override
    public long corruptFrames() {
        return corrupt;
    }

    @Override
    public void close() {
        if (grabber != null) {
            closeQuietly(grabber);
            grabber = null;
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.stop();
            g.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // closing a broken stream may fail again; nothing more to do with it
        }
    }
}
