package io.freshdeskbigquery.sync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record the JSON parser cannot read (an invalid UTF-8 byte, nesting past its limit) no longer refuses its whole
 * page: the page is read in smaller pages until the record stands alone, which goes to {@code _rejected}.
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class UnreadablePagesTest extends SyncTestSupport {

    @Test
    void recordsTheParserCannotReadAreSetApartByAskingForSmallerPagesAndTheRestLoads() {
        serveFakeLists();
        for (int id = 1; id <= 150; id++) {
            freshdesk.put("tickets", id, at(id));
        }
        // ticket 37 carries a byte that is not UTF-8; ticket 80 nests deeper than any ticket (and the parser's limit)
        freshdesk.serveAs("tickets", 37, concat(("{\"id\":37,\"subject\":\"Caf").getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xff}, ("\",\"updated_at\":\"" + at(37) + "\"}").getBytes(StandardCharsets.UTF_8)));
        freshdesk.serveAs("tickets", 80, ("{\"id\":80,\"updated_at\":\"" + at(80) + "\",\"deep\":" + "[".repeat(1500)
                + "]".repeat(1500) + "}").getBytes(StandardCharsets.UTF_8));

        SyncOutcome first = sync("tickets");

        assertThat(first.status()).as(first.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(148);
        assertThat(count("SELECT count(*) FROM tickets WHERE id IN (37, 80)")).isZero();
        List<Map<String, Object>> rejected = query(
                "SELECT page_url, reason, raw FROM _rejected WHERE stream = 'tickets'"
                        + " ORDER BY page_url");
        assertThat(rejected).hasSize(2);
        // each is named by the request that held it alone (the 37th and 80th record of the query) and the parser's reason
        Map<String, Object> utf8 = rejected.stream()
                .filter(r -> r.get("raw").toString().contains("\"id\":37"))
                .findFirst()
                .orElseThrow();
        assertThat(utf8.get("page_url").toString()).contains("per_page=1&").endsWith("page=37");
        assertThat(utf8.get("reason").toString()).contains("Invalid UTF-8");
        Map<String, Object> deep = rejected.stream()
                .filter(r -> r.get("raw").toString().contains("\"id\":80"))
                .findFirst()
                .orElseThrow();
        assertThat(deep.get("page_url").toString()).contains("per_page=1&").endsWith("page=80");
        assertThat(deep.get("reason").toString()).contains("nesting depth");
        assertThat(cursor("tickets")).isEqualTo(at(150));
        // the page of 100 was asked for whole (and again, freshdesk.retry.bad-record-attempts times), then in halves
        // and smaller: 50, 25, 5, 1
        Set<Integer> perPage = new TreeSet<>();
        for (ServeEvent event : wireMock.getAllServeEvents()) {
            perPage.add(Integer.parseInt(event.getRequest().queryParameter("per_page").firstValue()));
        }
        assertThat(perPage).containsExactly(1, 5, 25, 50, 100);

        wireMock.resetRequests();
        SyncOutcome second = sync("tickets");

        assertThat(second.status()).as(second.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(148);
        assertThat(count("SELECT count(*) FROM _rejected")).isEqualTo(2);
    }

    @Test
    void aRequestThatFailsWhileAPageIsReadInSmallerPagesIsRetriedAndTheSmallerPagesGoOn() {
        serveFakeLists();
        for (int id = 1; id <= 60; id++) {
            freshdesk.put("tickets", id, at(id));
        }
        freshdesk.serveAs("tickets", 7, ("{\"id\":7,\"updated_at\":\"" + at(7) + "\",\"subject\":\"a\u0001b\"}")
                .getBytes(StandardCharsets.UTF_8));
        // the page whole three times (freshdesk.retry.bad-record-attempts re-asks), then the first smaller page: its
        // first answer is a 503
        freshdesk.failRequests(Set.of(4), 503);

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(59);
        assertThat(query("SELECT page_url, reason FROM _rejected").get(0).get("page_url").toString())
                .contains("per_page=1&")
                .endsWith("page=7");
        assertThat(cursor("tickets")).isEqualTo(at(60));
        List<String> firstPieces = wireMock.getAllServeEvents()
                .stream()
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .map(e -> e.getRequest().queryParameter("per_page").firstValue() + "@"
                        + e.getRequest().queryParameter("page").firstValue())
                .limit(6)
                .toList();
        assertThat(firstPieces).containsExactly("100@1", "100@1", "100@1", "50@1", "50@1", "25@1");
    }

    @Test
    void aConversationTheParserCannotReadIsSetApartAndTheTicketsOtherConversationsLoad() {
        serveFakeLists();
        for (int i = 1; i <= 3; i++) {
            freshdesk.put("tickets", i, at(i));
            for (int c = 1; c <= 4; c++) {
                freshdesk.putConversation(i, 10L * i + c, at(i));
            }
        }
        freshdesk.serveAs("conversations", 22,
                concat(("{\"id\":22,\"ticket_id\":2,\"body_text\":\"").getBytes(StandardCharsets.UTF_8),
                        new byte[]{(byte) 0xc3, (byte) 0x28},
                        ("\",\"updated_at\":\"" + at(2) + "\"}").getBytes(StandardCharsets.UTF_8)));

        SyncOutcome outcome = sync("conversations");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(11);
        assertThat(count("SELECT count(*) FROM conversations WHERE id = 22")).isZero();
        Map<String, Object> rejected = query("SELECT stream, page_url, reason FROM _rejected").get(0);
        assertThat(rejected.get("stream")).isEqualTo("conversations");
        assertThat(rejected.get("page_url").toString()).contains("/tickets/2/conversations?per_page=1&")
                .endsWith("page=2");
        assertThat(rejected.get("reason").toString()).contains("Invalid UTF-8");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
