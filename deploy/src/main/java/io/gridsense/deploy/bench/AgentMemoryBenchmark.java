package io.gridsense.deploy.bench;

import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.deploy.broker.EmbeddedBroker;
import io.gridsense.deploy.demo.DemoScenes;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resident memory and CPU of an agent process with N cameras: the agent runs as its own process
 * ({@code gridsense agent}) on the rendered demo clips, looped in real time at 640x360, 10 fps, with
 * analysis, evidence clips and MQTT on; RSS is sampled from /proc every two seconds after a warm-up.
 */
public final class AgentMemoryBenchmark {

    private AgentMemoryBenchmark() {
    }

    public static void run(Path dir, int cameras, int seconds, PrintStream out) throws Exception {
        Map<DemoScene, Path> clips = DemoScenes.ensure(dir.resolve("scenes"), Duration.ofSeconds(60));
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0)) {
            StringBuilder yaml = new StringBuilder()
                    .append("site: bench\nagentId: edge-bench\ndataDir: ").append(dir.resolve("agent")).append('\n')
                    .append("mqtt:\n  serverUri: ").append(broker.serverUri()).append('\n')
                    .append("hub:\n  url: http://127.0.0.1:9\nhttp:\n  port: 0\nanalysisFps: 4\ncameras:\n");
            DemoScene[] scenes = DemoScene.values();
            for (int i = 0; i < cameras; i++) {
                yaml.append("  - id: cam-").append(i).append("\n    url: ").append(clips.get(scenes[i % scenes.length]))
                        .append("\n    loop: true\n    lat: 30.27\n    lon: 120.15\n");
            }
            Path cfg = dir.resolve("agent.yaml");
            Files.writeString(cfg, yaml);
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-cp", System.getProperty("java.class.path"), "io.gridsense.deploy.Main", "agent", "--config", cfg.toString());
            Process agent = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
            try {
                out.printf("agent memory benchmark: %d cameras (640x360, 10 fps in, 4 fps analysed), %d s after a 20 s warm-up, pid %d%n",
                        cameras, seconds, agent.pid());
                Thread.sleep(20_000);
                long cpu0 = cpuTicks(agent.pid());
                long t0 = System.nanoTime();
                List<Double> rss = new ArrayList<>();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < end && agent.isAlive()) {
                    rss.add(rssMiB(agent.pid()));
                    Thread.sleep(2000);
                }
                if (!agent.isAlive()) {
                    throw new IllegalStateException("the agent exited; see " + dir.resolve("agent.log"));
                }
                double cores = (cpuTicks(agent.pid()) - cpu0) / 100.0 / ((System.nanoTime() - t0) / 1e9);
                Stats s = Stats.of(rss.stream().mapToDouble(Double::doubleValue).toArray());
                out.printf("  RSS: %s%n", s.format("MiB").replace("runs", "samples"));
                out.printf("  CPU: %.2f cores on average (of %d)%n", cores, Runtime.getRuntime().availableProcessors());
            } finally {
                agent.destroy();
                agent.waitFor();
            }
        }
    }

    private static double rssMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    /** utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
