package io.freshdeskbigquery.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.sun.net.httpserver.HttpServer;
import io.freshdeskbigquery.freshdesk.PageTooLargeException;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.Exchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freshdesk.max-page-bytes}: an answer is not read past it; a page too large comes in smaller pages. */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = @ResourceArg(name = "freshdesk.max-page-bytes", value = "8192"))
class OversizePagesTest extends SyncTestSupport {

    @Test
    void aPageLargerThanTheCapIsReadInSmallerPagesAndARecordLargerThanItIsRejected() {
        serveFakeLists();
        // a page of 100 of these is about 13 KB, more than the 8 KB allowed here; 50 fit
        for (int id = 1; id <= 120; id++) {
            freshdesk.put("tickets", id, at(id));
        }
        // ticket 42 alone is larger than the cap
        freshdesk.record("tickets", 42).put("description_text", "x".repeat(10_000));

        SyncOutcome first = sync("tickets");

        assertThat(first.status()).as(first.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(119);
        List<Map<String, Object>> rejected = query("SELECT page_url, reason FROM _rejected WHERE stream = 'tickets'");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("page_url").toString()).contains("per_page=1&").endsWith("page=42");
        assertThat(rejected.get(0).get("reason").toString()).contains("freshdesk.max-page-bytes (8192 bytes)");
        assertThat(cursor("tickets")).isEqualTo(at(120));
        Set<Integer> perPage = new TreeSet<>();
        for (ServeEvent event : wireMock.getAllServeEvents()) {
            perPage.add(Integer.parseInt(event.getRequest().queryParameter("per_page").firstValue()));
        }
        assertThat(perPage).containsExactly(1, 5, 25, 50, 100);

        SyncOutcome second = sync("tickets");

        assertThat(second.status()).as(second.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(119);
    }

    @Test
    void anEndlessAnswerIsRefusedAfterTheCapAndItsConnectionDropped() throws IOException {
        // an answer without Content-Length that never ends: read whole, it would fill any heap
        AtomicLong written = new AtomicLong();
        AtomicBoolean cutOff = new AtomicBoolean();
        HttpServer endless = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] block = ("{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\",\"subject\":\"" + "y".repeat(960) + "\"},")
                .getBytes(StandardCharsets.UTF_8);
        endless.createContext("/api/v2/tickets", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write('[');
                while (true) {
                    body.write(block);
                    written.addAndGet(block.length);
                }
            } catch (IOException dropped) {
                cutOff.set(true);
            }
        });
        endless.start();
        try {
            Exchange answer = producer.request("http://127.0.0.1:" + endless.getAddress().getPort()
                    + "/api/v2/tickets?throwExceptionOnFailure=false", e -> e.getMessage().setBody(null));

            assertThat(answer.getException()).isNotNull();
            PageTooLargeException tooLarge = findCause(answer.getException(), PageTooLargeException.class);
            assertThat(tooLarge).as(String.valueOf(answer.getException())).isNotNull();
            assertThat(tooLarge.getMessage()).contains("freshdesk.max-page-bytes (8192 bytes)");
            // the loader dropped the connection: the server's writing ends, having sent no more than the socket buffers
            // hold past the cap
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilTrue(cutOff);
            assertThat(written.get()).isLessThan(32L * 1024 * 1024);
        } finally {
            endless.stop(0);
        }
    }

    @Test
    void anAnswerWhoseContentLengthIsOverTheCapIsRefusedBeforeItsBodyIsRead() throws IOException {
        AtomicLong written = new AtomicLong();
        AtomicBoolean cutOff = new AtomicBoolean();
        HttpServer huge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] block = new byte[8192];
        Arrays.fill(block, (byte) ' ');
        huge.createContext("/api/v2/tickets", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 100L * 1024 * 1024);
            try (OutputStream body = exchange.getResponseBody()) {
                for (long sent = 0; sent < 100L * 1024 * 1024; sent += block.length) {
                    body.write(block);
                    written.addAndGet(block.length);
                }
            } catch (IOException dropped) {
                cutOff.set(true);
            }
        });
        huge.start();
        try {
            Exchange answer = producer.request("http://127.0.0.1:" + huge.getAddress().getPort()
                    + "/api/v2/tickets?throwExceptionOnFailure=false", e -> e.getMessage().setBody(null));

            PageTooLargeException tooLarge = findCause(answer.getException(), PageTooLargeException.class);
            assertThat(tooLarge).as(String.valueOf(answer.getException())).isNotNull();
            assertThat(tooLarge.getMessage()).isEqualTo("the answer is 104857600 bytes long (Content-Length), more than"
                    + " freshdesk.max-page-bytes (8192 bytes)");
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilTrue(cutOff);
            assertThat(written.get()).isLessThan(32L * 1024 * 1024);
        } finally {
            huge.stop(0);
        }
    }

    private static <T extends Throwable> T findCause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
