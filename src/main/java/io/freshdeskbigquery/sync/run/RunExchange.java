package io.freshdeskbigquery.sync.run;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import org.apache.camel.Exchange;

/**
 * What a stream's run keeps on its exchange, read the same way by every processor and predicate of the sync: the run
 * ({@link StreamRun}), the page just fetched ({@link FreshdeskPage}) and the body as a list; and the questions the
 * routes ask of it, as predicates they reference ({@code .filter(RunExchange::readsWholeList)}).
 */
public final class RunExchange {

    private RunExchange() {
    }

    /** The run the exchange belongs to. */
    public static StreamRun run(Exchange exchange) {
        return exchange.getProperty(StreamRun.PROPERTY, StreamRun.class);
    }

    /** The page the run fetched last. */
    public static FreshdeskPage page(Exchange exchange) {
        return exchange.getProperty(FreshdeskPage.PROPERTY, FreshdeskPage.class);
    }

    /** The body as a list; anything else as an empty one. */
    public static List<?> bodyList(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof List<?> list ? list : List.of();
    }

    /** The run goes on: Freshdesk has more pages, and nothing stopped the run ({@link StreamRun#goesOn()}). */
    public static boolean runGoesOn(Exchange exchange) {
        return run(exchange).goesOn();
    }

    /** A run of a list read whole (companies, the team, time entries, the settings). */
    public static boolean readsWholeList(Exchange exchange) {
        return run(exchange).stream().readWhole();
    }

    /** A run of a list of field definitions ({@code ticket_fields}, {@code contact_fields}, {@code company_fields}). */
    public static boolean definesCustomFields(Exchange exchange) {
        return run(exchange).stream().fieldsOf().isPresent();
    }

    /** A run of a child stream (conversations): its pages list parents, whose child lists hold the records. */
    public static boolean readsChildLists(Exchange exchange) {
        return run(exchange).stream().parent().isPresent();
    }

    /**
     * The record (the body) was updated at or after the cursor the run resumed from: of a child stream's parents (the
     * tickets of a page), those whose child lists may have changed.
     */
    public static boolean changedSinceRunStart(Exchange exchange) {
        JsonNode record = exchange.getMessage().getBody(JsonNode.class);
        return !FreshdeskRecords.updatedAt(record).isBefore(run(exchange).resumedFrom());
    }

    /** No earlier batch of the run failed to be written: this one may be written (and its cursor committed). */
    public static boolean writesGoOn(Exchange exchange) {
        return run(exchange).writeFailure() == null;
    }

    /** The application is stopping: Camel's context is shutting down (a signal, {@code q} in dev mode). */
    public static boolean applicationStopping(Exchange exchange) {
        return exchange.getContext().isStopping();
    }
}
