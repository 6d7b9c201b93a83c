package org.concurrencylab.study;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.experiment.SpecValidator;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.NotYoursException;
import org.concurrencylab.security.Owner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public face of studies: submit, read, cancel, share, delete; CSV and chart renderings of the table. A
 * study and its cells belong to the user who submitted it; a study a user may not read answers
 * exactly as one that does not exist.
 */
@Service
public class StudyService {

    private static final Logger LOG = LoggerFactory.getLogger(StudyService.class);

    private final StudyRepository repository;
    private final ExperimentService experiments;
    private final SpecValidator validator;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    /**
     * Fits by the cells they were fitted to, each cell as its experiment id and status: a cell's
     * result is written once, when it finishes, so the same ids and statuses give the same fit (the
     * bootstrap's seed is fixed). Bounded, least recently used first out.
     */
    private final Map<List<String>, List<StudyReport.Fit>> fits = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<String>, List<StudyReport.Fit>> eldest) {
                    return size() > 256;
                }
            });

    StudyService(StudyRepository repository, ExperimentService experiments, SpecValidator validator,
            Clock clock, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.repository = repository;
        this.experiments = experiments;
        this.validator = validator;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
    }

    /**
     * Validates every cell before anything is stored, refuses the whole study with 429 when its
     * cells would overflow the queue or the user's quota (a study counts its cells), then queues one
     * experiment per cell (see {@link StudyCells}).
     */
    public StudyReport submit(StudySpec spec, LabUser owner) {
        List<StudyCells.Planned> cells = StudyCells.plan(spec, validator);
        experiments.checkRoomForStudy(cells.size(), owner);
        String name = spec.name() == null || spec.name().isBlank()
                ? spec.workload().kind() + " study" : spec.name().strip();
        List<Study.Cell> submitted = new ArrayList<>();
        try {
            for (StudyCells.Planned cell : cells) {
                Experiment experiment = experiments.submit(cell.spec(), owner);
                submitted.add(new Study.Cell(submitted.size(), experiment.id(), cell.model(), cell.parallelism()));
            }
        } catch (RuntimeException e) {
            // Another submission filled the queue between the check and here: take back what was queued.
            submitted.forEach(cell -> cancelQuietly(cell.experimentId(), owner));
            throw e;
        }
        Study study = new Study(UUID.randomUUID().toString(), name, spec, Study.SUBMITTED, clock.instant(), submitted,
                Owner.of(owner), false);
        repository.insert(study);
        return report(study);
    }

    /**
     * Newest first, filtered, one page at a time, of what {@code viewer} may see (the repository
     * narrows to that in SQL, as the experiment list does). A study's status is derived from its
     * cells, never stored, so the status filter is applied to the derived statuses (see
     * {@link StudyRepository#list}).
     */
    public StudyPage list(StudyFilter filter, LabUser viewer, int page, int size) {
        List<StudyPage.Item> matching = repository.list(filter, viewer).stream()
                .filter(s -> filter.workloadKind() == null || filter.workloadKind().equals(s.workloadKind()))
                .filter(s -> filter.model() == null || s.models().contains(filter.model()))
                .filter(s -> filter.status() == null || filter.status() == s.status())
                .toList();
        int from = (int) Math.min((long) page * size, matching.size());
        int to = Math.min(from + size, matching.size());
        return new StudyPage(matching.subList(from, to), page, size, matching.size(),
                (int) ((matching.size() + size - 1) / size));
    }

    /**
     * The study as the lab itself reads it (for its event streams), whoever owns it; a user's
     * request reads through {@link #get(String, LabUser)}.
     */
    public StudyReport get(String id) {
        return report(find(id));
    }

    /** The study if {@code viewer} may see it; otherwise exactly as if there were none. */
    public StudyReport get(String id, LabUser viewer) {
        return report(readable(id, viewer));
    }

    /** The study whose cell this experiment is, if it is one. */
    public Optional<String> studyOf(String experimentId) {
        return repository.studyOf(experimentId);
    }

    /** Cancels every cell not yet finished; cells that finished keep their results. */
    public StudyReport cancel(String id, LabUser by) {
        Study study = changeable(id, "cancel", by);
        repository.setState(id, Study.CANCEL_REQUESTED);
        for (Study.Cell cell : study.cells()) {
            cancelQuietly(cell.experimentId(), by);
        }
        return get(id);
    }

    /**
     * Deletes the study with its cells: cells not yet finished are cancelled first (waiting for each
     * to stop), then the study and every cell go at once. Only those who may cancel it may; a cell
     * still stopping on another node when the wait runs out is a 409 (delete again).
     */
    public void delete(String id, LabUser by) {
        Study study = changeable(id, "delete", by);
        repository.setState(id, Study.CANCEL_REQUESTED);
        for (Study.Cell cell : study.cells()) {
            cancelQuietly(cell.experimentId(), by);
        }
        for (Study.Cell cell : study.cells()) {
            ExperimentStatus status = experiments.get(cell.experimentId()).status();
            if (!status.isTerminal()) {
                throw ExperimentConflictException.stillStopping(cell.experimentId(), status);
            }
        }
        remove(study, ExperimentEvent.Remover.USER);
    }

    /**
     * Removes a study whose cells have all finished, as the lab itself (the retention rules); returns
     * how many cell experiments went with it, 0 when a cell is still queued or running (it stays).
     */
    public int removeFinished(String id, ExperimentEvent.Remover by) {
        Optional<Study> study = repository.findById(id);
        if (study.isEmpty() || study.get().cells().stream()
                .anyMatch(cell -> !experiments.get(cell.experimentId()).status().isTerminal())) {
            return 0;
        }
        return remove(study.get(), by);
    }

    /** The study, its links and its cells in one transaction: none of them outlives the others. */
    private int remove(Study study, ExperimentEvent.Remover by) {
        List<String> cells = study.cells().stream().map(Study.Cell::experimentId).toList();
        Integer removed = transaction.execute(status -> repository.delete(study.id())
                ? experiments.removeFinished(cells, by) : 0);
        events.publishEvent(new StudyDeleted(study.id()));
        return removed == null ? 0 : removed;
    }

    /** Shares the study and its cells with every signed-in user, or takes that back. */
    public StudyReport share(String id, boolean shared, LabUser by) {
        Study study = changeable(id, "share", by);
        repository.setShared(id, shared);
        for (Study.Cell cell : study.cells()) {
            experiments.share(cell.experimentId(), shared, by);
        }
        return get(id);
    }

    public String csv(String id, LabUser viewer) {
        return StudyCsv.render(get(id, viewer));
    }

    public String chart(String id, LabUser viewer) {
        StudyReport report = get(id, viewer);
        return report.sweep() == null || report.sweep().isEmpty()
                ? StudyChart.render(report) : StudySweepChart.render(report);
    }

    private Study find(String id) {
        return repository.findById(id).orElseThrow(() -> new StudyNotFoundException(id));
    }

    private Study readable(String id, LabUser viewer) {
        return repository.findById(id)
                .filter(study -> viewer.mayRead(study.owner(), study.shared()))
                .orElseThrow(() -> new StudyNotFoundException(id));
    }

    private Study changeable(String id, String action, LabUser by) {
        Study study = readable(id, by);
        if (!by.mayChange(study.owner())) {
            throw NotYoursException.toChange(action, "study '" + id + "'");
        }
        return study;
    }

    private void cancelQuietly(String experimentId, LabUser by) {
        try {
            if (!experiments.get(experimentId).status().isTerminal()) {
                experiments.cancel(experimentId, by);
            }
        } catch (ExperimentConflictException e) {
            // It finished meanwhile: its result stands.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not cancel study cell {}", experimentId, e);
        }
    }

    private StudyReport report(Study study) {
        Map<String, Experiment> read = new HashMap<>();
        return StudyTable.report(study, id -> read.computeIfAbsent(id, experiments::get), measured -> {
            List<String> key = new ArrayList<>();
            for (Study.Cell cell : study.cells()) {
                key.add(cell.experimentId() + ":" + read.get(cell.experimentId()).status());
            }
            List<StudyReport.Fit> known = fits.get(key);
            if (known == null) {
                known = StudyFits.fit(measured);
                fits.put(key, known);
            }
            return known;
        });
    }
}
