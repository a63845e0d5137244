package io.gridsense.deploy.bench;

import io.gridsense.agent.camera.FfmpegMediaSource;
import io.gridsense.agent.camera.PullSettings;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import io.gridsense.deploy.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many cameras one box carries: N RTSP streams (640x360 H.264, 25 fps) from a real GStreamer RTSP server
 * on loopback, pulled and analysed at 5 fps by an agent process, quiet and busy scenes; and the agent's
 * decode cost per camera beside {@code ffmpeg -i URL -f null -} on the same stream in the same run.
 */
public final class CameraCapacityBenchmark {

    // after the last camera came online: the JIT settles and every camera's motion gate has learnt its background
    private static final int WARM_UP_SECONDS = 20;

    private CameraCapacityBenchmark() {
    }

    public static void run(Path dir, int cameras, int seconds, int runs, PrintStream out) throws Exception {
        // the clip must outlast start-up (cameras connect one by one, slower on a loaded machine), the warm-up and
        // the measurement: at its end the server ends the stream and the camera reconnects
        int clipSeconds = seconds + WARM_UP_SECONDS + 60;
        out.printf("camera capacity benchmark: %d cameras, 640x360 H.264 25 fps over RTSP (GStreamer, loopback), analysis 5 fps, "
                + "%d s per measurement, %d runs, %d cores%n", cameras, seconds, runs, Runtime.getRuntime().availableProcessors());
        for (DemoScene scene : new DemoScene[] {DemoScene.EMPTY, DemoScene.WALKING}) {
            Path ts = clip(dir, scene, clipSeconds);
            double[] agentCpu = new double[runs];
            List<ThreadCpu.Breakdown> breakdowns = new ArrayList<>();
            double[] ffmpegCost = new double[runs];
            double[] decodeCost = new double[runs];
            for (int r = 0; r < runs; r++) {
                List<String> mounts = new ArrayList<>();
                for (int i = 0; i < cameras + 2; i++) {
                    mounts.add("cam" + i + "=" + ts + ":h264");
                }
                try (GstRtspServer server = GstRtspServer.start(dir, mounts, null, null)) {
                    ffmpegCost[r] = ffmpegCpuPerSecond(server.url("cam0", null), seconds);
                    decodeCost[r] = agentDecodeCpuPerSecond(server.url("cam1", null), seconds);
                    ThreadCpu.Breakdown b = agentProcessCpu(dir, server, cameras, seconds);
                    agentCpu[r] = b.machineShare();
                    breakdowns.add(b);
                }
            }
            String label = scene == DemoScene.EMPTY ? "quiet (empty scene)" : "busy (people walking)";
            Stats a = Stats.of(agentCpu);
            out.printf("  %-22s agent, %d cameras: %.0f%% of the machine's CPU (median; min %.0f%%, max %.0f%%)%n", label,
                    cameras, a.median(), a.min(), a.max());
            out.printf("  %-22s where (cores, median): %s%n", label, ThreadCpu.Breakdown.medians(breakdowns));
            Stats fps = Stats.of(breakdowns.stream().mapToDouble(ThreadCpu.Breakdown::analysedFps).toArray());
            out.printf("  %-22s analysed per camera: %.1f fps (median; min %.1f, max %.1f) of the 5 asked%n", label,
                    fps.median(), fps.min(), fps.max());
            Stats f = Stats.of(ffmpegCost);
            Stats d = Stats.of(decodeCost);
            out.printf("  %-22s decode per camera: agent %.1f ms CPU/s (min %.1f, max %.1f), ffmpeg -f null %.1f ms CPU/s "
                    + "(min %.1f, max %.1f), ratio %.2fx%n", label, d.median(), d.min(), d.max(), f.median(), f.min(), f.max(),
                    d.median() / f.median());
        }
    }

    /** An MPEG-TS clip of the scene at 25 fps (rendered, then copied into TS by ffmpeg for the RTSP server). */
    private static Path clip(Path dir, DemoScene scene, int seconds) throws Exception {
        Path ts = dir.resolve(scene.name().toLowerCase() + "-25fps-" + seconds + "s.ts");
        if (Files.exists(ts)) {
            return ts;
        }
        Path mp4 = dir.resolve(scene.name().toLowerCase() + "-25fps.mp4");
        SceneVideo.write(scene, 11, mp4, 640, 360, 25, Duration.ofSeconds(seconds));
        return GstRtspServer.toMpegTs(mp4, ts);
    }

