package io.gridsense.hub.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's benchmarks, one command each (see docs/benchmarks.md):
 * {@code hub-server/bench.sh pip|nearest|ingest|push [rate…]|city} (push: alerts/s per run, 1000 by default).
 * Figures are printed, never asserted.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // per-alert INFO lines would measure the console, not the hub
        ((Logger) LoggerFactory.getLogger("io.gridsense")).setLevel(Level.WARN);
        // one line per ingest partition every 10 s (queue waits and batch times), and the statistics keeper's ANALYZE runs
        ((Logger) LoggerFactory.getLogger("io.gridsense.hub.alert.IngestWindowStats")).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("io.gridsense.hub.db.StatisticsKeeper")).setLevel(Level.INFO);
        String which = args.length == 0 ? "all" : args[0];
        System.out.println("bench=" + which + " cpus=" + Runtime.getRuntime().availableProcessors() + " java="
                + System.getProperty("java.version"));
        switch (which) {
            case "city" -> CityGenerator.main(new String[] {"target/city.json"});
            case "pip" -> PipBench.run();
            case "nearest" -> NearestBench.run();
            case "ingest" -> IngestBench.run();
            case "push" -> PushBench.run(args.length > 1
                    ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1000});
            case "all" -> {
                PipBench.run();
                NearestBench.run();
                IngestBench.run();
                PushBench.run(1000);
            }
            default -> throw new IllegalArgumentException("bench is one of city, pip, nearest, ingest, push, all");
        }
        System.exit(0); // Vert.x and pool threads of the last bench would keep exec:java waiting
    }
}
