package io.gridsense.analytics.eval;

/** A text progress bar for long command-line runs. */
public final class ProgressBar {
    private ProgressBar() {
    }

    /** {@code [#####.....]} for done of total, 30 characters wide. */
    public static String bar(int done, int total) {
        int width = 30;
        int filled = total <= 0 ? width : (int) Math.round(width * (double) done / total);
        return "[" + "#".repeat(Math.max(0, Math.min(width, filled))) + ".".repeat(Math.max(0, width - filled)) + "]";
    }
}
