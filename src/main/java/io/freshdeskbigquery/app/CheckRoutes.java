package io.freshdeskbigquery.app;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.DestinationType;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.StateCheck;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.freshdesk.ActivityExportDay;
import io.freshdeskbigquery.freshdesk.ActivityExportRoutes;
import io.freshdeskbigquery.freshdesk.FreshdeskHttpException;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.FreshdeskRoutes;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageAsk;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.quarkus.runtime.Quarkus;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;

/**
 * {@code sync.check=true}: before a first sync, or to test a Secret, the loader checks instead of syncing. The
 * configuration was checked at start (a wrong value stops it there); then, per configured stream, one request for the
 * first page of what changed in the last day, or of the whole list for a list read whole (the API key, and the key's
 * permission to read that stream), and the stream's cursor read from the destination ({@link Sink#CHECK_STATE}: its
 * access, without creating or changing anything; a destination that does not exist yet passes when the first sync can
 * create it). It prints a table and exits 0 when every check passed, 1 otherwise, whatever failed, the check itself
 * included.
 */
@ApplicationScoped
public class CheckRoutes extends RouteBuilder {

    public static final String CHECK = "direct:check";
    static final String CHECK_STREAM = "direct:check-stream";
    static final String CHECK_PAGE = "direct:check-page";
    /** Variable: what {@link Sink#CHECK_STATE} found. */
    private static final String STATE_CHECK = "stateCheck";

    private static final Logger LOG = Logger.getLogger(CheckRoutes.class);

    @Inject
    SyncSettings settings;
    @Inject
    Instance<Destination> destination;
    @Inject
    DestinationConfig destinationConfig;

    /** One stream's check: the page it asks for, and what Freshdesk and the destination answered. */
    public static final class StreamCheck implements PageAsk {
        private final FreshdeskStream stream;
        private final Instant since = Instant.now().minus(Duration.ofDays(1));
        String freshdesk = "not asked";
        boolean freshdeskOk;
        String destination = "not read";
        boolean destinationOk;

        StreamCheck(FreshdeskStream stream) {
            this.stream = stream;
        }

        @Override
        public FreshdeskStream stream() {
            return stream;
        }

        @Override
        public int page() {
            return 1;
        }

        @Override
        public Instant since() {
            return since;
        }

        boolean ok() {
            return freshdeskOk && destinationOk;
        }
    }

    @Override
    public void configure() {
        // @formatter:off
        if (!settings.check()) {
            return;
        }
        from(CHECK).routeId("check")
                // sent by ScheduleStarter without waiting: whatever breaks the check itself ends the process too, with
                // a line saying why, instead of leaving it running without its table
                .onException(Exception.class).handled(true).process(this::checkBroke).end()
                .process(this::streamsToCheck)
                .split(body(), new Collect())
                    .to(CHECK_STREAM)
                .end()
                .process(this::report);

        // the first page, as a run would ask for it; a connection that fails is tried twice more, a second apart (with
        // the built-in simulator, the application's own HTTP server may still be coming up); nothing else is retried
        from(CHECK_PAGE).routeId("check-page")
                .onException(IOException.class).maximumRedeliveries(2).redeliveryDelay(1000).end()
                .choice()
                    // a daily export (ticket activities): yesterday's export asked for, its file left alone
                    .when(CheckRoutes::readsDailyExport)
                        .setProperty(ActivityExportDay.DATE, CheckRoutes::yesterday)
                        .to(ActivityExportRoutes.ASK)
                    .otherwise()
                        .to(FreshdeskRoutes.FETCH_PAGE)
                .end();

        from(CHECK_STREAM).routeId("check-stream")
                .errorHandler(noErrorHandler())
                .setProperty(PageAsk.PROPERTY, body())
                .process(this::streamTables)
                // the API key and its permission
                .doTry()
                    .to(CHECK_PAGE)
                    .process(this::freshdeskAnswered)
                .doCatch(FreshdeskHttpException.Unauthorized.class)
                    .process(exchange -> freshdeskRefused(exchange, "401: the API key is not accepted (freshdesk.api-key)"))
                .doCatch(FreshdeskHttpException.NotAccessible.class)
                    .process(exchange -> freshdeskRefused(exchange, "403/404: the key's agent may not read this stream,"
                            + " or the plan lacks it"))
                .doCatch(Exception.class)
                    .process(exchange -> freshdeskRefused(exchange, message(exchange)))
                .end()
                // the destination: the stream's committed cursor, nothing created or changed
                .doTry()
                    .toV(Sink.CHECK_STATE, null, STATE_CHECK)
                    .process(this::cursorRead)
                .doCatch(Exception.class)
                    .process(this::destinationRefused)
                .end()
                .setBody(exchangeProperty(PageAsk.PROPERTY));
        // @formatter:on
    }

