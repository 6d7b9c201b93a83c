package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.experiment.LimitsProperties;
import org.concurrencylab.workload.Kinds;
import org.concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The catalog is read from the workload and model definitions and the configured limits, nothing
 * restated: each entry is checked against the definition it shows, and a configured cap lowers
 * what the catalog offers exactly as it lowers what validation accepts.
 */
@WebMvcTest(CatalogController.class)
@EnableConfigurationProperties(LimitsProperties.class)
@TestPropertySource(properties = {"lab.limits.parallelism.THREADS=4", "lab.limits.params.size=1000",
    "lab.limits.options.stages=3"})
class CatalogControllerSliceTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void everyModelWithItsParallelismBoundsAndOptions() {
        MvcTestResult result = mvc.get().uri("/api/v1/catalog/models").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$[*].name").asArray()
                .containsExactly(Arrays.stream(ExecutionModel.values()).map(Enum::name).toArray());
        int threads = ExecutionModel.THREADS.ordinal();
        // Configured below its ceiling: the configured cap; left out: the model's own ceiling.
        assertThat(result).bodyJson().extractingPath("$[" + threads + "].maxParallelism").asNumber().isEqualTo(4);
        assertThat(result).bodyJson().extractingPath("$[" + threads + "].fields[0].max").asNumber().isEqualTo(4);
        assertThat(result).bodyJson().extractingPath("$[" + ExecutionModel.PROCESSES.ordinal() + "].maxParallelism")
                .asNumber().isEqualTo(ExecutionModel.PROCESSES.maxParallelismCeiling());
        String sequential = "$[" + ExecutionModel.SEQUENTIAL.ordinal() + "].fields[0]";
        assertThat(result).bodyJson().extractingPath(sequential + ".defaultValue").asNumber().isEqualTo(1);
        assertThat(result).bodyJson().extractingPath(sequential + ".max").asNumber().isEqualTo(1);
        String virtual = "$[" + ExecutionModel.VIRTUAL_THREADS.ordinal() + "].fields[0]";
        assertThat(result).bodyJson().extractingPath(virtual + ".min").asNumber().isEqualTo(0);
        assertThat(result).bodyJson().extractingPath(virtual + ".defaultValue").asNumber().isEqualTo(0);
        String futures = "$[" + ExecutionModel.FUTURES.ordinal() + "].fields";
        assertThat(result).bodyJson().extractingPath(futures + "[*].name").asArray()
                .containsExactly("parallelism", "stages");
        assertThat(result).bodyJson().extractingPath(futures + "[1].max").asNumber().isEqualTo(3);
        for (ExecutionModel model : ExecutionModel.values()) {
            assertThat(result).bodyJson().extractingPath("$[" + model.ordinal() + "].fields[*].name").asArray()
                    .as(model.name()).hasSize(1 + model.options().size());
        }
    }

    @Test
    void everyWorkloadAsItsDefinitionDeclaresIt() {
        MvcTestResult result = mvc.get().uri("/api/v1/catalog/workloads").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$[*].kind").asArray()
                .containsExactly(Workloads.ALL.stream().map(WorkloadDefinition::id).toArray());
        for (int i = 0; i < Workloads.ALL.size(); i++) {
            WorkloadDefinition kind = Workloads.ALL.get(i);
            String entry = "$[" + i + "]";
            assertThat(result).bodyJson().extractingPath(entry + ".description").isEqualTo(kind.description());
            assertThat(result).bodyJson().extractingPath(entry + ".models").asArray().as(kind.id())
                    .containsExactly(kind.models().stream().map(Enum::name).toArray());
            assertThat(result).bodyJson().extractingPath(entry + ".params[*].name").asArray().as(kind.id())
                    .containsExactly(kind.params().stream().map(Param::name).toArray());
            assertThat(result).bodyJson().extractingPath(entry + ".tasks").isEqualTo(kind.tasks().meaning());
            for (ExecutionModel refused : kind.refusals().keySet()) {
                assertThat(result).bodyJson().extractingPath(entry + ".otherModels." + refused.name())
                        .isEqualTo(kind.refusals().get(refused));
            }
        }
    }

    @Test
    void aConfiguredParamCapLowersTheBoundAndTheDefaultItShows() {
        MvcTestResult result = mvc.get().uri("/api/v1/catalog/workloads").exchange();
        int primes = Workloads.ALL.indexOf(Kinds.CPU_PRIMES);
        Param.Int size = (Param.Int) Kinds.CPU_PRIMES.param("size").orElseThrow();

        String param = "$[" + primes + "].params[?(@.name == 'size')]";
        assertThat(result).bodyJson().extractingPath(param + ".max").asArray().containsExactly(1000);
        assertThat(result).bodyJson().extractingPath(param + ".defaultValue").asArray()
                .containsExactly((int) Math.min(size.defaultValue(), 1000));
        assertThat(result).bodyJson().extractingPath(param + ".type").asArray().containsExactly("integer");
    }

    @Test
    void aChoiceParamListsItsChoicesAndALabThatFitsOneModelSaysWhyNotTheOthers() {
        MvcTestResult result = mvc.get().uri("/api/v1/catalog/workloads").exchange();
        int counter = Workloads.ALL.indexOf(Kinds.SYNC_COUNTER);
        int pipe = Workloads.ALL.indexOf(Kinds.IPC_PIPE);
        Param.Choice strategy = (Param.Choice) Kinds.SYNC_COUNTER.param("strategy").orElseThrow();

        String param = "$[" + counter + "].params[?(@.name == 'strategy')]";
        assertThat(result).bodyJson().extractingPath(param + ".type").asArray().containsExactly("choice");
        assertThat(result).bodyJson().extractingPath(param + ".choices[*]").asArray()
                .containsExactly(strategy.choices().toArray());
        assertThat(result).bodyJson().extractingPath("$[" + pipe + "].models").asArray().containsExactly("PROCESSES");
        assertThat(result).bodyJson().extractingPath("$[" + pipe + "].otherModels.SEQUENTIAL").asString().isNotBlank();
        assertThat(result).bodyJson().extractingPath("$[" + pipe + "].observations[*].name").asArray()
                .contains("roundTripMicrosP50", "messagesPerSecond", "bytesPerSecond");
    }
}
