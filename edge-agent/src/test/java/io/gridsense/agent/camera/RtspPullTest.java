package io.gridsense.agent.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.protocol.GeoPoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RTSP pull against GStreamer's real RTSP server: outages, auth, codecs and bad inputs. */
class RtspPullTest {

    @TempDir
    static Path clipsDir;
    static TestClips clips;

    private final RecordingListener listener = new RecordingListener();
    private final List<CameraWorker> workers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final PullSettings fast = PullSettings.defaults().withIoTimeout(Duration.ofSeconds(2))
            .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(4))
            .withOfflineAlertAfter(Duration.ofSeconds(1));

    @BeforeAll
    static void makeClips() {
        clips = new TestClips(clipsDir);
    }

    @AfterEach
    void stopAll() throws Exception {
        workers.forEach(CameraWorker::stop);
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private CameraWorker camera(String id, String url, PullSettings settings, AtomicInteger opens) {
        CameraConfig c = new CameraConfig(id, id, url, false, new GeoPoint(31.2, 121.4), RuleSet.defaults());
        CameraWorker w = new CameraWorker(c, cfg -> {
            opens.incrementAndGet();
            return new FfmpegMediaSource(cfg.url(), false, settings);
        }, CameraPipeline.withDefaults(c.rules()), listener, 1.0, Clock.systemUTC(), settings);
        workers.add(w);
        w.start();
        return w;
    }

    private CameraWorker camera(String id, String url) {
        return camera(id, url, fast, new AtomicInteger());
    }

    @Test
    void serverKilledAndRestartedCamerasComeBackWhileOthersNeverPause() throws Exception {
        Map<String, String> mountsA = new LinkedHashMap<>();
        mountsA.put("h264", clips.pattern("h264", 640, 360, 25, 40) + ":h264");
        mountsA.put("h265", clips.pattern("h265", 640, 360, 25, 40) + ":h265");
        RtspServerProcess a = RtspServerProcess.start(mountsA, null, null);
        closeables.add(a);
        RtspServerProcess b = RtspServerProcess.start(Map.of("steady", clips.pattern("h264", 640, 360, 25, 40) + ":h264"), null, null);
        closeables.add(b);

        CameraWorker c264 = camera("cam264", a.url("h264"));
        CameraWorker c265 = camera("cam265", a.url("h265"));
        CameraWorker steady = camera("steady", b.url("steady"));
        await(Duration.ofSeconds(20), () -> c264.stats().framesIn() > 25 && c265.stats().framesIn() > 25 && steady.stats().framesIn() > 25);
        assertThat(c264.stats().stream().codec()).isEqualTo("h264");
        assertThat(c265.stats().stream().codec()).isEqualTo("hevc");
        assertThat(c264.stats().stream().width()).isEqualTo(640);

        FrameWatch watch = new FrameWatch(steady.stats());
        watch.start();
        long killedAt = System.nanoTime();
        a.kill();
        await(Duration.ofSeconds(4), () -> !c264.stats().online() && !c265.stats().online());
        long offlineMillis = (System.nanoTime() - killedAt) / 1_000_000;
        await(Duration.ofSeconds(4), () -> listener.offlineAlerts("cam264") == 1 && listener.offlineAlerts("cam265") == 1);
        assertThat(c264.stats().lastError()).isNotBlank();

        a.start();
        long restartedAt = System.nanoTime();
        await(Duration.ofSeconds(15), () -> c264.stats().online() && c265.stats().online());
        long back = c264.stats().framesIn();
        await(Duration.ofSeconds(10), () -> c264.stats().framesIn() > back + 25 && c265.stats().framesIn() > 25);
        long reconnectMillis = (System.nanoTime() - restartedAt) / 1_000_000;
        watch.stop();

        assertThat(c264.stats().reconnects()).isGreaterThanOrEqualTo(1);
        assertThat(offlineMillis).isLessThan(4000);
        // the steady camera, on another server, never paused while its neighbours failed and reconnected
        assertThat(watch.longestGapMillis()).isLessThan(1000);
        System.out.printf("rtsp_restart offline_after_ms=%d reconnect_ms=%d steady_longest_gap_ms=%d%n",
                offlineMillis, reconnectMillis, watch.longestGapMillis());
    }

    @Test
    void wrongPasswordGivesPlainWordsAndNoCrashLoop() throws Exception {
        RtspServerProcess s = RtspServerProcess.start(Map.of("cam", clips.pattern("h264", 640, 360, 25, 30) + ":h264"),
                "admin", "right-one");
        closeables.add(s);
        AtomicInteger opens = new AtomicInteger();
        CameraWorker bad = camera("badpass", s.url("cam", "admin", "wrong-one"), fast, opens);
        CameraWorker good = camera("goodpass", s.url("cam", "admin", "right-one"));
        await(Duration.ofSeconds(10), () -> bad.stats().lastError() != null && good.stats().framesIn() > 10);
        assertThat(bad.stats().lastError()).isEqualTo(CameraErrors.UNAUTHORIZED);
        assertThat(bad.stats().online()).isFalse();
        Thread.sleep(3000);
        // backed off for the auth pause (4 s here), not hammering the camera every 250 ms
        assertThat(opens.get()).isLessThanOrEqualTo(2);
        assertThat(bad.stats().lastError()).doesNotContain("wrong-one");
    }

    @Test
    void badInputsEachGetAStatusAndNothingElseStalls() throws Exception {
        Map<String, String> mounts = new LinkedHashMap<>();
        mounts.put("good", clips.pattern("h264", 640, 360, 25, 30) + ":h264");
        mounts.put("switch", clips.resolutionSwitch(12) + ":h264");
        mounts.put("corrupt", clips.corrupt(30) + ":h264");
        mounts.put("onefps", clips.pattern("h264", 640, 360, 1, 30) + ":h264");
        RtspServerProcess s = RtspServerProcess.start(mounts, null, null);
        closeables.add(s);
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closeables.add(silent);
        // the acceptor thread adds to it while the test ends: a list safe to iterate meanwhile
        List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (!silent.isClosed()) {
                    held.add(silent.accept()); // accept and then say nothing
                }
            } catch (java.io.IOException ignored) {
                // closed at the end of the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        int closedPort = RtspServerProcess.freePort();

        CameraWorker good = camera("good", s.url("good"));
        CameraWorker notRtsp = camera("notrtsp", "ftp://user:pw@127.0.0.1/cam");
        CameraWorker quiet = camera("quiet", "rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam");
        CameraWorker refused = camera("refused", "rtsp://127.0.0.1:" + closedPort + "/cam");
        CameraWorker missing = camera("missing", s.url("nosuchpath"));
        CameraWorker sw = camera("switch", s.url("switch"));
        CameraWorker corrupt = camera("corrupt", s.url("corrupt"));
        CameraWorker oneFps = camera("onefps", s.url("onefps"));
        await(Duration.ofSeconds(5), () -> good.stats().framesIn() > 10);
        FrameWatch watch = new FrameWatch(good.stats());
        watch.start();

        await(Duration.ofSeconds(12), () -> quiet.stats().lastError() != null && sw.stats().stream() != null
                && sw.stats().stream().width() == 320 && oneFps.stats().framesIn() >= 5);
        watch.stop();
        assertThat(notRtsp.stats().lastError()).startsWith("not an RTSP URL");
        assertThat(quiet.stats().lastError()).startsWith("timed out");
        assertThat(refused.stats().lastError()).startsWith("connection refused");
        assertThat(missing.stats().lastError()).startsWith("404 Not Found");
        assertThat(sw.stats().online()).isTrue();
        assertThat(corrupt.stats().online()).isTrue();
        assertThat(corrupt.stats().framesIn()).isGreaterThan(50);
        assertThat(oneFps.stats().online()).isTrue();
        assertThat(oneFps.stats().lastError()).isNull();
        assertThat(watch.longestGapMillis()).isLessThan(1000);
        System.out.printf("rtsp_bad_inputs corrupt_frames=%d corrupt_decoded=%d onefps_frames=%d good_longest_gap_ms=%d%n",
                corrupt.stats().framesCorrupt(), corrupt.stats().framesIn(), oneFps.stats().framesIn(), watch.longestGapMillis());
        for (Socket h : held) {
            h.close();
        }
    }

    @Test
    void udpTransportPullsToo() throws Exception {
        RtspServerProcess s = RtspServerProcess.start(Map.of("cam", clips.pattern("h264", 640, 360, 25, 30) + ":h264"), null, null);
        closeables.add(s);
        CameraWorker udp = camera("udp", s.url("cam"), fast.withTransport(PullSettings.Transport.UDP), new AtomicInteger());
        await(Duration.ofSeconds(10), () -> udp.stats().framesIn() > 25);
        assertThat(udp.stats().online()).isTrue();
    }

    @Test
    void aQuickAnalyserIsGivenEveryPictureDueAtTheConfiguredRate() throws Exception {
        CameraWorker w = pulledAt5Fps("rate", RuleSet.defaults(), CameraPipeline.withDefaults(RuleSet.defaults()),
                320, 180);
        long analysed0 = w.stats().framesAnalysed();
        long dropped0 = w.stats().framesDropped();
        long t0 = System.nanoTime();
        Thread.sleep(10_000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = (w.stats().framesAnalysed() - analysed0) / seconds;
        long dropped = w.stats().framesDropped() - dropped0;
        System.out.printf("analysis_rate asked=5.0 analysed=%.2f dropped=%d%n", rate, dropped);
        // a quick analyser: nothing is due while it is busy, so nothing is dropped but for a hiccup of the shared
        // 2-core machine now and then (0-2 seen); before the slot was judged at the right moment, ~7 % of the due
        // pictures were (3-4 of 50: 4.6 fps of 5). A quarter-size pattern keeps the analysis quick: at 640x360 the
        // whole pipeline on a moving pattern took long enough on a slower machine to drop 4-6 of 50.
        assertThat(dropped).isLessThanOrEqualTo(2);
        // 50 pictures are due in the 10 s window, give or take the one at either edge; the two hiccups allowed above
        // leave 47 (4.7 fps; a 4.8 bound failed once at 48 pictures in 10.0001 s). The fault this guards against
        // analysed 4.6 fps.
        assertThat(rate).isBetween(4.7, 5.2);
    }

    @Test
    void inBetweenPicturesReachTheFightStageWhileItAsks() throws Exception {
        // the clip-verdict pipeline measures any moving scene (a live one only close people or motion blobs), and a
        // test pattern moves everywhere: its fight stage asks for every in-between picture. An in-between picture is
        // skipped when the analysis is still busy with the last one; at 640x360 the whole-frame measure of a test
        // pattern takes long enough on a loaded 2-core machine for that to happen (2.5 a second seen), and this test
        // is about the hand-over, not the machine's speed: a quarter-size pattern keeps the analysis short.
        RuleSet fightOnly = new RuleSet(null, RuleSet.defaults().fight());
        CameraPipeline pipeline = CameraPipeline.forClipVerdicts(fightOnly);
        CameraWorker w = pulledAt5Fps("between", fightOnly, pipeline, 320, 180);
        long analysed0 = w.stats().framesAnalysed();
        long between0 = w.stats().framesBetween();
        long t0 = System.nanoTime();
        Thread.sleep(6_000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double analysed = (w.stats().framesAnalysed() - analysed0) / seconds;
        double between = (w.stats().framesBetween() - between0) / seconds;
        System.out.printf("between_rate analysed=%.2f between=%.2f%n", analysed, between);
        assertThat(analysed).as("analysed pictures a second").isBetween(4.5, 5.2);
        assertThat(between).as("in-between pictures a second").isBetween(3.5, 5.2);
        workers.remove(w);
        w.stop(); // the pipeline's own count is read once its thread has ended
        assertThat(w.stats().framesBetween()).as("what /metrics counts is what the pipeline measured")
                .isEqualTo(pipeline.betweenFramesMeasured());
    }

    /** A camera pulling a 25 fps test pattern from a fresh GStreamer server, analysed at 5 fps, once it is warm. */
    private CameraWorker pulledAt5Fps(String id, RuleSet rules, CameraPipeline pipeline, int width, int height)
            throws Exception {
        RtspServerProcess s = RtspServerProcess.start(Map.of("cam", clips.pattern("h264", width, height, 25, 30) + ":h264"),
                null, null);
        closeables.add(s);
        CameraConfig c = new CameraConfig(id, id, s.url("cam"), false, new GeoPoint(31.2, 121.4), rules);
        CameraWorker w = new CameraWorker(c, cfg -> new FfmpegMediaSource(cfg.url(), false, fast),
                pipeline, listener, 5.0, Clock.systemUTC(), fast);
        workers.add(w);
        w.start();
        await(Duration.ofSeconds(15), () -> w.stats().framesAnalysed() > 10);
        return w;
    }

    static void await(Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(50);
        }
    }

    /** Samples a camera's frame count every 50 ms and keeps the longest time it stood still. */
    static final class FrameWatch {
        private final CameraStats stats;
        private volatile boolean running = true;
        private volatile long longestGapMillis;
        private Thread thread;

        FrameWatch(CameraStats stats) {
            this.stats = stats;
        }

        void start() {
            thread = new Thread(() -> {
                long last = stats.framesIn();
                long since = System.nanoTime();
                while (running) {
                    long now = stats.framesIn();
                    long t = System.nanoTime();
                    if (now != last) {
                        last = now;
                        since = t;
                    }
                    longestGapMillis = Math.max(longestGapMillis, (t - since) / 1_000_000);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long longestGapMillis() {
            return longestGapMillis;
        }
    }
}
