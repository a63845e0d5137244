package io.gridsense.analytics.tracking;

import java.util.Arrays;

/**
 * Optimal assignment (Hungarian method, shortest augmenting paths with potentials, O(n^2 m)) for the tracker:
 * greedy nearest-first assignment swaps ids when two people cross, the optimal one minimises the total distance.
 */
public final class Hungarian {
    private Hungarian() {
    }

    /**
     * The assignment of rows to columns with the least total cost; rectangular matrices are fine (the smaller side
     * is fully assigned). Returns, per row, its column or -1. Costs must be finite.
     */
    public static int[] solve(double[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        int[] out = new int[rows];
        Arrays.fill(out, -1);
        if (rows == 0 || cols == 0) {
            return out;
        }
        boolean transpose = rows > cols;
        int n = transpose ? cols : rows;
        int m = transpose ? rows : cols;
        // 1-based arrays as in the classic formulation: u/v potentials, p[j] = row matched to column j, way = path.
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double c = (transpose ? cost[j - 1][i0 - 1] : cost[i0 - 1][j - 1]) - u[i0] - v[j];
                        if (c < minv[j]) {
                            minv[j] = c;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                if (transpose) {
                    out[j - 1] = p[j] - 1;
                } else {
                    out[p[j] - 1] = j - 1;
                }
            }
        }
        return out;
    }
}
