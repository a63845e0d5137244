package io.gridsense.analytics.scene;

/**
 * One instant of an articulated figure: where it stands, how tall it is, and its joint angles. Angles are
 * radians in the image plane, measured from "straight down" and positive towards +x; knees and elbows are
 * relative to the parent limb. {@code width} is 1 for a figure facing the camera and smaller in profile.
 */
record Pose(double x, double footY, double height, double width, double facing, double lean,
            double hipL, double kneeL, double hipR, double kneeR,
            double shoulderL, double elbowL, double shoulderR, double elbowR) {
}
