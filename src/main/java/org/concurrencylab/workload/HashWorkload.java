package org.concurrencylab.workload;

import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 hash chain: round 1 hashes the task index (8 bytes, big-endian), every further round
 * hashes the previous digest. Each round needs the one before, so a task cannot be split or
 * vectorized: it is pure, serial CPU work whose cost grows linearly with {@code rounds} (about
 * 80 ns a round on a 2026 x86 core). Nothing is shared: every task owns its digest and buffer.
 * The first 8 bytes of the final digest are the checksum, so the JIT cannot drop a round.
 */
final class HashWorkload implements Workload {

    static final Param.Int ROUNDS = Param.integer("rounds", "SHA-256 rounds chained per task (about 80 ns each)",
            "rounds", 50_000, 1, 50_000_000);

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("cpu.hash", WorkKind.CPU)
            .description("CPU-bound: task i hashes its index with SHA-256, then hashes the digest again, rounds times "
                    + "in all. Every round needs the one before, so only running tasks at once (threads on several "
                    + "cores, or processes) makes it faster; under a GIL it does not.")
            .params(ROUNDS)
            .factory(p -> new HashWorkload(p.get(ROUNDS)))
            .build();

    private static final int DIGEST_BYTES = 32;
    // About 80 us of hashing between checkpoints: fine enough for a 5 ms switch interval and a prompt cancel.
    private static final int ROUNDS_PER_CHECKPOINT = 1024;

    private final long rounds;

    HashWorkload(long rounds) {
        this.rounds = rounds;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        MessageDigest sha256 = newSha256();
        byte[] state = new byte[DIGEST_BYTES];
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(taskIndex).array());
        digestInto(sha256, state);
        for (long round = 2; round <= rounds; round++) {
            sha256.update(state);
            digestInto(sha256, state);
            if (round % ROUNDS_PER_CHECKPOINT == 0) {
                context.checkpoint();
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped at round " + round);
                }
            }
        }
        return ByteBuffer.wrap(state).getLong();
    }

    private static void digestInto(MessageDigest sha256, byte[] state) {
        try {
            sha256.digest(state, 0, DIGEST_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
