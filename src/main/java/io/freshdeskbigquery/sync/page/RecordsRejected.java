package io.freshdeskbigquery.sync.page;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The page had records that cannot be loaded ({@value RejectBadRecords#REJECTED}): only then are they split out to the
 * sink's {@code _rejected}. A split of an empty list still copies the page's exchange for it, every page (BENCHMARKS.md#decision-no-per-record-split).
 */
public final class RecordsRejected implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return !exchange.getVariable(RejectBadRecords.REJECTED, List.of(), List.class).isEmpty();
    }
}
