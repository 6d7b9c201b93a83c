package org.concurrencylab.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.study.StudyReport;
import org.concurrencylab.study.StudyService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events for studies, the minimal version: the study as it stands first ({@code status}),
 * a {@code progress} event whenever one of its cells finishes, and a final {@code status} once all
 * cells are done, then the stream ends. Cells are mapped to studies through the study's table, for
 * the studies someone is subscribed to, so nothing is kept for studies nobody follows.
 */
@Component
class StudyStreams {

    private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private final StudyService studies;
    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();

    StudyStreams(StudyService studies) {
        this.studies = studies;
    }

    SseEmitter subscribe(String id) {
        StudyReport current = studies.get(id); // 404 before any stream opens
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        List<SseEmitter> list = subscribers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        Runnable remove = () -> list.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        // Registered and greeted under the emitter's lock: a cell finishing meanwhile waits for the
        // lock, so its progress event can only come after the first status event.
        synchronized (emitter) {
            list.add(emitter);
            send(emitter, "status", current);
            // A study that finished meanwhile (or before) ends at once; re-read to close the race with its last cell.
            StudyReport now = studies.get(id);
            if (now.status().isTerminal()) {
                if (!current.status().isTerminal()) {
                    send(emitter, "status", now);
                }
                list.remove(emitter);
                emitter.complete();
            }
        }
        return emitter;
    }

    @EventListener
    void onFinished(ExperimentEvent.Finished finished) {
        for (Map.Entry<String, List<SseEmitter>> entry : subscribers.entrySet()) {
            if (entry.getValue().isEmpty()) {
                subscribers.remove(entry.getKey(), entry.getValue());
                continue;
            }
            StudyReport report;
            try {
                report = studies.get(entry.getKey());
            } catch (RuntimeException e) {
                continue;
            }
            boolean ours = report.table().stream().anyMatch(row -> finished.id().equals(row.experimentId()));
            if (!ours) {
                continue;
            }
            Map<String, Object> progress = Map.of("done", report.progress().done(), "total", report.progress().total(),
                    "experimentId", finished.id(), "status", finished.status().name());
            for (SseEmitter emitter : entry.getValue()) {
                synchronized (emitter) {
                    send(emitter, "progress", progress);
                    if (report.status().isTerminal()) {
                        send(emitter, "status", report);
                        entry.getValue().remove(emitter);
                        emitter.complete();
                    }
                }
            }
        }
    }

    private void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }
}
