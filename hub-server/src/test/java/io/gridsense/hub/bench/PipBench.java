package io.gridsense.hub.bench;

import io.gridsense.hub.grid.GridIndex;
import io.gridsense.protocol.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Point-in-polygon among 126,449 micro-grids (plus their grids, communities, streets, districts): per-lookup p99. */
final class PipBench {

    private PipBench() {
    }

    static void run() {
        CityGenerator.City city = CityGenerator.generate(126_449, 0, 7);
        long t = System.nanoTime();
        GridIndex index = new GridIndex(city.grids(), WireCodec.newMapper());
        System.out.printf(Locale.ROOT, "pip: index of %d grids built in %.1f s%n", index.size(), (System.nanoTime() - t) / 1e9);
        Random r = new Random(11);
        int found = 0;
        for (int k = 0; k < 200_000; k++) { // warm-up: let the JIT compile the lookup
            found += index.locate(CityGenerator.LAT0 + r.nextDouble() * city.rows() * CityGenerator.DLAT,
                    CityGenerator.LON0 + r.nextDouble() * city.cols() * CityGenerator.DLON).isPresent() ? 1 : 0;
        }
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        int micro = 0;
        for (int round = 0; round < 5; round++) {
            long[] ns = new long[100_000];
            for (int k = 0; k < ns.length; k++) {
                double lat = CityGenerator.LAT0 + r.nextDouble() * (city.rows() - 1) * CityGenerator.DLAT;
                double lon = CityGenerator.LON0 + r.nextDouble() * (city.cols() - 1) * CityGenerator.DLON;
                long s = System.nanoTime();
                var g = index.locate(lat, lon);
                ns[k] = System.nanoTime() - s;
                micro += g.isPresent() && g.get().code().startsWith("m-") ? 1 : 0;
            }
            p50.add(Stats.percentileMicros(ns, 50) / 1000);
            p99.add(Stats.percentileMicros(ns, 99) / 1000);
        }
        System.out.printf(Locale.ROOT, "pip: %d lookups, %.1f %% answered by a micro-grid%n", 500_000, micro / 5000.0);
        System.out.println("pip: p50 " + Stats.summary(p50, "ms"));
        System.out.println("pip: p99 " + Stats.summary(p99, "ms"));
    }
}
