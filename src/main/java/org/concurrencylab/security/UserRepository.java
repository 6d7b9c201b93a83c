package org.concurrencylab.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and their token hashes. Only live users (not deleted) are ever found. */
@Repository
class UserRepository {

    private static final String COLUMNS = "id, name, role, teacher_id, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(LabUser user, String tokenHash) {
        jdbc.sql("""
                insert into lab_user (id, name, role, teacher_id, token_hash, created_at)
                values (:id, :name, :role, :teacher, :hash, :createdAt)""")
                .param("id", user.id())
                .param("name", user.name())
                .param("role", user.role().name())
                .param("teacher", user.teacherId())
                .param("hash", tokenHash)
                .param("createdAt", user.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The live user a token hash belongs to: read on every request, so a revocation counts at once. */
    Optional<LabUser> findByTokenHash(String tokenHash) {
        return jdbc.sql("select " + COLUMNS + " from lab_user where token_hash = :hash and deleted_at is null")
                .param("hash", tokenHash)
                .query(UserRepository::map)
                .optional();
    }

    Optional<LabUser> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from lab_user where id = :id and deleted_at is null")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    /** Deleted users count too: a name once given stays with its (deleted) owner's work. */
    boolean nameTaken(String name) {
        return jdbc.sql("select count(*) from lab_user where name = :name").param("name", name)
                .query(Long.class).single() > 0;
    }

    boolean anyUser() {
        return jdbc.sql("select count(*) from lab_user").query(Long.class).single() > 0;
    }

    List<LabUser> findAll() {
        return jdbc.sql("select " + COLUMNS + " from lab_user where deleted_at is null order by created_at, name")
                .query(UserRepository::map)
                .list();
    }

    List<LabUser> findByTeacher(String teacherId) {
        return jdbc.sql("select " + COLUMNS + " from lab_user where teacher_id = :teacher and deleted_at is null "
                        + "order by created_at, name")
                .param("teacher", teacherId)
                .query(UserRepository::map)
                .list();
    }

    boolean delete(String id, Instant at) {
        return jdbc.sql("update lab_user set deleted_at = :at where id = :id and deleted_at is null")
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("id", id)
                .update() == 1;
    }

    boolean replaceTokenHash(String id, String tokenHash) {
        return jdbc.sql("update lab_user set token_hash = :hash where id = :id and deleted_at is null")
                .param("hash", tokenHash)
                .param("id", id)
                .update() == 1;
    }

    private static LabUser map(ResultSet rs, int row) throws SQLException {
        return new LabUser(rs.getString("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getString("teacher_id"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
