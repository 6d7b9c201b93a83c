package org.concurrencylab.study;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.experiment.SpecValidator;
import org.concurrencylab.measure.Summary;
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

    StudyService(StudyRepository repository, ExperimentService experiments, SpecValidator validator,
            Clock clock) {
        this.repository = repository;
        this.experiments = experiments;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Validates every cell before anything is stored, refuses the whole study with 429 when its
     * cells would overflow the queue or the user's quota, then queues one experiment per (model, parallelism), models
     * outer, parallelism inner.
     */
    public StudyReport submit(StudySpec spec) {
        List<ExperimentSpec> cells = cellSpecs(spec);
        experiments.checkRoomFor(cells.size());
        String name = spec.name() == null || spec.name().isBlank()
                ? spec.workload().kind() + " study" : spec.name().strip();
        List<Study.Cell> submitted = new ArrayList<>();
        try {
            for (ExperimentSpec cell : cells) {
                Experiment experiment = experiments.submit(cell);
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
        return StudyChart.render(get(id));
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

    /**
     * One experiment spec per cell, each validated by the experiment rules. A violation of a cell
     * is reported against the study's field: {@code model} as {@code models[i]}, {@code parallelism}
     * as {@code parallelism[j]}, others (tasks, workload.params.size, ...) as they are, once each.
     */
    private List<ExperimentSpec> cellSpecs(StudySpec spec) {
        Set<Violation> violations = new LinkedHashSet<>();
        duplicates(spec.models(), "models", violations);
        duplicates(spec.parallelism(), "parallelism", violations);
        List<ExperimentSpec> cells = new ArrayList<>();
        for (int i = 0; i < spec.models().size(); i++) {
            ExecutionModel model = spec.models().get(i);
            for (int j = 0; j < spec.parallelism().size(); j++) {
                int parallelism = spec.parallelism().get(j);
                ExperimentSpec cell = new ExperimentSpec(
                        (spec.name() == null || spec.name().isBlank() ? spec.workload().kind() : spec.name().strip())
                                + ": " + model + " x" + parallelism,
                        model, parallelism, spec.tasks(), spec.workload(), spec.warmups(), spec.repetitions(),
                        true, spec.timeLimitSeconds());
                try {
                    validator.resolve(cell);
                } catch (InvalidSpecException e) {
                    for (Violation v : e.violations()) {
                        String field = switch (v.field()) {
                            case "model", "baseline" -> "models[" + i + "]";
                            case "parallelism" -> "parallelism[" + j + "]";
                            default -> v.field();
                        };
                        String message = v.field().equals("baseline")
                                ? "cannot be in a study of this workload: " + v.message() : v.message();
                        violations.add(new Violation(field, message));
                    }
                }
                cells.add(cell);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(List.copyOf(violations));
        }
        return cells;
    }

    private static void duplicates(List<?> values, String field, Set<Violation> violations) {
        for (int i = 0; i < values.size(); i++) {
            int first = values.indexOf(values.get(i));
            if (first < i) {
                violations.add(new Violation(field + "[" + i + "]",
                        "duplicates " + field + "[" + first + "] (" + values.get(i) + "); each value may appear once"));
            }
        }
    }

    private StudyReport report(Study study) {
        List<StudyReport.Row> table = new ArrayList<>();
        List<ExperimentStatus> statuses = new ArrayList<>();
        for (Study.Cell cell : study.cells()) {
            Experiment e = experiments.get(cell.experimentId());
            statuses.add(e.status());
            Summary s = e.result() == null ? null : e.result().summary();
            boolean measured = s != null && s.wallMillis() != null && s.wallMillis().n() > 0;
            table.add(new StudyReport.Row(cell.model(), cell.parallelism(), e.id(), e.status(),
                    measured ? s.wallMillis().median() : null,
                    measured ? s.throughputPerSecond() : null,
                    s != null && s.baselineWallMillis() != null && s.baselineWallMillis().n() > 0
                            ? s.baselineWallMillis().median() : null,
                    s == null ? null : s.speedup(),
                    s == null ? null : s.speedupCi95Low(),
                    s == null ? null : s.speedupCi95High(),
                    s == null ? null : s.efficiency(),
                    s == null ? null : s.serialFraction()));
        }
        int done = (int) statuses.stream().filter(ExperimentStatus::isTerminal).count();
        Map<String, Object> params = study.spec().workload().params() == null ? Map.of() : study.spec().workload().params();
        return new StudyReport(study.id(), study.name(), StudyStatus.of(statuses),
                Study.CANCEL_REQUESTED.equals(study.state()), study.createdAt(),
                new StudyReport.Progress(done, statuses.size()), study.spec().workload().kind(), params,
                study.spec().models(), study.spec().parallelism(), table);
    }
}
