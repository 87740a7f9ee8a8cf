package io.freshdeskbigquery.sync.page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.destination.ColumnValues;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.table.Column;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Maps a Freshdesk record to a {@link Row}: typed values for the stream's core columns, and the whole record
 * as JSON. A value that does not fit its column's type is stored as NULL in that column, with a warning
 * naming the stream, page, record and field; the record's JSON still holds it, so nothing is lost.
 */
@ApplicationScoped
public class RowMapper implements Processor {

    private static final Logger LOG = Logger.getLogger(RowMapper.class);

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        JsonNode record = exchange.getMessage().getBody(JsonNode.class);
        exchange.getMessage().setBody(map(run, record));
    }

    public Row map(StreamRun run, JsonNode record) {
        return map(run, record, null);
    }

    /**
     * @param raw the record's text as Freshdesk sent it (UTF-8), kept as the row's record; null: the record written out
     *            anew
     */
    public Row map(StreamRun run, JsonNode record, byte[] raw) {
        return map(run, record, FreshdeskRecords.updatedAt(record), raw);
    }

    /** As {@link #map(StreamRun, JsonNode, byte[])}, for a record whose {@code updated_at} is already read. */
    public Row map(StreamRun run, JsonNode record, Instant updatedAt, byte[] raw) {
        long id = FreshdeskRecords.id(record);
        List<Column> columns = run.stream().columns();
        Map<String, Object> values = new ColumnValues(run.valuesLayout());
        for (Column column : columns) {
            JsonNode value = record.get(column.name());
            if (value == null || value.isNull()) {
                continue;
            }
            Object typed = typed(column.type(), value);
            if (typed == null) {
                LOG.warnf("%s: page %d, record %d: field %s holds %s, not a %s; its column is left NULL"
                        + " (the record column keeps the value)", run.streamName(), run.pageOfRun(), id, column.name(),
                        LogText.abbreviate(value.toString(), 80), column.type());
            } else {
                values.put(column.name(), typed);
            }
        }
        if (run.flagsDeletions() && (record.path("deleted").asBoolean(false) || record.path("spam").asBoolean(false))) {
            // a deleted (or spam) version: when the loader saw it so
            values.put(FreshdeskStream.DELETED_AT,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
        byte[] text = raw != null ? raw : record.toString().getBytes(StandardCharsets.UTF_8);
        return new Row(id, run.stream().version(record, updatedAt), values, text);
    }

    static Object typed(Column.ColumnType type, JsonNode value) {
        return switch (type) {
            // boxed on purpose: a primitive branch would make the whole conditional primitive, and its null
            // branch (a value that does not convert) would throw instead of leaving the column NULL
            case BIGINT -> value.isIntegralNumber() && value.canConvertToLong()
                    ? Long.valueOf(value.longValue())
                    : value.isTextual() ? parseLong(value.textValue()) : null;
            case INTEGER -> value.isIntegralNumber() && value.canConvertToInt()
                    ? Integer.valueOf(value.intValue())
                    : value.isTextual() ? intOrNull(parseLong(value.textValue())) : null;
            case BOOLEAN -> value.isBoolean()
                    ? Boolean.valueOf(value.booleanValue())
                    : "true".equalsIgnoreCase(value.asText())
                            ? Boolean.TRUE
                            : "false".equalsIgnoreCase(value.asText()) ? Boolean.FALSE : null;
            case TIMESTAMP -> FreshdeskRecords.timestamp(value);
            case VARCHAR -> value.isValueNode() ? value.asText() : value.toString();
            case JSON -> value.toString();
        };
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer intOrNull(Long value) {
        return value != null && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value.intValue() : null;
    }
}
