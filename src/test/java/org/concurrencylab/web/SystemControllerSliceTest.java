package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import org.concurrencylab.execution.WorkerLauncher;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.LimitsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The node's description: its machine, its queue, its worker JVMs and the limits in force, as configured. */
@WebMvcTest(SystemController.class)
@EnableConfigurationProperties(LimitsProperties.class)
@TestPropertySource(properties = {"lab.limits.queue-capacity=7", "lab.limits.parallelism.PROCESSES=4"})
class SystemControllerSliceTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ExperimentService experiments;

    @MockitoBean
    WorkerLauncher workers;

    @Test
    void describesTheMachineTheQueueTheWorkersAndTheLimits() {
        when(experiments.nodeId()).thenReturn("node-7");
        when(experiments.queued()).thenReturn(3L);
        when(experiments.runningHere()).thenReturn(1);
        when(workers.liveWorkers()).thenReturn(2);
        when(workers.aotCacheStatus()).thenReturn("building");

        MvcTestResult result = mvc.get().uri("/api/v1/system").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.environment.nodeId").isEqualTo("node-7");
        assertThat(result).bodyJson().extractingPath("$.environment.availableProcessors").asNumber()
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(result).bodyJson().extractingPath("$.environment.javaVersion")
                .isEqualTo(System.getProperty("java.version"));
        assertThat(result).bodyJson().extractingPath("$.queued").asNumber().isEqualTo(3);
        assertThat(result).bodyJson().extractingPath("$.runningOnThisNode").asNumber().isEqualTo(1);
        assertThat(result).bodyJson().extractingPath("$.workers.live").asNumber().isEqualTo(2);
        assertThat(result).bodyJson().extractingPath("$.workers.aotCache").isEqualTo("building");
        assertThat(result).bodyJson().extractingPath("$.limits.queueCapacity").asNumber().isEqualTo(7);
        assertThat(result).bodyJson().extractingPath("$.limits.parallelism.PROCESSES").asNumber().isEqualTo(4);
    }

    @Test
    void isReadOnly() {
        assertThat(mvc.post().uri("/api/v1/system")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
