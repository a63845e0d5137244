package io.gridsense.deploy.bench;

import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import io.gridsense.deploy.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many cameras one box carries: N RTSP streams (640x360 H.264, 25 fps) from a real GStreamer RTSP server
 * on loopback, pulled and analysed at 5 fps by an agent process, quiet and busy scenes; and the agent's
 * decode cost per camera beside {@code ffmpeg -i URL -f null -} on the same kind of stream, side by side, in the same
 * run.
 */
public final class CameraCapacityBenchmark {

    // after the last camera came online: the JIT settles and every camera's motion gate has learnt its background
    private static final int WARM_UP_SECONDS = 20;
    /** Side-by-side decode samples per run, and their length: many short pairs say more than one long one. */
    private static final int DECODE_PAIRS = 4;
    private static final int DECODE_SECONDS = 10;

    private CameraCapacityBenchmark() {
    }

    /** Runs the benchmark; {@code analysisThreads} 0 leaves the agent's default (see AnalysisBudget). */
    public static void run(Path dir, int cameras, int seconds, int runs, int analysisThreads, PrintStream out)
            throws Exception {
        // the clip must outlast start-up (cameras connect one by one, slower on a loaded machine), the warm-up and
        // the measurement: at its end the server ends the stream and the camera reconnects
        int clipSeconds = seconds + WARM_UP_SECONDS + 60;
        out.printf("camera capacity benchmark: %d cameras, 640x360 H.264 25 fps over RTSP (GStreamer, loopback), analysis 5 fps, "
                + "%d s per measurement, %d runs, %d cores, analysis threads %s%n", cameras, seconds, runs,
                Runtime.getRuntime().availableProcessors(), analysisThreads == 0 ? "default" : analysisThreads);
        for (DemoScene scene : new DemoScene[] {DemoScene.EMPTY, DemoScene.WALKING}) {
            Path ts = clip(dir, scene, clipSeconds);
            double[] agentCpu = new double[runs];
            List<ThreadCpu.Breakdown> breakdowns = new ArrayList<>();
            List<DecodeComparison.Pair> decode = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                List<String> mounts = new ArrayList<>();
                for (int i = 0; i < cameras + 2; i++) {
                    mounts.add("cam" + i + "=" + ts + ":h264");
                }
                try (GstRtspServer server = GstRtspServer.start(dir, mounts, null, null)) {
                    // the analysis rate is 5 of the stream's 25 fps: the camera thread converts one picture in five
                    decode.addAll(DecodeComparison.samples(server.url("cam" + cameras, null),
                            server.url("cam" + (cameras + 1), null), DECODE_PAIRS, DECODE_SECONDS, 5));
                    ThreadCpu.Breakdown b = agentProcessCpu(dir, server, cameras, seconds, analysisThreads);
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
            out.printf("  %-22s analysed per camera: %.1f fps (median; min %.1f, max %.1f) of the 5 asked; received %.1f fps, "
                    + "dropped %.2f fps (medians)%n", label, fps.median(), fps.min(), fps.max(),
                    Stats.of(breakdowns.stream().mapToDouble(ThreadCpu.Breakdown::receivedFps).toArray()).median(),
                    Stats.of(breakdowns.stream().mapToDouble(ThreadCpu.Breakdown::droppedFps).toArray()).median());
            out.printf("  %-22s decode per camera, side by side: %s%n", label, DecodeComparison.summary(decode));
            Stats inAgent = Stats.of(breakdowns.stream()
                    .mapToDouble(b -> b.coresByGroup().getOrDefault("decode", 0.0) * 1000 / cameras).toArray());
            out.printf("  %-22s decode per camera inside the %d-camera agent: %.1f ms CPU/s (min %.1f, max %.1f)%n", label,
                    cameras, inAgent.median(), inAgent.min(), inAgent.max());
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

    /** The whole agent as its own process with N cameras, measured once all are online and warm. */
    private static ThreadCpu.Breakdown agentProcessCpu(Path dir, GstRtspServer server, int cameras, int seconds,
                                                       int analysisThreads) throws Exception {
        int httpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            httpPort = free.getLocalPort();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0)) {
            StringBuilder yaml = new StringBuilder()
                    .append("site: bench\nagentId: edge-capacity\ndataDir: ").append(dir.resolve("agent")).append('\n')
                    .append("mqtt:\n  serverUri: ").append(broker.serverUri()).append('\n')
                    .append("hub:\n  url: http://127.0.0.1:9\nhttp:\n  port: ").append(httpPort)
                    .append("\nanalysisFps: 5\nanalysisThreads: ").append(analysisThreads)
                    .append("\nevidence:\n  clips: false\ncameras:\n");
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
                double[] before = {frames(httpPort, "received"), frames(httpPort, "analysed"),
                    frames(httpPort, "dropped")};
                long t0 = System.nanoTime();
                ThreadCpu.Breakdown b = ThreadCpu.measure(agent.pid(), Duration.ofSeconds(seconds));
                double perCameraSecond = (System.nanoTime() - t0) / 1e9 * cameras;
                return b.withRates((frames(httpPort, "received") - before[0]) / perCameraSecond,
                        (frames(httpPort, "analysed") - before[1]) / perCameraSecond,
                        (frames(httpPort, "dropped") - before[2]) / perCameraSecond);
            } finally {
                agent.destroy();
                agent.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** All cameras' frames so far of one kind (received, analysed, dropped), from the agent's Prometheus endpoint. */
    private static double frames(int httpPort, String kind) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^gridsense_camera_frames_" + kind + "_total\\{[^}]*} ([0-9.eE+]+)$")
                .matcher(r.body());
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
}
