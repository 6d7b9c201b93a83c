package org.concurrencylab.security;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;

/**
 * Whose work an experiment or a study is: the user who submitted it. Responses show its id and
 * name; the owner's teacher is kept alongside so that who may see the work is decided from the
 * row alone (see {@link LabUser#mayRead} and {@link LabUser#mayChange}).
 *
 * @param teacherId the owner's teacher when the owner is a student of a class, else null
 */
@Schema(name = "Owner", description = "The user who submitted it.")
public record Owner(String id, String name, @JsonIgnore String teacherId) {

    public Owner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** The owner of what {@code user} submits. */
    public static Owner of(LabUser user) {
        return new Owner(user.id(), user.name(), user.teacherId());
    }
}
