package io.freshdeskbigquery.sync;

import java.time.LocalDate;
import java.time.ZoneOffset;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the loader refuses of an export's file: one larger than {@code freshdesk.export.max-file-bytes} (here 4096), and
 * a link it does not follow. Either fails the run at once, naming why; the cursor stays before the day.
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "freshdesk.export.max-file-bytes", value = "4096"),
        @ResourceArg(name = "sync.ticket_activities.backfill", value = "2d")})
class TicketActivitiesFileCapTest extends SyncTestSupport {

    static final String EXPORT = "/api/v2/export/ticket_activities";

    /** The storage (held apart: the test resource injects Freshdesk's WireMock by its type). */
    static final class Storage {
        final WireMockServer server = new WireMockServer(options().dynamicPort());
    }

    static Storage files;

    @BeforeAll
    static void startStorage() {
        files = new Storage();
        files.server.start();
    }

    @AfterAll
    static void stopStorage() {
        files.server.stop();
    }

    @Test
    void aFileLargerThanTheCapFailsTheRunNamingTheKey() {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(okJson("{\"export\":{\"url\":\"" + files.server.baseUrl() + "/big.json?sig=1\"}}")));
        files.server.stubFor(get(urlPathEqualTo("/big.json")).willReturn(
                okJson("{\"activities_data\":[{\"ticket_id\":1,\"note\":\"" + "x".repeat(5000) + "\"}]}")));

        SyncOutcome outcome = sync("ticket_activities");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("export of " + first, "freshdesk.export.max-file-bytes (4096 bytes)",
                "raise freshdesk.export.max-file-bytes");
        // not retried: the same file would be too large again
        files.server.verify(1, getRequestedFor(urlPathEqualTo("/big.json")));
        assertThat(cursor("ticket_activities")).isNull();
    }

    @Test
    void aLinkThatIsNoHttpLinkIsNotFollowed() {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).withQueryParam("created_at", equalTo(first.toString()))
                .willReturn(okJson("{\"export\":{\"url\":\"file:///etc/passwd\"}}")));

        SyncOutcome outcome = sync("ticket_activities");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("export of " + first, "the export's link is not an http(s) URL");
        files.server.verify(0, getRequestedFor(urlPathMatching(".*")));
    }
}
