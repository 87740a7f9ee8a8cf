package io.freshdeskbigquery.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {

    @Test
    void severalStreamsCanBeReadAtOnceWhileTheDataChanges() throws Exception {
        SimulatedFreshdesk simulator = new SimulatedFreshdesk(SimulatorSettings.defaults().withUnlimitedRate(),
                TestClock.atTenPastTheMinute(), new ObjectMapper());
        simulator.mutations().everyRequests(3, 2, 1, 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (String stream : List.of("tickets", "contacts", "companies", "tickets")) {
                reads.add(pool.submit(() -> new SimClient(simulator)
                        .readAll(stream, "updated_since", "2000-01-01", "per_page", "50")
                        .size()));
            }
            for (Future<Integer> read : reads) {
                assertThat(read.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(simulator.mutations().batches()).isPositive();
        assertThat(simulator.requestCount()).isGreaterThan(80);
    }
}
