package io.freshdeskbigquery.sync.wholelist;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/** True in a run of a list of field definitions ({@code ticket_fields}, {@code contact_fields}, {@code company_fields}). */
public class DefinesCustomFields implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return RunExchange.run(exchange).stream().fieldsOf().isPresent();
    }
}
