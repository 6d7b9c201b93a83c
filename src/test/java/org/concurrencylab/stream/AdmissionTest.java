package org.concurrencylab.stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Open streams are limited per user as well as in total. */
class AdmissionTest {

    private static final OwnerKey ADA = new OwnerKey("ada");
    private static final OwnerKey GRACE = new OwnerKey("grace");

    @Test
    void oneUserCannotTakeMoreThanItsShare() {
        Admission admission = new Admission(3, 2, Duration.ofSeconds(5));
        admission.admit(ADA);
        admission.admit(ADA);

        assertThatThrownBy(() -> admission.admit(ADA)).isInstanceOf(TooManyStreamsException.class)
                .hasMessageContaining("max-open-per-user");
        admission.admit(GRACE);
        // The node is full now: a refusal there must not use up a user's share either.
        assertThatThrownBy(() -> admission.admit(GRACE)).hasMessageContaining("3 open event streams");

        admission.release(ADA);
        admission.admit(GRACE);
        assertThatThrownBy(() -> admission.admit(GRACE)).hasMessageContaining("max-open-per-user");
    }
}
