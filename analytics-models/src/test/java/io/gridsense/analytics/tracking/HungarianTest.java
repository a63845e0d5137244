package io.gridsense.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianTest {

    @Test
    void findsTheCheapestAssignmentWhereGreedyDoesNot() {
        // Greedy takes (0,0)=1 first and must then pay (1,1)=10; the optimum is 2 + 3.
        double[][] cost = {{1, 2}, {3, 10}};
        assertThat(Hungarian.solve(cost)).containsExactly(1, 0);
    }

    @Test
    void matchesBruteForceOnRandomRectangularMatrices() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + rnd.nextInt(5);
            int cols = 1 + rnd.nextInt(5);
            double[][] c = new double[rows][cols];
            for (double[] row : c) {
                for (int j = 0; j < cols; j++) {
                    row[j] = rnd.nextInt(20);
                }
            }
            int[] got = Hungarian.solve(c);
            double total = 0;
            boolean[] usedCol = new boolean[cols];
            int assigned = 0;
            for (int i = 0; i < rows; i++) {
                if (got[i] >= 0) {
                    assertThat(usedCol[got[i]]).isFalse();
                    usedCol[got[i]] = true;
                    total += c[i][got[i]];
                    assigned++;
                }
            }
            assertThat(assigned).isEqualTo(Math.min(rows, cols));
            assertThat(total).as("trial %d", trial).isEqualTo(best(c, 0, new boolean[cols], Math.min(rows, cols)));
        }
    }

    /** Least total cost assigning min(rows, cols) pairs, by exhaustive search (rows may be skipped when rows > cols). */
    private static double best(double[][] c, int row, boolean[] used, int need) {
        if (need == 0) {
            return 0;
        }
        if (c.length - row < need) {
            return Double.POSITIVE_INFINITY;
        }
        double b = best(c, row + 1, used, need);
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                b = Math.min(b, c[row][j] + best(c, row + 1, used, need - 1));
                used[j] = false;
            }
        }
        return b;
    }
}
