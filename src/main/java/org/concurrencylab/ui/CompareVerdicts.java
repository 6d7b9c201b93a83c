package org.concurrencylab.ui;

import java.util.List;
import org.concurrencylab.experiment.Experiment;

/**
 * The seam for a statistical verdict on the compare page: each experiment after the first against
 * the first (ratio of medians with its interval, whether the difference is significant, in words),
 * as {@code GET /api/v1/compare} reports it. No bean implements it yet; when one does, the compare
 * page shows its verdicts in a row of their own, with no other change.
 */
interface CompareVerdicts {

    /**
     * @param experimentId the candidate compared against the first experiment
     * @param ratio the candidate's median over the reference's, as shown ("1.92x")
     * @param verdict the comparison in words, including whether it is significant
     */
    record Verdict(String experimentId, String ratio, String verdict) {}

    /** One verdict per experiment after the first, in order; the experiments have results. */
    List<Verdict> verdicts(List<Experiment> experiments);
}
