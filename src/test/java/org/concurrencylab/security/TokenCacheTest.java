package org.concurrencylab.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final LabUser ADA = new LabUser("u-ada", "ada", Role.STUDENT, "u-teacher", Instant.EPOCH);
    private static final LabUser GRACE = new LabUser("u-grace", "grace", Role.TEACHER, null, Instant.EPOCH);

    @Test
    void aLookedUpUserIsRememberedByTheTokensHashForItsLifetimeOnly() {
        TokenCache cache = new TokenCache(Duration.ofMillis(300));
        String hash = Tokens.hash("ada's token");
        assertThat(cache.get(hash)).isEmpty();

        cache.put(hash, ADA);

        assertThat(cache.get(hash)).contains(ADA);
        assertThat(cache.get(Tokens.hash("someone else's"))).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> cache.get(hash).isEmpty());
    }

    @Test
    void forgettingAUserDropsEveryOneOfItsTokensAndNoOtherUsers() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        cache.put(Tokens.hash("ada 1"), ADA);
        cache.put(Tokens.hash("ada 2"), ADA);
        cache.put(Tokens.hash("grace"), GRACE);

        cache.forget(ADA.id());

        assertThat(cache.get(Tokens.hash("ada 1"))).isEmpty();
        assertThat(cache.get(Tokens.hash("ada 2"))).isEmpty();
        assertThat(cache.get(Tokens.hash("grace"))).contains(GRACE);
    }

    @Test
    void aLifetimeOfZeroRemembersNothing() {
        TokenCache cache = new TokenCache(Duration.ZERO);

        cache.put(Tokens.hash("ada"), ADA);

        assertThat(cache.get(Tokens.hash("ada"))).isEmpty();
    }
}
