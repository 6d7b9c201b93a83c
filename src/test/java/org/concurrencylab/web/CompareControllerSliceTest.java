package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concurrencylab.web.Problems.assertInvalid;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.concurrencylab.experiment.ComparisonReport;
import org.concurrencylab.experiment.ExperimentComparisons;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The compare route with its service mocked: how the ids travel in, and what a refusal becomes. */
@WebMvcTest(CompareController.class)
class CompareControllerSliceTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ExperimentComparisons comparisons;

    @MockitoBean
    CurrentUser user;

    @Test
    void theIdsAreSplitAtCommasInTheirOrderAndTheReportIsJson() {
        when(comparisons.compare(eq(List.of("a", "b", "c")), any()))
                .thenReturn(new ComparisonReport(List.of(), List.of(), List.of()));

        MvcTestResult result = mvc.get().uri("/api/v1/compare?ids=a, b ,c").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.comparisons").asArray().isEmpty();
        verify(comparisons).compare(eq(List.of("a", "b", "c")), any());
    }

    @Test
    void noIdsAtAllReachTheServiceAsAnEmptyListWhichRefusesThemNamingIds() {
        when(comparisons.compare(eq(List.of()), any()))
                .thenThrow(InvalidSpecException.of("ids", "must be 2 to 10 experiment ids; got 0"));

        assertInvalid(mvc.get().uri("/api/v1/compare").exchange(), "ids");
        assertInvalid(mvc.get().uri("/api/v1/compare?ids=").exchange(), "ids");
    }
}
