package io.gridsense.deploy.cli;

import io.gridsense.deploy.bench.AgentMemoryBenchmark;
import io.gridsense.deploy.bench.CameraCapacityBenchmark;
import io.gridsense.deploy.bench.OutboxBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense bench}: the edge agent's benchmarks (see docs/benchmarks.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark and prints median and spread (docs/benchmarks.md explains each).",
        subcommands = {BenchCommand.Outbox.class, BenchCommand.AgentMemory.class, BenchCommand.Cameras.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Durable outbox appends per second against an fsync-per-append peer. */
    @Command(name = "outbox", mixinStandardHelpOptions = true,
            description = "Durable appends/s into the agent's outbox (1 and 16 threads) beside fsync-per-append.")
    static final class Outbox implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "./data/bench", description = "a folder on the disk to measure; default ${DEFAULT-VALUE}")
        Path dir;

        @Option(names = "--seconds", defaultValue = "5", description = "seconds per run; default ${DEFAULT-VALUE}")
        double seconds;

        @Option(names = "--runs", defaultValue = "5", description = "runs per case; default ${DEFAULT-VALUE}")
        int runs;

        @Override
        public Integer call() throws Exception {
            OutboxBenchmark.run(Files.createDirectories(dir.resolve("outbox")), seconds, runs, System.out);
            return 0;
        }
    }

    /** Cameras per box over real RTSP, and decode cost against ffmpeg. */
    @Command(name = "cameras", mixinStandardHelpOptions = true,
            description = "N RTSP cameras (GStreamer server, 640x360 H.264 25 fps) analysed at 5 fps: agent CPU once all "
                    + "are online and warm (with where it went and the fps actually analysed), and decode cost per camera "
                    + "beside ffmpeg -f null.")
    static final class Cameras implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "./data/bench", description = "working folder; default ${DEFAULT-VALUE}")
        Path dir;

        @Option(names = "--cameras", defaultValue = "16", description = "cameras; default ${DEFAULT-VALUE}")
        int cameras;

        @Option(names = "--seconds", defaultValue = "20", description = "seconds per measurement; default ${DEFAULT-VALUE}")
        int seconds;

        @Option(names = "--runs", defaultValue = "3", description = "runs; default ${DEFAULT-VALUE}")
        int runs;

        @Option(names = "--analysis-threads", defaultValue = "0",
                description = "the agent's analysisThreads (analyses at once); 0, the default: one per core but one, "
                        + "two on two cores")
        int analysisThreads;

        @Override
        public Integer call() throws Exception {
            CameraCapacityBenchmark.run(Files.createDirectories(dir.resolve("cameras")), cameras, seconds, runs,
                    analysisThreads, System.out);
            return 0;
        }
    }

    /** Resident memory and CPU of an agent process with many cameras. */
    @Command(name = "agent-memory", mixinStandardHelpOptions = true,
            description = "RSS and CPU of a separate agent process with N rendered cameras.")
    static final class AgentMemory implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "./data/bench", description = "working folder; default ${DEFAULT-VALUE}")
        Path dir;

        @Option(names = "--cameras", defaultValue = "16", description = "cameras; default ${DEFAULT-VALUE}")
        int cameras;

        @Option(names = "--seconds", defaultValue = "60", description = "sampling time after warm-up; default ${DEFAULT-VALUE}")
        int seconds;

        @Override
        public Integer call() throws Exception {
            AgentMemoryBenchmark.run(Files.createDirectories(dir.resolve("agent-memory")), cameras, seconds, System.out);
            return 0;
        }
    }
}