    /** What the sink reads: the stream's tables. */
    void streamTables(Exchange exchange) {
        exchange.setProperty(Sink.TABLE, check(exchange).stream().table());
    }

    void streamsToCheck(Exchange exchange) {
        List<StreamCheck> checks = new ArrayList<>();
        settings.streams().forEach(stream -> checks.add(new StreamCheck(stream)));
        exchange.getMessage().setBody(checks);
    }

    void freshdeskAnswered(Exchange exchange) {
        FreshdeskPage page = exchange.getProperty(FreshdeskPage.PROPERTY, FreshdeskPage.class);
        StreamCheck check = check(exchange);
        check.freshdeskOk = true;
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        if (check.stream().dailyExport() && day != null) {
            check.freshdesk = "export answers: " + day.day() + " " + (day.ready() ? "ready (" : "not ready yet (")
                    + day.answer() + ")";
            return;
        }
        int records = page == null ? 0 : page.records().size();
        // a child stream's run pages through its parent's list: the page is the parent's
        FreshdeskStream listed = check.stream().listed();
        String what = listed == check.stream() ? "records" : listed.streamName();
        check.freshdesk = listed.incremental()
                ? "200: " + records + " " + what + " changed in the last day on the first page"
                : "200: " + records + " " + what + " on the first page (read whole every run)";
    }

    void freshdeskRefused(Exchange exchange, String why) {
        check(exchange).freshdesk = why;
    }

    void cursorRead(Exchange exchange) {
        StateCheck found = exchange.getVariable(STATE_CHECK, StateCheck.class);
        SyncState state = found.committed();
        StreamCheck check = check(exchange);
        check.destinationOk = true;
        check.destination = found.missing() != null
                ? found.missing()
                : state == null
                        ? "readable; never synced (starts at " + settings.startDate() + ")"
                        : "readable; cursor " + state.cursor();
    }

    /** The destination's own words when it says what failed; the exception's kind besides, when not. */
    void destinationRefused(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        check(exchange).destination = caught instanceof DestinationException ? caught.getMessage() : message(exchange);
    }

    /** The check could not finish (not one of its checks failing: those are in the table): said, and exit 1. */
    void checkBroke(Exchange exchange) {
        LOG.errorf("sync.check could not finish: %s; exiting with status 1",
                LogText.abbreviate(message(exchange), 300));
        Quarkus.asyncExit(1);
    }

    /** Prints the table and exits: 0 when every check passed. */
    void report(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<StreamCheck> checks = exchange.getMessage().getBody(List.class);
        StringBuilder table = new StringBuilder("sync.check: configuration accepted; destination ")
                .append(destinationName())
                .append('\n');
        // the stream column as wide as its longest name (deleted_contacts, which comes with contacts: 16)
        int width = checks.stream().mapToInt(check -> check.streamName().length()).reduce(12, Math::max);
        String row = "%-" + width + "s %-4s %-70s %-4s %s%n";
        table.append(String.format(row, "stream", "", "Freshdesk", "", "destination"));
        boolean ok = true;
        for (StreamCheck check : checks) {
            table.append(
                    String.format(row, check.streamName(), check.freshdeskOk ? "ok" : "FAIL",
                            LogText.abbreviate(check.freshdesk, 70), check.destinationOk ? "ok" : "FAIL",
                            LogText.abbreviate(check.destination, 160)));
            ok &= check.ok();
        }
        LOG.info(table.append(ok ? "every check passed" : "a check failed").toString());
        Quarkus.asyncExit(ok ? 0 : 1);
    }

    /** The destination as the table's first line names it; a DuckDB file is not opened for it (nor created). */
    private String destinationName() {
        return destinationConfig.selects(DestinationType.DUCKDB)
                ? "duckdb:" + destinationConfig.duckdb().path()
                : destination.get().describe();
    }

    private static StreamCheck check(Exchange exchange) {
        return exchange.getProperty(PageAsk.PROPERTY, StreamCheck.class);
    }

    private static String message(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught == null ? "failed" : caught.getClass().getSimpleName() + ": " + caught.getMessage();
    }

    /** Whether the stream checked is read from a daily export (ticket activities) rather than paged. */
    private static boolean readsDailyExport(Exchange exchange) {
        return check(exchange).stream().dailyExport();
    }

    /** The day a check asks a daily export for: yesterday (UTC), the last day a run would read. */
    static LocalDate yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    /** The checks, in the order of sync.streams. */
    static final class Collect implements AggregationStrategy {
        @Override
        @SuppressWarnings("unchecked")
        public Exchange aggregate(Exchange collected, Exchange one) {
            if (collected == null) {
                one.getMessage().setBody(new ArrayList<>(List.of(one.getMessage().getBody(StreamCheck.class))));
                return one;
            }
            collected.getMessage().getBody(List.class).add(one.getMessage().getBody(StreamCheck.class));
            return collected;
        }
    }
}
