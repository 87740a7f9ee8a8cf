package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages served from records rendered ahead are the pages the simulator renders on demand, changes included. */
class PrerenderTest {

    private static SimulatedFreshdesk simulator() {
        return new SimulatedFreshdesk(SimulatorSettings.defaults().withUnlimitedRate(), TestClock.atTenPastTheMinute(),
                new ObjectMapper());
    }

    @Test
    void pagesRenderedAheadEqualThePagesRenderedOnDemand() {
        SimulatedFreshdesk ahead = simulator();
        ahead.prerender("tickets");
        SimClient aheadClient = new SimClient(ahead);
        SimClient onDemand = new SimClient(simulator());
        String[] query = {"updated_since", "2020-01-01T00:00:00Z", "order_by", "updated_at", "order_type", "asc",
                "per_page", "100", "page", "2"};

        SimResponse fromAhead = aheadClient.get("tickets", query);
        assertThat(fromAhead.body()).isEqualTo(onDemand.get("tickets", query).body());
        assertThat(fromAhead.header("Link")).isEqualTo(onDemand.get("tickets", query).header("Link"));

        // a record changed after it was rendered ahead is rendered anew
        long id = ((Number) SimClient.records(fromAhead).get(0).get("id")).longValue();
        Instant touched = ahead.mutations().touchTicket(id);
        SimResponse changed = aheadClient.get("tickets", "updated_since", touched.toString(), "order_by", "updated_at",
                "order_type", "asc", "per_page", "100");
        assertThat(SimClient.records(changed)).anySatisfy(ticket -> {
            assertThat(((Number) ticket.get("id")).longValue()).isEqualTo(id);
            assertThat(ticket.get("updated_at")).isEqualTo(touched.toString());
        });
    }

    @Test
    void pagesRenderedAheadWithAnIncludeEqualThoseRenderedOnDemandAndPagesWithoutItStillDo() {
        SimulatedFreshdesk ahead = simulator();
        ahead.prerender("tickets", Set.of("description"));
        SimClient aheadClient = new SimClient(ahead);
        SimClient onDemand = new SimClient(simulator());
        String[] described = {"updated_since", "2020-01-01T00:00:00Z", "per_page", "100", "include", "description"};
        String[] plain = {"updated_since", "2020-01-01T00:00:00Z", "per_page", "100"};

        SimResponse fromAhead = aheadClient.get("tickets", described);
        assertThat(fromAhead.body()).isEqualTo(onDemand.get("tickets", described).body());
        assertThat(SimClient.records(fromAhead))
                .allSatisfy(ticket -> assertThat(ticket).containsKey("description_text"));
        SimResponse plainPage = aheadClient.get("tickets", plain);
        assertThat(plainPage.body()).isEqualTo(onDemand.get("tickets", plain).body());
        assertThat(SimClient.records(plainPage))
                .allSatisfy(ticket -> assertThat(ticket).doesNotContainKey("description_text"));
    }
}
