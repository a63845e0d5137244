package io.gridsense.hub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds used by this JVM and by all PostgreSQL processes on the machine (Linux /proc), so a benchmark can
 * report CPU per alert: on a shared, busy machine wall-clock throughput mostly measures the other tenants, while
 * CPU per alert says what the work costs (and 2 cores / CPU per alert what two idle cores could carry).
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final double jvm0;
    private final double pg0;

    CpuMeter() {
        jvm0 = jvmSeconds();
        pg0 = postgresSeconds();
    }

    /** Seconds of CPU this JVM used since construction. */
    double jvm() {
        return jvmSeconds() - jvm0;
    }

    /** Seconds of CPU PostgreSQL (every postgres process, ours and the other tenants') used since construction. */
    double postgres() {
        return postgresSeconds() - pg0;
    }

    private static double jvmSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static double postgresSeconds() {
        double ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return Double.NaN; // not Linux
        }
        return ticks / TICKS_PER_SECOND;
    }
}
