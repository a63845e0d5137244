package io.gridsense.agent.evidence;

import io.gridsense.agent.camera.CameraErrors;
import io.gridsense.agent.camera.RealTime;
import io.gridsense.agent.config.CameraConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence clips for one camera: reads its main stream's encoded packets without decoding them, keeps the
 * last seconds in a {@link PacketRing}, and when a detection asks, writes the packets from {@code pre}
 * seconds before to {@code post} seconds after it into an MP4 — remuxed, never re-encoded — and hands it to
 * the spool. Runs on its own thread; reconnects with backoff like the analysis stream.
 */
public final class ClipRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClipRecorder.class);

    private final CameraConfig camera;
    private final Duration pre;
    private final Duration post;
    private final EvidenceSpool spool;
    private final Runnable onClip;
    private final Path scratch;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private record Request(String alertId, Instant at) {
    }

    public ClipRecorder(CameraConfig camera, Duration pre, Duration post, EvidenceSpool spool, Path scratch, Runnable onClip) {
        this.camera = camera;
        this.pre = pre;
        this.post = post;
        this.spool = spool;
        this.scratch = scratch;
        this.onClip = onClip;
        this.thread = new Thread(this::run, "clips-" + camera.id());
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks for a clip around {@code at}; it is written {@code post} seconds later. */
    public void request(String alertId, Instant at) {
        requests.add(new Request(alertId, at));
    }

    private void run() {
        long backoff = 1000;
        while (running) {
            try {
                readUntilFailure();
                backoff = 1000;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("event=clip_stream_error camera={} error=\"{}\" retry_in_ms={}", camera.id(),
                        CameraErrors.redact(String.valueOf(e.getMessage())), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private void readUntilFailure() throws IOException {
        String url = camera.evidenceUrl();
        if (io.gridsense.agent.onvif.OnvifResolver.isOnvif(url)) {
            // an onvif:// main stream: ask the camera for its current RTSP address on every (re)connect
            url = new io.gridsense.agent.onvif.OnvifResolver(Duration.ofSeconds(5), java.time.Clock.systemUTC()).resolve(url);
        }
        boolean file = !url.contains("://") || url.startsWith("file:");
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url.startsWith("file:") ? url.substring(5) : url);
        if (url.startsWith("rtsp")) {
            g.setOption("rtsp_transport", "tcp");
            g.setOption("timeout", "5000000");
        }
        try (PacketRing ring = new PacketRing(pre.plus(post).plusSeconds(4).toMillis())) {
            g.start();
            AVFormatContext fmt = g.getFormatContext();
            int video = videoStream(fmt);
            if (video < 0) {
                throw new IOException("no video stream in the main stream");
            }
            AVStream st = fmt.streams(video);
            double tb = avutil.av_q2d(st.time_base());
            long start = System.nanoTime();
            long offset = 0;
            long lastPts = Long.MIN_VALUE;
            long step = 1;
            while (running) {
                AVPacket pkt = g.grabPacket();
                if (pkt == null) {
                    if (!file || !camera.loop()) {
                        throw new IOException("end of stream");
                    }
                    // a looping demo file: continue the timeline where this pass ended
                    offset = lastPts + step;
                    g.setTimestamp(0);
                    continue;
                }
                if (pkt.stream_index() != video || pkt.pts() == avutil.AV_NOPTS_VALUE) {
                    continue;
                }
                long pts = pkt.pts() + offset;
                if (lastPts != Long.MIN_VALUE && pts > lastPts) {
                    step = Math.max(1, Math.min(step == 1 ? pts - lastPts : step, pts - lastPts));
                }
                lastPts = Math.max(lastPts, pts);
                if (file) {
                    RealTime.sleepUntil(start + (long) (pts * tb * 1e9));
                }
                long dts = pkt.dts() == avutil.AV_NOPTS_VALUE ? pts : pkt.dts() + offset;
                pkt.pts(pts);
                pkt.dts(dts);
                ring.add(pkt, System.currentTimeMillis(), (pkt.flags() & avcodec.AV_PKT_FLAG_KEY) != 0);
                cutDueClips(g, ring);
            }
        } catch (FrameGrabber.Exception e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            try {
                g.stop();
                g.release();
            } catch (FrameGrabber.Exception ignored) {
                // closing a broken stream may fail again
            }
        }
    }

    private void cutDueClips(FFmpegFrameGrabber g, PacketRing ring) {
        long now = System.currentTimeMillis();
        for (Request r : requests) {
            long due = r.at().plus(post).toEpochMilli();
            if (now < due) {
                continue;
            }
            requests.remove(r);
            List<PacketRing.Entry> packets = ring.slice(r.at().minus(pre).toEpochMilli(), due);
            if (packets.isEmpty()) {
                log.warn("event=clip_empty camera={} alert={} reason=\"no packets buffered for that time\"", camera.id(), r.alertId());
                continue;
            }
            try {
                byte[] mp4 = remux(g, packets);
                if (spool.put(r.alertId(), "clip.mp4", mp4)) {
                    log.info("event=clip_recorded camera={} alert={} packets={} bytes={}", camera.id(), r.alertId(),
                            packets.size(), mp4.length);
                    onClip.run();
                }
            } catch (IOException e) {
                log.warn("event=clip_failed camera={} alert={} reason=\"{}\"", camera.id(), r.alertId(), e.getMessage());
            }
        }
    }

    /** Writes the packets into an MP4 with the input's stream parameters, timestamps starting at zero. */
    private byte[] remux(FFmpegFrameGrabber g, List<PacketRing.Entry> packets) throws IOException {
        Files.createDirectories(scratch);
        Path tmp = Files.createTempFile(scratch, camera.id() + "-", ".mp4");
        long base = packets.get(0).packet().dts();
        FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toString(), g.getImageWidth(), g.getImageHeight(), 0);
        rec.setFormat("mp4");
        AVPacket work = avcodec.av_packet_alloc();
        try {
            rec.start(g.getFormatContext());
            for (PacketRing.Entry e : packets) {
                avcodec.av_packet_ref(work, e.packet());
                work.pts(work.pts() - base);
                work.dts(work.dts() - base);
                rec.recordPacket(work);
                avcodec.av_packet_unref(work);
            }
            rec.stop();
            return Files.readAllBytes(tmp);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot write the clip: " + e.getMessage(), e);
        } finally {
            avcodec.av_packet_free(work);
            try {
                rec.release();
            } catch (FFmpegFrameRecorder.Exception ignored) {
                // already stopped
            }
            Files.deleteIfExists(tmp);
        }
    }

    private static int videoStream(AVFormatContext fmt) {
        for (int i = 0; i < fmt.nb_streams(); i++) {
            if (fmt.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return i;
            }
        }
        return -1;
    }


    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
