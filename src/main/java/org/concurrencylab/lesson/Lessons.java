package org.concurrencylab.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lecture's lessons, in the lecture's order, read once from {@code lessons/lessons.json}. */
@Component
public class Lessons {

    static final String RESOURCE = "lessons/lessons.json";

    private final List<Lesson> all;
    private final Map<String, String> requests;

    Lessons() {
        List<Lesson> lessons = new ArrayList<>();
        Map<String, String> asWritten = new LinkedHashMap<>();
        // A lesson leaves "refused" out unless it is one.
        JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
        for (JsonNode node : read(json)) {
            Lesson lesson = json.treeToValue(node, Lesson.class);
            JsonNode request = node.has("spec") ? node.get("spec") : node.get("interleavings");
            if (asWritten.put(lesson.id(), json.writeValueAsString(request)) != null) {
                throw new IllegalStateException(RESOURCE + ": lesson id " + lesson.id() + " appears twice");
            }
            lessons.add(lesson);
        }
        this.all = List.copyOf(lessons);
        this.requests = Map.copyOf(asWritten);
    }

    public List<Lesson> all() {
        return all;
    }

    public Optional<Lesson> byId(String id) {
        return all.stream().filter(lesson -> lesson.id().equals(id)).findFirst();
    }

    /** What the lesson sends, as JSON written as in the lessons file (the README's spec column). */
    public String request(Lesson lesson) {
        return requests.get(lesson.id());
    }

    private static JsonNode read(JsonMapper json) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
