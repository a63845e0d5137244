package io.gridsense.hub.bench;

import io.gridsense.hub.worker.WorkerLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Nearest K = 3 on-duty workers within 1,500 m among 150,000 gridworkers (80 % on duty): per-query p99. */
final class NearestBench {

    private NearestBench() {
    }

    static void run() {
        CityGenerator.City city = CityGenerator.generate(126_449, 150_000, 7);
        WorkerLocator locator = new WorkerLocator();
        long t = System.nanoTime();
        locator.replaceAll(city.workers());
        System.out.printf(Locale.ROOT, "nearest: %d on-duty workers indexed in %.2f s%n", locator.size(),
                (System.nanoTime() - t) / 1e9);
        Random r = new Random(13);
        for (int k = 0; k < 100_000; k++) { // warm-up
            locator.nearest(CityGenerator.LAT0 + r.nextDouble() * city.rows() * CityGenerator.DLAT,
                    CityGenerator.LON0 + r.nextDouble() * city.cols() * CityGenerator.DLON, 1500, 3, Set.of());
        }
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        long got = 0;
        for (int round = 0; round < 5; round++) {
            long[] ns = new long[50_000];
            for (int k = 0; k < ns.length; k++) {
                double lat = CityGenerator.LAT0 + r.nextDouble() * city.rows() * CityGenerator.DLAT;
                double lon = CityGenerator.LON0 + r.nextDouble() * city.cols() * CityGenerator.DLON;
                long s = System.nanoTime();
                got += locator.nearest(lat, lon, 1500, 3, Set.of()).size();
                ns[k] = System.nanoTime() - s;
            }
            p50.add(Stats.percentileMicros(ns, 50) / 1000);
            p99.add(Stats.percentileMicros(ns, 99) / 1000);
        }
        System.out.printf(Locale.ROOT, "nearest: %.2f workers found per query on average%n", got / 250_000.0);
        System.out.println("nearest: p50 " + Stats.summary(p50, "ms"));
        System.out.println("nearest: p99 " + Stats.summary(p99, "ms"));
    }
}
