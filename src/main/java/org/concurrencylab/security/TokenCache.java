package org.concurrencylab.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who a token's hash belongs to, remembered for {@code lab.security.token-cache} (2 s by default;
 * 0 turns it off), so that a client's burst of requests costs one user lookup rather than one per
 * request (the lookup was the largest part of a read's cost beyond health's). Only tokens that
 * matched a live user are kept, by hash, never the token itself.
 *
 * <p>Revocation stays immediate on the node that revokes: deleting a user or rotating its token
 * forgets the user's entry at once. Another node sharing the database keeps honouring the old token
 * for at most the cache's lifetime. A plain map of expiry times, not a caching library: it holds a
 * handful of live users, and bounds itself by starting over when it grows past that.
 */
@Component
final class TokenCache {

    /** Far more users than one class sends requests at once; past it the map starts over. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(LabUser user, long expiresAtNanos) {}

    private final long ttlNanos;
    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

    TokenCache(@Value("${lab.security.token-cache:2s}") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** The live user of this token hash, if it was looked up within the cache's lifetime. */
    Optional<LabUser> get(String tokenHash) {
        Entry entry = byHash.get(tokenHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - entry.expiresAtNanos() >= 0) {
            byHash.remove(tokenHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.user());
    }

    void put(String tokenHash, LabUser user) {
        if (ttlNanos <= 0) {
            return;
        }
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.clear();
        }
        byHash.put(tokenHash, new Entry(user, System.nanoTime() + ttlNanos));
    }

    /**
     * Forgets every token of the user, now and once the transaction under way commits: a request
     * that looked the user up in between (seeing it still live) may have remembered it again.
     */
    void forget(String userId) {
        forgetNow(userId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forgetNow(userId);
                }
            });
        }
    }

    private void forgetNow(String userId) {
        byHash.values().removeIf(entry -> entry.user().id().equals(userId));
    }
}
