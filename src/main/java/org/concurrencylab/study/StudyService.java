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
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.SpecValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The public face of studies: submit, read, cancel; CSV and chart renderings of the table. */
@Service
public class StudyService {

    private static final Logger LOG = LoggerFactory.getLogger(StudyService.class);

    private final StudyRepository repository;
    private final ExperimentService experiments;
    private final SpecValidator validator;
    private final Clock clock;

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
            Clock clock) {
        this.repository = repository;
        this.experiments = experiments;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Validates every cell before anything is stored, refuses the whole study with 429 when its
     * cells would overflow the queue or the user's quota (a study counts its cells), then queues one
     * experiment per cell (see {@link StudyCells}).
     */
    public StudyReport submit(StudySpec spec) {
        List<StudyCells.Planned> cells = StudyCells.plan(spec, validator);
        experiments.checkRoomForStudy(cells.size());
        String name = spec.name() == null || spec.name().isBlank()
                ? spec.workload().kind() + " study" : spec.name().strip();
        List<Study.Cell> submitted = new ArrayList<>();
        try {
            for (StudyCells.Planned cell : cells) {
                Experiment experiment = experiments.submit(cell.spec());
                submitted.add(new Study.Cell(submitted.size(), experiment.id(), cell.model(), cell.parallelism()));
            }
        } catch (RuntimeException e) {
            // Another submission filled the queue between the check and here: take back what was queued.
            submitted.forEach(cell -> cancelQuietly(cell.experimentId()));
            throw e;
        }
        Study study = new Study(UUID.randomUUID().toString(), name, spec, Study.SUBMITTED, clock.instant(), submitted);
        repository.insert(study);
        return report(study);
    }

    /**
     * Newest first, filtered, one page at a time. A study's status is derived from its cells, never
     * stored, so the status filter is applied to the derived statuses (see {@link StudyRepository#list}).
     */
    public StudyPage list(StudyFilter filter, int page, int size) {
        List<StudyPage.Item> matching = repository.list().stream()
                .filter(s -> filter.workloadKind() == null || filter.workloadKind().equals(s.workloadKind()))
                .filter(s -> filter.model() == null || s.models().contains(filter.model()))
                .filter(s -> filter.status() == null || filter.status() == s.status())
                .toList();
        int from = (int) Math.min((long) page * size, matching.size());
        int to = Math.min(from + size, matching.size());
        return new StudyPage(matching.subList(from, to), page, size, matching.size(),
                (int) ((matching.size() + size - 1) / size));
    }

    public StudyReport get(String id) {
        return report(find(id));
    }

    /** The study whose cell this experiment is, if it is one. */
    public Optional<String> studyOf(String experimentId) {
        return repository.studyOf(experimentId);
    }

    /** Cancels every cell not yet finished; cells that finished keep their results. */
    public StudyReport cancel(String id) {
        Study study = find(id);
        repository.setState(id, Study.CANCEL_REQUESTED);
        for (Study.Cell cell : study.cells()) {
            cancelQuietly(cell.experimentId());
        }
        return get(id);
    }

    public String csv(String id) {
        return StudyCsv.render(get(id));
    }

    public String chart(String id) {
        StudyReport report = get(id);
        return report.sweep() == null || report.sweep().isEmpty()
                ? StudyChart.render(report) : StudySweepChart.render(report);
    }

    private Study find(String id) {
        return repository.findById(id).orElseThrow(() -> new StudyNotFoundException(id));
    }

    private void cancelQuietly(String experimentId) {
        try {
            if (!experiments.get(experimentId).status().isTerminal()) {
                experiments.cancel(experimentId);
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
