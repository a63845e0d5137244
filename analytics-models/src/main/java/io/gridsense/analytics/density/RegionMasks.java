package io.gridsense.analytics.density;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;

import io.gridsense.analytics.Point;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Rasterised rule regions (normalised polygons, empty = whole frame), cached: rules change rarely. */
final class RegionMasks implements AutoCloseable {
    private final Map<List<Point>, Mat> cache = new HashMap<>();
    private int width;
    private int height;

    Mat mask(List<Point> region, int w, int h) {
        if (w != width || h != height) {
            close();
            width = w;
            height = h;
        }
        return cache.computeIfAbsent(List.copyOf(region), r -> {
            if (r.size() < 3) {
                return new Mat(h, w, CV_8UC1, new Scalar(255, 255, 255, 255));
            }
            Mat m = new Mat(h, w, CV_8UC1, new Scalar(0, 0, 0, 0));
            int[] xy = new int[r.size() * 2];
            for (int i = 0; i < r.size(); i++) {
                xy[2 * i] = (int) Math.round(r.get(i).x() * w);
                xy[2 * i + 1] = (int) Math.round(r.get(i).y() * h);
            }
            try (Mat poly = new Mat(r.size(), 1, org.bytedeco.opencv.global.opencv_core.CV_32SC2);
                 MatVector polys = new MatVector(1); Scalar white = new Scalar(255, 255, 255, 255)) {
                try (var idx = poly.<org.bytedeco.javacpp.indexer.IntIndexer>createIndexer()) {
                    idx.put(0L, xy);
                }
                polys.put(0, poly);
                fillPoly(m, polys, white);
            }
            return m;
        });
    }

    @Override
    public void close() {
        cache.values().forEach(Mat::close);
        cache.clear();
    }
}
