package org.concurrencylab.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Making, listing, removing users and their tokens. Admins manage everyone; a teacher manages only
 * the students of its class, and someone else's user answers exactly like a missing one; students
 * manage nobody (403).
 */
@Service
public class UserAccounts {

    /** Letters, digits, dot, dash and underscore; starts with a letter or digit; 2 to 32 characters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,31}");
    static final String NAME_RULE = "must be 2 to 32 letters, digits, '.', '-' or '_', starting with a letter or digit";
    /** Room left in a name for "-" and a number of up to 4 digits. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,26}");

    private static final Logger AUDIT = LoggerFactory.getLogger(Audit.LOGGER);

    private final UserRepository users;
    private final TokenCache tokens;
    private final CurrentUser current;
    private final LabSecurityProperties properties;
    private final Clock clock;

    UserAccounts(UserRepository users, TokenCache tokens, CurrentUser current, LabSecurityProperties properties,
            Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.current = current;
        this.properties = properties;
        this.clock = clock;
    }

    /** The live user a bearer token belongs to, looked up at most once per {@link TokenCache}'s lifetime. */
    Optional<LabUser> authenticate(String token) {
        String hash = Tokens.hash(token);
        Optional<LabUser> known = tokens.get(hash);
        if (known.isPresent()) {
            return known;
        }
        Optional<LabUser> found = users.findByTokenHash(hash);
        found.ifPresent(user -> tokens.put(hash, user));
        return found;
    }

    /** The live user whose token has this hash (a page session keeps the hash, never the token). */
    Optional<LabUser> authenticateHash(String tokenHash) {
        return users.findByTokenHash(tokenHash);
    }

    public LabUser me() {
        return current.get();
    }

    /**
     * Makes one user. Admins make any role (a student with an optional teacher); a teacher makes
     * only students, which join its class.
     */
    @Transactional
    public IssuedUser create(String name, Role role, String teacherId) {
        LabUser actor = manager();
        if (actor.role() == Role.TEACHER && role != Role.STUDENT) {
            throw new AccessDeniedException("a teacher makes only STUDENT accounts");
        }
        checkName("name", name);
        IssuedUser made = insert(name, role, classOf(actor, role, teacherId));
        AUDIT.info("user {} created user {} ({}, {})", actor.id(), made.user().id(), made.user().name(), role);
        return made;
    }

    /**
     * Makes a class of students at once: {@code prefix-01 .. prefix-NN} for a count, or the given
     * names; all or none (one taken name refuses the whole batch).
     */
    @Transactional
    public List<IssuedUser> createStudents(String prefix, Integer count, List<String> names, String teacherId) {
        LabUser actor = manager();
        List<String> wanted = batchNames(prefix, count, names);
        String teacher = classOf(actor, Role.STUDENT, teacherId);
        List<IssuedUser> made = new ArrayList<>(wanted.size());
        for (String name : wanted) {
            made.add(insert(name, Role.STUDENT, teacher));
        }
        AUDIT.info("user {} created {} students of teacher {}: {}", actor.id(), made.size(), teacher,
                made.stream().map(issued -> issued.user().id()).toList());
        return made;
    }

    /** Admin: every live user; teacher: its class. */
    public List<LabUser> list() {
        LabUser actor = manager();
        return actor.isAdmin() ? users.findAll() : users.findByTeacher(actor.id());
    }

    /** Deletes a user: its token is refused from the next request on. */
    @Transactional
    public void delete(String id) {
        LabUser actor = manager();
        LabUser target = managed(actor, id);
        if (target.id().equals(actor.id())) {
            throw InvalidSpecException.of("id", "you cannot delete your own account");
        }
        if (!users.delete(target.id(), clock.instant())) {
            throw UserNotFoundException.forId(id);
        }
        tokens.forget(target.id());
        AUDIT.info("user {} deleted user {} ({})", actor.id(), target.id(), target.name());
    }

    /** Gives a user a new token; the old one is refused from the next request on. */
    @Transactional
    public IssuedUser rotateToken(String id) {
        LabUser actor = manager();
        LabUser target = managed(actor, id);
        String token = Tokens.generate();
        if (!users.replaceTokenHash(target.id(), Tokens.hash(token))) {
            throw UserNotFoundException.forId(id);
        }
        tokens.forget(target.id());
        AUDIT.info("user {} rotated the token of user {} ({})", actor.id(), target.id(), target.name());
        return new IssuedUser(target, token);
    }