    /** CPU milliseconds per second of video that Debian's ffmpeg spends decoding one stream (its -benchmark line). */
    private static double ffmpegCpuPerSecond(String url, int seconds) throws Exception {
        String out = exec(List.of("ffmpeg", "-nostats", "-benchmark", "-rtsp_transport", "tcp", "-threads", "1", "-i", url,
                "-t", Integer.toString(seconds), "-f", "null", "-"), seconds + 60);
        Matcher m = Pattern.compile("utime=([0-9.]+)s stime=([0-9.]+)s").matcher(out);
        if (!m.find()) {
            throw new IOException("ffmpeg printed no benchmark line: " + out);
        }
        return (Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) * 1000 / seconds;
    }

    /** CPU milliseconds per second of video of the agent's own decode path (FfmpegMediaSource, pictures converted). */
    private static double agentDecodeCpuPerSecond(String url, int seconds) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        long[] cpu = new long[1];
        Thread t = new Thread(() -> {
            try (FfmpegMediaSource src = new FfmpegMediaSource(url, false, PullSettings.defaults())) {
                src.open();
                long c0 = mx.getCurrentThreadCpuTime();
                while (!stop.get() && src.grab() != null) {
                    // decode every frame into a picture, as the agent's decode thread does
                }
                cpu[0] = mx.getCurrentThreadCpuTime() - c0;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "bench-decode");
        t.start();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        t.join();
        return cpu[0] / 1e6 / seconds;
    }

    /** The whole agent as its own process with N cameras, measured once all are online and warm. */
    private static ThreadCpu.Breakdown agentProcessCpu(Path dir, GstRtspServer server, int cameras, int seconds) throws Exception {
        int httpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            httpPort = free.getLocalPort();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0)) {
            StringBuilder yaml = new StringBuilder()
                    .append("site: bench\nagentId: edge-capacity\ndataDir: ").append(dir.resolve("agent")).append('\n')
                    .append("mqtt:\n  serverUri: ").append(broker.serverUri()).append('\n')
                    .append("hub:\n  url: http://127.0.0.1:9\nhttp:\n  port: ").append(httpPort)
                    .append("\nanalysisFps: 5\nevidence:\n  clips: false\ncameras:\n");
            for (int i = 0; i < cameras; i++) {
                yaml.append("  - id: cam-").append(i).append("\n    url: ").append(server.url("cam" + i, null))
                        .append("\n    lat: 30.27\n    lon: 120.15\n");
            }
            Path cfg = dir.resolve("capacity-agent.yaml");
            Files.writeString(cfg, yaml);
            Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-cp", System.getProperty("java.class.path"), "io.gridsense.deploy.Main", "agent", "--config", cfg.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("capacity-agent.log").toFile()).start();
            try {
                awaitCamerasOnline(dir.resolve("capacity-agent.log"), agent, cameras);
                Thread.sleep(WARM_UP_SECONDS * 1000L);
                double analysed0 = framesAnalysed(httpPort);
                long t0 = System.nanoTime();
                ThreadCpu.Breakdown b = ThreadCpu.measure(agent.pid(), Duration.ofSeconds(seconds));
                double perCamera = (framesAnalysed(httpPort) - analysed0) / ((System.nanoTime() - t0) / 1e9) / cameras;
                return b.withAnalysedFps(perCamera);
            } finally {
                agent.destroy();
                agent.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static final Pattern ANALYSED = Pattern.compile("(?m)^gridsense_camera_frames_analysed_total\\{[^}]*} ([0-9.eE+]+)$");

    /** All cameras' analysed frames so far, from the agent's own Prometheus endpoint. */
    private static double framesAnalysed(int httpPort) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Matcher m = ANALYSED.matcher(r.body());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** Waits until the agent's log has said camera_online for every camera (at most two minutes). */
    private static void awaitCamerasOnline(Path log, Process agent, int cameras) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            long online = Files.exists(log)
                    ? Files.readAllLines(log).stream().filter(l -> l.contains("event=camera_online")).count() : 0;
            if (online >= cameras) {
                return;
            }
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                throw new IOException(online + " of " + cameras + " cameras came online; see " + log);
            }
            Thread.sleep(500);
        }
    }

    private static String exec(List<String> cmd, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
