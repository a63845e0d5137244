package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import io.gridsense.analytics.Box;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * The local direction entropy tells a walker (each spot crossed once, one way) from limbs swinging every way in the
 * same place, ignores the camera's own motion, and only looks inside the candidate region.
 */
class LocalDirectionsTest {
    private static final Box ALL = new Box(0, 0, 1, 1, 1);
    private static final double DT = 0.1;

    @Test
    void aWalkerCrossingSpotsOneWayHasLowEntropy() {
        List<LocalDirections.Cells> window = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            window.add(sample(block(20 + 3 * i, 30, 3, 0), new double[] {0, 0}, ALL));
        }
        assertThat(LocalDirections.entropy(window)).isLessThan(0.05);
    }

    @Test
    void motionSwingingEveryWayInPlaceHasHighEntropy() {
        List<LocalDirections.Cells> window = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double a = 2 * Math.PI * (i % 8) / 8 + Math.PI / 8;
            window.add(sample(block(60, 30, 3 * Math.cos(a), 3 * Math.sin(a)), new double[] {0, 0}, ALL));
        }
        assertThat(LocalDirections.entropy(window)).isCloseTo(1.0, Offset.offset(0.02));
    }

    @Test
    void theCamerasOwnMotionAndMotionOutsideTheRegionAreIgnored() {
        List<LocalDirections.Cells> shake = new ArrayList<>();
        List<LocalDirections.Cells> elsewhere = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double s = i % 2 == 0 ? 3 : -3;
            try (Mat whole = new Mat(90, 160, CV_32FC2, new Scalar(s, -s, 0, 0))) {
                shake.add(LocalDirections.sample(whole, new double[] {s, -s}, DT, ALL));
            }
            // motion swings at x 60-70 (of 160), the region is the left quarter of the frame
            elsewhere.add(sample(block(60, 30, s, 0), new double[] {0, 0}, new Box(0, 0, 0.25, 1, 1)));
        }
        assertThat(LocalDirections.entropy(shake)).isZero();
        assertThat(LocalDirections.entropy(elsewhere)).isZero();
    }

    @Test
    void flatSpotsThatSeemToMoveAgainstAShakingCameraDoNotCount() {
        List<LocalDirections.Cells> flat = new ArrayList<>();
        List<LocalDirections.Cells> limbs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double a = 2 * Math.PI * (i % 8) / 8 + Math.PI / 8;
            // the camera shakes by 2 px a pair, a new way each time; a flat wall's flow stays near 0 (so it seems to
            // move against the shake), a swinging limb moves 4 px on top of it
            double[] cam = {2 * Math.cos(a + 1), 2 * Math.sin(a + 1)};
            try (Mat wall = new Mat(90, 160, CV_32FC2, new Scalar(cam[0], cam[1], 0, 0))) {
                try (FloatIndexer ix = wall.createIndexer()) {
                    for (int y = 30; y < 50; y++) {
                        for (int x = 60; x < 70; x++) {
                            ix.put(y, x, 0, (float) (0.1 * cam[0]));
                            ix.put(y, x, 1, (float) (0.1 * cam[1]));
                        }
                    }
                }
                flat.add(LocalDirections.sample(wall, cam, DT, ALL));
            }
            limbs.add(sample(shaken(block(60, 30, 4 * Math.cos(a), 4 * Math.sin(a)), cam), cam, ALL));
        }
        assertThat(LocalDirections.entropy(flat)).isZero();
        assertThat(LocalDirections.entropy(limbs)).isGreaterThan(0.9);
    }

    @Test
    void limbsSwingingBackAndForthReverseAndAWalkerDoesNot() {
        List<LocalDirections.Cells> swing = new ArrayList<>();
        List<LocalDirections.Cells> walker = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double s = i % 2 == 0 ? 3 : -3;
            swing.add(sample(block(60, 30, s, s / 2), new double[] {0, 0}, ALL));
            walker.add(sample(block(20 + i, 30, 1.5, 0), new double[] {0, 0}, ALL));
        }
        assertThat(LocalDirections.reversals(swing)).isEqualTo(1.0);
        assertThat(LocalDirections.reversals(walker)).isZero();
        assertThat(LocalDirections.reversals(List.of())).isZero();
    }

    @Test
    void flowWhereThePictureDidNotChangeDoesNotCount() {
        List<LocalDirections.Cells> unchanged = new ArrayList<>();
        List<LocalDirections.Cells> changed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double s = i % 2 == 0 ? 3 : -3;
            // the same swinging block; the frame difference is 20 grey levels over it in one case, 2 in the other
            try (Mat quiet = difference(2); Mat busy = difference(20)) {
                unchanged.add(sampleMasked(block(60, 30, s, 0), quiet));
                changed.add(sampleMasked(block(60, 30, s, 0), busy));
            }
        }
        assertThat(LocalDirections.entropy(unchanged)).isZero();
        assertThat(LocalDirections.reversals(changed)).isEqualTo(1.0);
    }

    /** A 160x90 frame difference: {@code level} grey levels over the block at (60, 30), 0 elsewhere. */
    private static Mat difference(int level) {
        Mat d = new Mat(90, 160, CV_8UC1, new Scalar(0, 0, 0, 0));
        try (UByteIndexer ix = d.createIndexer()) {
            for (int y = 30; y < 50; y++) {
                for (int x = 60; x < 70; x++) {
                    ix.put(y, x, level);
                }
            }
        }
        return d;
    }

    private static LocalDirections.Cells sampleMasked(Mat flow, Mat diff) {
        try (flow) {
            return LocalDirections.sample(flow, new double[] {0, 0}, DT, ALL, diff, 8);
        }
    }

    /** The same field with the camera's motion added everywhere. */
    private static Mat shaken(Mat flow, double[] cam) {
        try (FloatIndexer ix = flow.createIndexer()) {
            for (int y = 0; y < flow.rows(); y++) {
                for (int x = 0; x < flow.cols(); x++) {
                    ix.put(y, x, 0, (float) (ix.get(y, x, 0) + cam[0]));
                    ix.put(y, x, 1, (float) (ix.get(y, x, 1) + cam[1]));
                }
            }
        }
        return flow;
    }

    /** A 160x90 flow field, still but for a 10x20 block at (x, y) moving by (dx, dy) pixels. */
    private static Mat block(int x, int y, double dx, double dy) {
        Mat m = new Mat(90, 160, CV_32FC2, new Scalar(0, 0, 0, 0));
        try (FloatIndexer ix = m.createIndexer()) {
            for (int j = y; j < y + 20; j++) {
                for (int i = x; i < x + 10; i++) {
                    ix.put(j, i, 0, (float) dx);
                    ix.put(j, i, 1, (float) dy);
                }
            }
        }
        return m;
    }

    private static LocalDirections.Cells sample(Mat flow, double[] cam, Box region) {
        try (flow) {
            return LocalDirections.sample(flow, cam, DT, region);
        }
    }
}