    /** Makes the first admin with the given token; the caller checked that no user exists. */
    @Transactional
    LabUser bootstrapAdmin(String name, String token) {
        LabUser admin = new LabUser(UUID.randomUUID().toString(), name, Role.ADMIN, null, clock.instant());
        users.insert(admin, Tokens.hash(token));
        AUDIT.info("first start: created admin user {} ({})", admin.id(), admin.name());
        return admin;
    }

    boolean anyUser() {
        return users.anyUser();
    }

    private LabUser manager() {
        LabUser actor = current.get();
        if (actor.role() != Role.ADMIN && actor.role() != Role.TEACHER) {
            throw new AccessDeniedException("only admins and teachers manage users");
        }
        return actor;
    }

    /** A user the actor may manage, or not found: a teacher cannot tell others' users from missing ones. */
    private LabUser managed(LabUser actor, String id) {
        return users.findById(id)
                .filter(target -> actor.isAdmin() || actor.teaches(target))
                .orElseThrow(() -> UserNotFoundException.forId(id));
    }

    /** The teacher a new user belongs to: a teacher's own class; for an admin, the teacher it names. */
    private String classOf(LabUser actor, Role role, String teacherId) {
        if (actor.role() == Role.TEACHER) {
            if (teacherId != null && !teacherId.equals(actor.id())) {
                throw InvalidSpecException.of("teacherId", "a teacher makes students for its own class only; leave it out");
            }
            return actor.id();
        }
        if (teacherId == null) {
            return null;
        }
        if (role != Role.STUDENT) {
            throw InvalidSpecException.of("teacherId", "only a STUDENT belongs to a teacher");
        }
        users.findById(teacherId).filter(teacher -> teacher.role() == Role.TEACHER)
                .orElseThrow(() -> InvalidSpecException.of("teacherId", "must be the id of a TEACHER, was " + teacherId));
        return teacherId;
    }

    private List<String> batchNames(String prefix, Integer count, List<String> names) {
        int max = properties.maxBatchSize();
        boolean byCount = prefix != null || count != null;
        if (byCount == (names != null)) {
            throw InvalidSpecException.of("names", "give either prefix and count, or names");
        }
        if (names != null) {
            if (names.isEmpty() || names.size() > max) {
                throw InvalidSpecException.of("names", "must hold 1 to " + max + " names, was " + names.size());
            }
            Set<String> seen = new HashSet<>();
            List<Violation> violations = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (name == null || !NAME.matcher(name).matches()) {
                    violations.add(new Violation("names[" + i + "]", NAME_RULE + ", was '" + name + "'"));
                } else if (!seen.add(name)) {
                    violations.add(new Violation("names[" + i + "]", "'" + name + "' appears twice"));
                }
            }
            if (!violations.isEmpty()) {
                throw new InvalidSpecException(violations);
            }
            return List.copyOf(names);
        }
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw InvalidSpecException.of("prefix", "must be 1 to 27 letters, digits, '.', '-' or '_', starting with a "
                    + "letter or digit, was '" + prefix + "'");
        }
        if (count == null || count < 1 || count > max) {
            throw InvalidSpecException.of("count", "must be between 1 and " + max + ", was " + count);
        }
        int digits = Math.max(2, Integer.toString(count).length());
        List<String> generated = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            generated.add(prefix + "-" + String.format("%0" + digits + "d", i));
        }
        return generated;
    }

    private static void checkName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InvalidSpecException.of(field, NAME_RULE + ", was '" + name + "'");
        }
    }

    private IssuedUser insert(String name, Role role, String teacherId) {
        if (users.nameTaken(name)) {
            throw UserNameTakenException.forName(name);
        }
        LabUser user = new LabUser(UUID.randomUUID().toString(), name, role, teacherId, clock.instant());
        String token = Tokens.generate();
        try {
            users.insert(user, Tokens.hash(token));
        } catch (DuplicateKeyException e) {
            // Another request took the name between the check and the insert.
            throw UserNameTakenException.forName(name);
        }
        return new IssuedUser(user, token);
    }
}
