package io.freshdeskbigquery.simulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagingTest {

    private final SimulatedFreshdesk simulator = new SimulatedFreshdesk(
            SimulatorSettings.defaults().withUnlimitedRate(), TestClock.atTenPastTheMinute(),
            new ObjectMapper());
    private final SimClient client = new SimClient(simulator);

    @Test
    void firstPageLinksToTheSecondWithTheSameParameters() {
        SimResponse response = client.get("tickets", "updated_since", "2020-01-01T00:00:00Z", "per_page", "100");

        assertThat(response.status()).isEqualTo(200);
        assertThat(SimClient.records(response)).hasSize(100);
        assertThat(response.header("Link")).isEqualTo("<" + SimClient.BASE_URL
                + "/tickets?updated_since=2020-01-01T00:00:00Z&per_page=100&page=2>; rel=\"next\"");
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void lastPageHasNoLinkAndPagesPastTheEndAreEmpty() {
        // 500 contacts at 100 a page: page 5 is the last
        SimResponse last = client.get("contacts", "per_page", "100", "page", "5");
        assertThat(SimClient.records(last)).hasSize(100);
        assertThat(last.header("Link")).isNull();

        SimResponse past = client.get("contacts", "per_page", "100", "page", "6");
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.body()).isEqualTo("[]");
        assertThat(past.header("Link")).isNull();
    }

    @Test
    void perPageDefaultsTo30() {
        assertThat(SimClient.records(client.get("companies"))).hasSize(30);
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void followingLinksReadsEveryRecordOnceInIdOrder() {
        List<Map<String, Object>> companies = client.readAll("companies", "per_page", "7");

        assertThat(companies).hasSize(100);
        assertThat(companies).extracting(company -> ((Number) company.get("id")).longValue())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(companies).isEqualTo(simulator.snapshot("companies")
                .stream()
                .map(record -> SimClient.records(new SimResponse(200, Map.of(), json(List.of(record)))).get(0))
                .toList());
    }

    @Test
    void perPageAbove100IsRefused() {
        SimResponse response = client.get("tickets", "per_page", "101");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"description\":\"Validation failed\",\"errors\":[{\"field\":\"per_page\","
                        + "\"message\":\"Has to be less than or equal to 100\",\"code\":\"invalid_value\"}]}");
    }

    @Test
    void pageMustBeAPositiveInteger() {
        assertThat(client.get("tickets", "page", "0").status()).isEqualTo(400);
        assertThat(client.get("contacts", "page", "two").body()).contains("\"field\":\"page\"", "datatype_mismatch");
    }

    @Test
    void ticketsRefusePagesBeyond300() {
        SimulatedFreshdesk big = new SimulatedFreshdesk(SimulatorSettings.defaults()
                .withTickets(31_000)
                .withContacts(1000)
                .withUnlimitedRate(), TestClock.atTenPastTheMinute(),
                new ObjectMapper());
        SimClient bigClient = new SimClient(big);

        SimResponse page300 = bigClient.get("tickets", "updated_since", "2000-01-01", "per_page", "100", "page", "300");
        assertThat(page300.status()).isEqualTo(200);
        assertThat(SimClient.records(page300)).hasSize(100);
        assertThat(page300.header("Link")).contains("page=301");

        SimResponse page301 = bigClient.get("tickets", "updated_since", "2000-01-01", "per_page", "100", "page", "301");
        assertThat(page301.status()).isEqualTo(400);
        assertThat(page301.body()).isEqualTo("{\"description\":\"Validation failed\",\"errors\":[{\"field\":\"page\","
                + "\"message\":\"You cannot access tickets beyond the 300th page. Please provide a smaller page number.\","
                + "\"code\":\"invalid_value\"}]}");

        // other lists have no cap
        assertThat(bigClient.get("contacts", "per_page", "1", "page", "301").status()).isEqualTo(200);
    }

    @Test
    void linkValuesArePercentEncoded() {
        SimResponse response = client.get("tickets", "updated_since", "2020-01-01T00:00:00+00:00", "include",
                "stats, requester");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Link"))
                .contains("updated_since=2020-01-01T00:00:00%2B00:00&include=stats,%20requester&page=2");
    }

    @Test
    void unknownPathIs404() {
        assertThat(client.get("tickets/123/conversations").status()).isEqualTo(404);
        assertThat(client.get("/tickets/").status()).isEqualTo(200);
    }
}
