package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites the experiments stored in older shapes into the one the lab reads today (the
 * experiment package's {@code StoredSpec} and {@code StoredResult}), so that no domain record or
 * query carries a branch for an old row. Written in Java because the JSON columns are {@code text}
 * on both H2 and PostgreSQL, which share no JSON functions.
 *
 * <p>What it rewrites, each only where a row needs it:
 * <ul>
 *   <li>the spec's {@code options}: absent or null (stored before models had options) or the flat
 *       record of all seven options (stored before options were declared per model) become the
 *       model's own options, each with its stored value or its default;
 *   <li>the summary's {@code warnings}: absent (stored before warnings) become empty, and each
 *       plain string (stored before warnings had codes) becomes {@code {code: "UNCODED", message}};
 *   <li>the summary's distributions without {@code outliers} (stored before outliers were
 *       flagged) get an empty list;
 *   <li>the list's columns from V3 ({@code parallelism}, {@code tasks}, {@code summary}), null on
 *       rows stored before V3, are filled from the spec and the result; {@code summary} is written
 *       again on every finished row, since it copies the result's summary and its warnings.
 * </ul>
 *
 * <p>Everything it knows of the old shapes is written here, as it was then: it does not read the
 * lab's classes, which go on changing after it ran.
 */
public class V4__Stored_documents extends BaseJavaMigration {

    /** Each model's options and their defaults, in declaration order, as they were when this ran. */
    private static final Map<String, Map<String, Object>> OPTIONS = Map.of(
            "FUTURES", ordered("stages", 0),
            "FORK_JOIN", ordered("threshold", 1),
            "GIL", ordered("switchIntervalMillis", 5),
            "PROCESSES", ordered("reuseWorkers", true, "chunkSize", 1, "maxTasksPerWorker", 0, "aotCache", true));

    private static final String UNCODED = "UNCODED";

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        // One row at a time: results with timelines are large, and a whole table of them need not fit in memory.
        for (String id : ids(connection)) {
            migrate(connection, id);
        }
    }

    private static List<String> ids(Connection connection) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id from experiment order by seq");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private void migrate(Connection connection, String id) throws SQLException {
        String spec;
        String result;
        String summary;
        Integer parallelism;
        Integer tasks;
        try (PreparedStatement select = connection.prepareStatement(
                "select spec, result, summary, parallelism, tasks from experiment where id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                spec = rs.getString("spec");
                result = rs.getString("result");
                summary = rs.getString("summary");
                parallelism = rs.getObject("parallelism", Integer.class);
                tasks = rs.getObject("tasks", Integer.class);
            }
        }
        ObjectNode specNode = (ObjectNode) json.readTree(spec);
        rewriteOptions(specNode);
        String newSpec = json.writeValueAsString(specNode);
        String newResult = result;
        String newSummary = summary;
        if (result != null) {
            ObjectNode resultNode = (ObjectNode) json.readTree(result);
            JsonNode summaryNode = resultNode.get("summary");
            if (summaryNode instanceof ObjectNode s) {
                rewriteSummary(s);
            }
            newResult = json.writeValueAsString(resultNode);
            newSummary = summaryNode == null || summaryNode.isNull() ? null : json.writeValueAsString(summaryNode);
        }
        int newParallelism = parallelism != null ? parallelism : specNode.get("parallelism").intValue();
        int newTasks = tasks != null ? tasks : specNode.get("tasks").intValue();
        if (newSpec.equals(spec) && Objects.equals(newResult, result) && Objects.equals(newSummary, summary)
                && parallelism != null && tasks != null) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("update experiment set spec = ?, result = ?, "
                + "summary = ?, parallelism = ?, tasks = ? where id = ?")) {
            update.setString(1, newSpec);
            setText(update, 2, newResult);
            setText(update, 3, newSummary);
            update.setInt(4, newParallelism);
            update.setInt(5, newTasks);
            update.setString(6, id);
            update.executeUpdate();
        }
    }

    /** The model's own options, each with the stored value where there is one, else its default. */
    private static void rewriteOptions(ObjectNode spec) {
        JsonNode stored = spec.get("options");
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        OPTIONS.getOrDefault(spec.get("model").stringValue(), Map.of()).forEach((name, defaultValue) -> {
            JsonNode value = stored == null ? null : stored.get(name);
            if (value != null && !value.isNull()) {
                options.set(name, value);
            } else if (defaultValue instanceof Boolean b) {
                options.put(name, b);
            } else {
                options.put(name, (Integer) defaultValue);
            }
        });
        spec.set("options", options);
    }

    private static void rewriteSummary(ObjectNode summary) {
        ArrayNode warnings = JsonNodeFactory.instance.arrayNode();
        JsonNode stored = summary.get("warnings");
        if (stored != null && stored.isArray()) {
            for (JsonNode warning : stored) {
                if (warning.isString()) {
                    warnings.add(JsonNodeFactory.instance.objectNode()
                            .put("code", UNCODED)
                            .put("message", warning.stringValue()));
                } else {
                    warnings.add(warning);
                }
            }
        }
        summary.set("warnings", warnings);
        for (String distribution : List.of("wallMillis", "baselineWallMillis")) {
            if (summary.get(distribution) instanceof ObjectNode d && !(d.get("outliers") instanceof ArrayNode)) {
                d.putArray("outliers");
            }
        }
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static Map<String, Object> ordered(Object... nameValuePairs) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            options.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return options;
    }
}
