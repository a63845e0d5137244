package io.gridsense.analytics.density;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.REDUCE_SUM;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.reduce;

import io.gridsense.analytics.Point;
import java.util.List;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One frame's occupancy: which pixels of the small analysis frame are covered by people (foreground against a
 * slow background), read per rule region. Valid only during the frame's analysis (the mask belongs to the
 * estimator).
 */
public final class Occupancy {
    /** Silhouette area of a person as a share of height squared (a box 0.4 h wide, filled about 60%). */
    static final double PERSON_AREA_PER_H2 = 0.25;

    private final Mat mask;
    private final RegionMasks regions;
    private final HeightModel heights;

    Occupancy(Mat mask, RegionMasks regions, HeightModel heights) {
        this.mask = mask;
        this.regions = regions;
        this.heights = heights;
    }

    /**
     * Density in 0..1: the occupied share of the region, each row weighted by 1 / (person height at that row)^2
     * once the height model is ready, so that the far part of the region (where a pixel is more ground) is not
     * drowned by the near part; the plain pixel share before that.
     */
    public double density(List<Point> region) {
        double[] r = rows(region);
        return r[1] <= 0 ? 0 : r[0] / r[1];
    }

    /** About how many people the occupied pixels make (NaN until the height model is ready). */
    public double peopleEquivalent(List<Point> region) {
        return rows(region)[2];
    }

    /** {weighted occupied, weighted region, people-equivalent}. */
    private double[] rows(List<Point> region) {
        Mat area = regions.mask(region, mask.cols(), mask.rows());
        try (Mat both = new Mat(); Mat occupiedRows = new Mat(); Mat regionRows = new Mat()) {
            bitwise_and(mask, area, both);
            reduce(both, occupiedRows, 1, REDUCE_SUM, CV_32S);
            reduce(area, regionRows, 1, REDUCE_SUM, CV_32S);
            double occ = 0;
            double all = 0;
            double people = 0;
            boolean calibrated = heights.ready();
            try (IntIndexer o = occupiedRows.createIndexer(); IntIndexer a = regionRows.createIndexer()) {
                int h = mask.rows();
                int w = mask.cols();
                for (int y = 0; y < h; y++) {
                    double on = o.get(y, 0) / 255.0;
                    double in = a.get(y, 0) / 255.0;
                    double weight = 1;
                    if (calibrated) {
                        // Person height at this row in pixels; the row is on a body, so its feet are a little lower.
                        double ph = heights.heightAt((y + 0.5) / h) * h;
                        weight = 1 / (ph * ph);
                        people += on / (PERSON_AREA_PER_H2 * ph * ph);
                    }
                    occ += on * weight;
                    all += in * weight;
                }
                if (w <= 0) {
                    return new double[] {0, 0, 0};
                }
            }
            return new double[] {occ, all, calibrated ? people : Double.NaN};
        }
    }
}
