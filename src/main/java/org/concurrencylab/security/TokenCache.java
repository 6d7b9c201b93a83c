package org.concurrencylab.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
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
 * for at most the cache's lifetime. Caffeine keeps the entries, expiring each that long after it was
 * looked up and holding at most {@link #MAX_ENTRIES}.
 */
@Component
final class TokenCache {

    /** Far more users than one class sends requests at once; past it the least used are dropped. */
    private static final int MAX_ENTRIES = 10_000;

    /** None when the lifetime is zero: nothing is remembered. */
    private final Cache<String, LabUser> byHash;

    TokenCache(@Value("${lab.security.token-cache:2s}") Duration ttl) {
        this.byHash = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).build();
    }

    /** The live user of this token hash, if it was looked up within the cache's lifetime. */
    Optional<LabUser> get(String tokenHash) {
        return byHash == null ? Optional.empty() : Optional.ofNullable(byHash.getIfPresent(tokenHash));
    }

    void put(String tokenHash, LabUser user) {
        if (byHash != null) {
            byHash.put(tokenHash, user);
        }
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
        if (byHash != null) {
            byHash.asMap().values().removeIf(user -> user.id().equals(userId));
        }
    }
}
