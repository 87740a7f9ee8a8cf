package io.freshdeskbigquery.destination.bigquery;

import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.destination.WriteResult;
import org.apache.camel.Exchange;

/**
 * The rows gone from a list read whole, marked after a complete read of it:
 *
 * <pre>
 * -mark-vanished (the ids a complete read found)
 *   the same ids as the last ones checked (seen_ids_sha256 in the cursor's row, {@link SeenIdsChecks}): nothing,
 *     no query
 *   else count the rows gone and back                                       → direct:bigquery-sql
 *     any: mark them (_deleted_at set on those gone, cleared on those back) → direct:bigquery-sql
 *     keep the ids' fingerprint: UPDATE _sync_state                         → direct:bigquery-sql (a failure only warns)
 *   → WriteResult (updated: the rows marked gone; inserted: the rows back)
 * </pre>
 */
final class BigQueryVanishedRoutes extends SinkRouteBuilder {

    /** The {@link SeenIdsChecks#fingerprint} of the ids a complete read found. */
    private static final String SEEN_IDS_SHA256 = "bigQuerySeenIdsSha256";

    BigQueryVanishedRoutes(BigQueryDestination destination, String prefix) {
        super(destination, prefix);
    }

    @Override
    public void configure() {
        // @formatter:off
        // after a complete read of a list read whole: count the rows gone and back (a query), mark them only if any,
        // and keep a fingerprint of the ids; the same ids as the last ones checked: nothing gone or back, no query
        entry("mark-vanished", "direct:bigquery-mark-vanished-steps", "Cannot mark the rows of stream %s gone from its list");
        from("direct:bigquery-mark-vanished-steps").routeId("bigquery-mark-vanished-steps")
                .errorHandler(noErrorHandler())
                .setVariable("seenIds", body())
                .process(this::fingerprintSeenIds)
                .choice()
                    .when(this::sameIdsAsLastChecked)
                        .setVariable("vanished", constant(WriteResult.NONE))
                    .otherwise()
                        .process(this::vanishedCountQuery)
                        .to(SQL)
                        .process(this::vanishedCounted)
                        .filter(this::anyRowGoneOrBack)
                            .process(this::markVanishedStatement)
                            .to(SQL)
                        .end()
                        .process(this::saveSeenIdsStatement)
                        .doTry()
                            .to(SQL)
                            .process(this::seenIdsSaved)
                        .doCatch(Exception.class)
                            .process(this::seenIdsNotSaved)
                        .end()
                .end()
                .setBody(variable("vanished"));
        // @formatter:on
    }

    void fingerprintSeenIds(Exchange exchange) {
        exchange.setVariable(SEEN_IDS_SHA256,
                SeenIdsChecks.fingerprint(exchange.getVariable("seenIds", SeenIds.class)));
    }

    boolean sameIdsAsLastChecked(Exchange exchange) {
        return destination.seenIdsChecks()
                .sameIdsAsLastChecked(seenIdsStream(exchange), exchange.getVariable(SEEN_IDS_SHA256, String.class));
    }

    void vanishedCountQuery(Exchange exchange) {
        SeenIds seen = exchange.getVariable("seenIds", SeenIds.class);
        sql(exchange, destination.sql().vanishedCount(seen.table(), seen.joined()), "freshdesk_");
    }

    /** Gone: rows to mark (answered as updated); back: rows to clear (answered as inserted). */
    void vanishedCounted(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        exchange.setVariable("vanished", new WriteResult(count(SelectedRows.single(body, "back")),
                count(SelectedRows.single(body, "gone")), 0));
    }

    boolean anyRowGoneOrBack(Exchange exchange) {
        WriteResult vanished = exchange.getVariable("vanished", WriteResult.class);
        return vanished.inserted() + vanished.updated() > 0;
    }

    void markVanishedStatement(Exchange exchange) {
        SeenIds seen = exchange.getVariable("seenIds", SeenIds.class);
        sql(exchange, destination.sql().markVanished(seen.table(), seen.joined()), "freshdesk_");
    }

    void saveSeenIdsStatement(Exchange exchange) {
        sql(exchange,
                destination.sql()
                        .saveSeenIds(seenIdsStream(exchange), exchange.getVariable(SEEN_IDS_SHA256, String.class)),
                "freshdesk_");
    }

    void seenIdsSaved(Exchange exchange) {
        destination.seenIdsChecks()
                .seenIdsChecked(seenIdsStream(exchange), exchange.getVariable(SEEN_IDS_SHA256, String.class));
    }

    /** Harmless: the next complete read checks its rows gone and back again. */
    void seenIdsNotSaved(Exchange exchange) {
        LOG.warnf("%s: the rows gone from its list are marked, but the fingerprint of its ids was not saved (%s); the"
                + " next complete read checks them again", seenIdsStream(exchange),
                BigQueryFailures.abbreviate(String.valueOf(caught(exchange).getMessage())));
    }

    private static String seenIdsStream(Exchange exchange) {
        return exchange.getVariable("seenIds", SeenIds.class).table().name();
    }

    private static int count(Object value) {
        return value == null ? 0 : Integer.parseInt(value.toString());
    }
}
