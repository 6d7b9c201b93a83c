package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.concurrencylab.security.IssuedUser;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.Role;
import org.concurrencylab.security.UserAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Who am I, and for admins and teachers: making, listing and removing users and their tokens. */
@RestController
@Tag(name = "Users", description = "Accounts and bearer tokens: a token is shown once, when it is made.")
class UserController {

    private static final String BATCH_SUMMARY = "Make a class of students at once";
    private static final String BATCH_DESCRIPTION = "`{prefix, count}` or `{names: [...]}`; all or none (409 when a "
            + "name is taken). With `Accept: text/csv` the answer is a roster to hand out: `name,token,id`.";

    private final UserAccounts accounts;

    UserController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /** A user as anyone who may see it sees it: never with a token or its hash. */
    record UserResponse(String id, String name, Role role,
            @Schema(description = "For a student: the id of the teacher whose class it is in") String teacherId,
            Instant createdAt) {

        static UserResponse from(LabUser user) {
            return new UserResponse(user.id(), user.name(), user.role(), user.teacherId(), user.createdAt());
        }
    }

    /** A user with its token: the one time the token is shown. */
    record IssuedUserResponse(String id, String name, Role role, String teacherId,
            @Schema(description = "The bearer token; shown only now, stored only as a hash") String token,
            Instant createdAt) {

        static IssuedUserResponse from(IssuedUser issued) {
            LabUser user = issued.user();
            return new IssuedUserResponse(user.id(), user.name(), user.role(), user.teacherId(), issued.token(),
                    user.createdAt());
        }
    }

    record UserList(List<UserResponse> users) {}

    record IssuedUserList(List<IssuedUserResponse> users) {}

    record NewUser(
            @Schema(description = "2 to 32 letters, digits, '.', '-' or '_', starting with a letter or digit; unique",
                    example = "ada") String name,
            @NotNull(message = "must be one of ADMIN, TEACHER, STUDENT, METRICS") Role role,
            @Schema(description = "Admins only, for a STUDENT: the teacher whose class it joins. A teacher's "
                    + "students always join its own class.") String teacherId) {}

    record NewStudents(
            @Schema(description = "With count: names prefix-01, prefix-02, ...", example = "class-a") String prefix,
            @Schema(description = "With prefix: how many students (at most lab.security.max-batch-size, 100 by default)",
                    example = "25") Integer count,
            @Schema(description = "Instead of prefix and count: the names") List<String> names,
            @Schema(description = "Admins only: the teacher whose class they join") String teacherId) {}

    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "me", summary = "Who this token belongs to",
            description = "The user whose token this is: id, name and role. Any valid token may ask, a METRICS "
                    + "one included.")
    UserResponse me() {
        return UserResponse.from(accounts.me());
    }

    @PostMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createUser", summary = "Make a user and its token",
            description = "Admins make any role; a teacher makes only STUDENT accounts, which join its class. "
                    + "The token in the answer is shown this once. 409 when the name is taken.")
    IssuedUserResponse create(@Valid @RequestBody NewUser user) {
        return IssuedUserResponse.from(accounts.create(user.name(), user.role(), user.teacherId()));
    }

    @PostMapping(path = "/api/v1/users/batch", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createStudents", summary = BATCH_SUMMARY, description = BATCH_DESCRIPTION)
    IssuedUserList createStudents(@RequestBody NewStudents students) {
        return new IssuedUserList(issue(students).stream().map(IssuedUserResponse::from).toList());
    }

    @PostMapping(path = "/api/v1/users/batch", produces = "text/csv")
    @ResponseStatus(HttpStatus.CREATED)
    // The same operation in the contract as the JSON one: one path, two answers by Accept.
    @Operation(operationId = "createStudents", summary = BATCH_SUMMARY, description = BATCH_DESCRIPTION)
    String createStudentsRoster(@RequestBody NewStudents students) {
        return IssuedUser.rosterCsv(issue(students));
    }

    private List<IssuedUser> issue(NewStudents students) {
        return accounts.createStudents(students.prefix(), students.count(), students.names(), students.teacherId());
    }

    @GetMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listUsers", summary = "List users", description = "Admins see every user, a teacher its class. Never a token.")
    UserList list() {
        return new UserList(accounts.list().stream().map(UserResponse::from).toList());
    }

    @DeleteMapping("/api/v1/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteUser", summary = "Delete a user", description = "Its token is refused from the next request on.")
    void delete(@PathVariable String id) {
        accounts.delete(id);
    }

    @PostMapping(path = "/api/v1/users/{id}/token", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "rotateUserToken", summary = "Give a user a new token", description = "The old token is refused from now on; the new "
            + "one is shown this once.")
    IssuedUserResponse rotate(@PathVariable String id) {
        return IssuedUserResponse.from(accounts.rotateToken(id));
    }
}
