package io.gridsense.agent.camera;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A {@link MediaSource} decoded by FFmpeg (through JavaCV): RTSP over TCP with socket timeouts, or a
 * file. A file source can loop forever and is paced to real time, so a recorded clip behaves like a live
 * camera: the demo cameras go through exactly the decode path a real RTSP camera uses.
 */
public final class FfmpegMediaSource implements MediaSource {

    static {
        // FFmpeg would otherwise print to stderr from native code; our log lines say what matters.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
    }

    private final String url;
    private final boolean loop;
    private final Duration ioTimeout;
    private FFmpegFrameGrabber grabber;
    private StreamInfo info;
    // real-time pacing of file sources: wall time that corresponds to media time zero of this pass
    private long passStartNanos;
    private long lastMediaMicros;
    private long loopOffsetMicros;

    public FfmpegMediaSource(String url, boolean loop, Duration ioTimeout) {
        this.url = url;
        this.loop = loop;
        this.ioTimeout = ioTimeout;
    }

    private boolean isFile() {
        return !url.contains("://") || url.startsWith("file:");
    }

    @Override
    public void open() throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url.startsWith("file:") ? url.substring(5) : url);
        if (url.startsWith("rtsp://") || url.startsWith("rtsps://")) {
            g.setOption("rtsp_transport", "tcp");
            // socket I/O timeout in microseconds: a silent camera is noticed within this time
            g.setOption("timeout", Long.toString(ioTimeout.toNanos() / 1000));
        } else if (!isFile()) {
            g.setOption("rw_timeout", Long.toString(ioTimeout.toNanos() / 1000));
        }
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(g);
            throw new IOException(CameraErrors.plainWords(e), e);
        }
        if (g.getImageWidth() <= 0) {
            closeQuietly(g);
            throw new IOException("no video stream in " + CameraErrors.redact(url));
        }
        grabber = g;
        info = new StreamInfo(g.getVideoCodecName() == null ? "unknown" : g.getVideoCodecName().toLowerCase(Locale.ROOT),
                g.getImageWidth(), g.getImageHeight(), g.getFrameRate());
        passStartNanos = System.nanoTime();
        lastMediaMicros = 0;
        loopOffsetMicros = 0;
    }

    @Override
    public Frame grab() throws IOException {
        if (grabber == null) {
            throw new IOException("source not open");
        }
        Frame f = grabImage();
        if (f == null && loop && isFile()) {
            // start the next pass where the last one ended so pacing stays continuous
            loopOffsetMicros += lastMediaMicros + Math.round(1_000_000 / Math.max(1, info.fps()));
            lastMediaMicros = 0;
            try {
                grabber.setTimestamp(0);
            } catch (FrameGrabber.Exception e) {
                throw new IOException("cannot rewind " + CameraErrors.redact(url) + ": " + e.getMessage(), e);
            }
            f = grabImage();
        }
        if (f != null && isFile()) {
            pace(f.timestamp);
        }
        return f;
    }

    private Frame grabImage() throws IOException {
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(CameraErrors.plainWords(e), e);
        }
    }

    /** Sleeps until the wall clock reaches the frame's media time, as a live camera would deliver it. */
    private void pace(long mediaMicros) {
        lastMediaMicros = Math.max(lastMediaMicros, mediaMicros);
        long dueNanos = passStartNanos + (loopOffsetMicros + mediaMicros) * 1000;
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public StreamInfo info() {
        return info;
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
