package org.concurrencylab.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The explorer over HTTP: the lessons the issue names, the replay, the catalog, the picture and every 400. */
@WebMvcTest(InterleavingsController.class)
@EnableConfigurationProperties(InterleavingsProperties.class)
@TestPropertySource(properties = "lab.interleavings.max-interleavings=10000")
class InterleavingsApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void counterIncrementWithoutALockHasALosingSchedule() throws Exception {
        explore("{\"program\": \"counter.increment\", \"threads\": 2, \"strategy\": \"none\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.interleavings").value(20))
                .andExpect(jsonPath("$.wrongInterleavings").value(18))
                .andExpect(jsonPath("$.expected").value("counter=2"))
                .andExpect(jsonPath("$.initial.counter").value(0))
                .andExpect(jsonPath("$.outcomes[0].state").value("counter=2"))
                .andExpect(jsonPath("$.outcomes[0].correct").value(true))
                .andExpect(jsonPath("$.outcomes[1].state").value("counter=1"))
                .andExpect(jsonPath("$.outcomes[1].count").value(18))
                .andExpect(jsonPath("$.failingSchedule.schedule").value(contains(1, 1, 2, 2, 2, 1)))
                .andExpect(jsonPath("$.failingSchedule.outcome").value("counter=1"))
                .andExpect(jsonPath("$.failingSchedule.steps[0].step").value("read"))
                .andExpect(jsonPath("$.failingSchedule.steps[0].code").value("tmp = counter"))
                .andExpect(jsonPath("$.failingSchedule.steps[0].locals[0].tmp").value(0))
                .andExpect(jsonPath("$.failingSchedule.steps[4].shared.counter").value(1))
                .andExpect(jsonPath("$.failingSchedule.steps[5].wrote").value(contains("counter")))
                .andExpect(jsonPath("$.summary").value(containsString("18 of 20 interleavings end wrong")))
                .andExpect(jsonPath("$.order").doesNotExist())
                .andExpect(jsonPath("$.replay").doesNotExist());
    }

    @Test
    void withALockNoScheduleLoses() throws Exception {
        explore("{\"program\": \"counter.increment\", \"threads\": 3, \"strategy\": \"lock\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.interleavings").value(6))
                .andExpect(jsonPath("$.wrongInterleavings").value(0))
                .andExpect(jsonPath("$.outcomes[0].state").value("counter=3"))
                .andExpect(jsonPath("$.failingSchedule").value(nullValue()));
    }

    @Test
    void twoLocksInOppositeOrderDeadlockButNotInOneOrder() throws Exception {
        explore("{\"program\": \"two-locks\", \"strategy\": \"lock\", \"order\": \"opposite\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.order").value("opposite"))
                .andExpect(jsonPath("$.deadlocks").value(2))
                .andExpect(jsonPath("$.outcomes[*].state").value(hasItem("DEADLOCK")))
                .andExpect(jsonPath("$.failingSchedule.outcome").value("DEADLOCK"))
                .andExpect(jsonPath("$.failingSchedule.steps[1].locks.lock_a").value(1))
                .andExpect(jsonPath("$.failingSchedule.steps[1].locks.lock_b").value(2))
                .andExpect(jsonPath("$.failingSchedule.steps[1].blocked").value(contains(1, 2)));
        explore("{\"program\": \"two-locks\", \"threads\": 3, \"strategy\": \"lock\", \"order\": \"consistent\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deadlocks").value(0))
                .andExpect(jsonPath("$.outcomes[*].state").value(not(hasItem("DEADLOCK"))))
                .andExpect(jsonPath("$.failingSchedule").value(nullValue()));
    }

    @Test
    void theSameRequestGetsTheSameAnswer() throws Exception {
        String request = "{\"program\": \"check-then-act\", \"threads\": 3}";
        String first = explore(request).andReturn().getResponse().getContentAsString();
        String second = explore(request).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(second).isEqualTo(first).contains("created=2");
    }

    @Test
    void aGivenScheduleIsReplayedStepByStep() throws Exception {
        explore("{\"program\": \"counter.increment\", \"schedule\": [1, 2, 1, 2, 1, 2]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replay.schedule").value(contains(1, 2, 1, 2, 1, 2)))
                .andExpect(jsonPath("$.replay.contextSwitches").value(5))
                .andExpect(jsonPath("$.replay.outcome").value("counter=1"))
                .andExpect(jsonPath("$.replay.correct").value(false))
                .andExpect(jsonPath("$.replay.steps[1].locals[1].tmp").value(0))
                .andExpect(jsonPath("$.interleavings").value(20));
        explore("{\"program\": \"counter.increment\", \"strategy\": \"lock\", \"schedule\": [1, 1]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replay.outcome").value(nullValue()))
                .andExpect(jsonPath("$.replay.runnable").value(contains(1)))
                .andExpect(jsonPath("$.replay.steps[1].blocked").value(contains(2)));
    }

    /** Body -> the field the problem names, and words its message must hold. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"program\": \"counter.decrement\"}| program| counter.increment, check-then-act, two-locks",
        "{\"threads\": 2}| program| is required",
        "{\"program\": \"counter.increment\", \"threads\": 4}| threads| must be 2 or 3",
        "{\"program\": \"counter.increment\", \"threads\": \"two\"}| threads| whole number",
        "{\"program\": \"counter.increment\", \"strategy\": \"mutex\"}| strategy| one of none, lock",
        "{\"program\": \"counter.increment\", \"order\": \"opposite\"}| order| applies only to two-locks",
        "{\"program\": \"two-locks\", \"strategy\": \"none\", \"order\": \"opposite\"}| order| only with strategy lock",
        "{\"program\": \"two-locks\", \"order\": \"backwards\"}| order| one of opposite, consistent",
        "{\"program\": \"counter.increment\", \"schedule\": [1, 3]}| schedule[1]| from 1 to 2, was 3",
        "{\"program\": \"counter.increment\", \"schedule\": [1, 1, 1, 1]}| schedule[3]| already finished",
        "{\"program\": \"counter.increment\", \"strategy\": \"lock\", \"schedule\": [1, 2]}| schedule[1]| is blocked",
        "{\"program\": \"counter.increment\", \"schedule\": [1, \"x\"]}| schedule[1]| whole number",
        "{\"program\": \"counter.increment\", \"schedule\": \"1 2\"}| schedule| must be a JSON array",
        "{\"program\": \"counter.increment\", \"colour\": \"red\"}| colour| unknown field",
        "{\"program\": | body| malformed JSON",
        "[]| body| must be",
        "{\"program\": \"counter.increment\", \"threads\": 99999999999}| threads| whole number",
        "{\"program\": \"counter.increment\", \"threads\": -1}| threads| must be 2 or 3, was -1",
        "{\"program\": \"two-locks\", \"threads\": 3, \"strategy\": \"none\"}| threads| 34,650 interleavings"})
    void badInputIsA400NamingTheField(String body, String field, String words) throws Exception {
        explore(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(containsString(words)))
                .andExpect(jsonPath("$.detail").value(not(containsString("Exception"))));
    }

    @Test
    void theCatalogListsEveryProgramWithItsStepsAndParams() throws Exception {
        mvc.perform(get("/api/v1/catalog/interleavings"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].program").value(contains("counter.increment", "check-then-act", "two-locks")))
                .andExpect(jsonPath("$[0].shared.counter").value(0))
                .andExpect(jsonPath("$[0].locals").value(contains("tmp")))
                .andExpect(jsonPath("$[0].params[*].name").value(contains("threads", "strategy", "schedule")))
                .andExpect(jsonPath("$[0].params[0].min").value(2))
                .andExpect(jsonPath("$[0].params[0].max").value(3))
                .andExpect(jsonPath("$[0].variants[0].strategy").value("none"))
                .andExpect(jsonPath("$[0].variants[0].interleavings.2").value(20))
                .andExpect(jsonPath("$[0].variants[0].interleavings.3").value(1680))
                .andExpect(jsonPath("$[0].variants[0].threads[0][*].step").value(contains("read", "add", "write")))
                .andExpect(jsonPath("$[0].variants[1].threads[0][0].code").value("lock.acquire()"))
                .andExpect(jsonPath("$[2].params[*].name").value(contains("threads", "strategy", "order", "schedule")))
                .andExpect(jsonPath("$[2].params[1].defaultValue").value("lock"))
                .andExpect(jsonPath("$[2].variants[*].order").value(contains("opposite", "consistent")))
                .andExpect(jsonPath("$[2].variants[1].threads[1][0].step").value("acquire lock_b"))
                .andExpect(jsonPath("$[2].variants[2].threads[1][0].step").value("acquire lock_a"));
    }

    @Test
    void theFailingScheduleIsAPicture() throws Exception {
        mvc.perform(get("/api/v1/interleavings/counter.increment/schedule.svg?threads=2&strategy=none"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
                .andExpect(content().string(containsString("<svg")))
                .andExpect(content().string(containsString("shortest failing schedule ends counter=1")))
                .andExpect(content().string(containsString(">thread 2</text>")))
                .andExpect(content().string(containsString("Position in the schedule")));
        mvc.perform(get("/api/v1/interleavings/two-locks/schedule.svg?order=consistent"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("no schedule fails; the first interleaving ends a=10, b=10")));
        mvc.perform(get("/api/v1/interleavings/two-locks/schedule.svg?schedule=1,2"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("your schedule ends DEADLOCK")));
    }

    @Test
    void aBadPictureRequestIsA400Too() throws Exception {
        mvc.perform(get("/api/v1/interleavings/counter.increment/schedule.svg?schedule=1,x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("schedule[1]"));
        mvc.perform(get("/api/v1/interleavings/spin.lock/schedule.svg?threads=9"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("program", "threads")));
    }

    private ResultActions explore(String body) throws Exception {
        return mvc.perform(post("/api/v1/interleavings").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
