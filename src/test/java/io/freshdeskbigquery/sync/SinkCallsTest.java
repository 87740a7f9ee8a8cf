package io.freshdeskbigquery.sync;

import java.util.List;

import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run asks of the sink, and in which order, seen by a mock endpoint that Camel's AdviceWith puts in front of
 * every {@code direct:sink-*} call of the real routes (the calls still reach DuckDB): the tables, the cursor, then per
 * page the rows and only after them the cursor that passes them, and the merge at the end. (A class of its own: the
 * advice changes this application's routes.)
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "sync.streams", value = "tickets,companies"),
        // a batch per page: the page-by-page order of writes and commits is what is checked
        @ResourceArg(name = "sync.write.batch-rows", value = "1")})
class SinkCallsTest extends SyncTestSupport {

    @Inject
    CamelContext camel;

    @Test
    void aRunWritesEachPageBeforeItsCursorAndMergesAtTheEnd() throws Exception {
        for (String route : List.of("sync-tickets", "write-tickets", "commit-cursor", "merge-tickets")) {
            AdviceWith.adviceWith(camel, route,
                    advice -> advice.interceptSendToEndpoint("direct:sink-*").to("mock:sink"));
        }
        MockEndpoint sink = camel.getEndpoint("mock:sink", MockEndpoint.class);
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        List<Exchange> calls = sink.getExchanges();
        assertThat(calls).extracting(SinkCallsTest::endpoint)
                .containsExactly(
                        "prepare", "load-state",
                        "write", "save-state",
                        "write", "save-state",
                        "write", "save-state",
                        "merge");
        // the pages' rows (keyset paging asks again from the newest second: its record is dropped, not written twice)
        assertThat(calls.stream()
                .filter(call -> endpoint(call).equals("write"))
                .map(call -> call.getIn().getBody(List.class).size())).containsExactly(100, 99, 51);
        // each cursor passes exactly the rows written before it
        assertThat(calls.stream()
                .filter(call -> endpoint(call).equals("save-state"))
                .map(call -> call.getIn().getBody(SyncState.class).cursor()))
                .containsExactly(at(100), at(199), at(250));
        Row last = (Row) calls.get(6).getIn().getBody(List.class).get(50);
        assertThat(last.updatedAt()).isEqualTo(at(250));
        assertThat(cursor("tickets")).isEqualTo(at(250));
    }

    private static String endpoint(Exchange call) {
        String uri = call.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class);
        return uri.substring(uri.indexOf("sink-") + "sink-".length());
    }
}
