package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.Workload;
import org.junit.jupiter.api.Test;

class MatmulWorkloadTest {

    private static Workload matmul(long n) {
        return Kinds.CPU_MATMUL.create(new ParamValues(Map.of("n", n)));
    }

    @Test
    void checksumMatchesAnIntegerProductComputedInAnotherOrder() throws Exception {
        for (int n : new int[] {1, 7, 40}) {
            for (int task : new int[] {0, 3}) {
                assertThat(matmul(n).runTask(task, TaskContext.DIRECT)).as("n=%d task=%d", n, task)
                        .isEqualTo(integerProductChecksum(n, task));
            }
        }
    }

    @Test
    void theSameTaskGivesTheSameChecksumAndOtherTasksAnother() throws Exception {
        Workload matmul = matmul(64);
        long first = matmul.runTask(2, TaskContext.DIRECT);
        assertThat(matmul.runTask(2, TaskContext.DIRECT)).isEqualTo(first);
        assertThat(matmul.runTask(5, TaskContext.DIRECT)).isNotEqualTo(first);
    }

    @Test
    void callsCheckpointOnceARow() throws Exception {
        RecordingContext context = RecordingContext.counting();
        matmul(50).runTask(0, context);
        assertThat(context.checkpoints.get()).isEqualTo(50);
        assertThat(context.blockingSections.get()).isZero();
    }

    @Test
    void stopsAtTheRowWhereItIsInterrupted() {
        RecordingContext context = RecordingContext.interruptingAtCheckpoint(2);
        assertThatThrownBy(() -> matmul(400).runTask(0, context)).isInstanceOf(InterruptedException.class);
        assertThat(context.checkpoints.get()).isEqualTo(2);
    }

    /** The same seeded entries multiplied with long arithmetic in i-j-k order: exact by construction. */
    private static long integerProductChecksum(int n, int task) {
        SplittableRandom random = new SplittableRandom(task);
        long[][] a = new long[n][n];
        long[][] b = new long[n][n];
        for (long[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextInt(-8, 9);
            }
        }
        for (long[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextInt(-8, 9);
            }
        }
        long checksum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += a[i][k] * b[k][j];
                }
                checksum = checksum * 31 + sum;
            }
        }
        return checksum;
    }
}
