package io.freshdeskbigquery.sync.activities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.freshdeskbigquery.destination.ColumnValues;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.freshdesk.ActivityExportDay;
import io.freshdeskbigquery.freshdesk.ActivityExportFile;
import io.freshdeskbigquery.sync.run.StreamRun;

/**
 * A day's activities as rows, a chunk at a time ({@link #next()}: up to {@code chunkRows} rows and the activities set
 * apart), parsed from the day's files as the chunk is made. Each row: its key as {@code id}, {@code performed_at} as
 * {@code updated_at} (its version), typed columns (the ticket, the performer, what the activity set: status, priority,
 * group, agent), the day and the activity's place in it, and the whole activity as the export wrote it.
 * <p>
 * Activities have no id. The key is made from what does not change when a day is read again: the day, the activity's
 * content (its JSON with the keys of every object sorted, so a file written anew in another order keeps its keys) and
 * how many identical activities came before it that day (two identical notes by the same agent in the same second stay
 * two rows): the first 63 bits of the SHA-256 of the three. Reading a day again gives the same keys, and the merge
 * keeps one row per key.
 * <p>
 * An activity without a ticket id or a {@code performed_at} that can be read is set apart ({@code _rejected}).
 */
public final class ActivityRows implements Iterator<ActivityRows.Chunk> {

    /** A chunk of a day: its rows, and the activities set apart. */
    public record Chunk(List<Row> rows, List<RejectedRecord> rejected) {
    }

    private final ActivityExportDay day;
    private final ActivityDays days;
    private final StreamRun run;
    private final ObjectMapper json;
    private final int chunkRows;
    private final String dayText;
    private int file;
    private int index;

    public ActivityRows(ActivityExportDay day, ActivityDays days, StreamRun run, ObjectMapper json, int chunkRows) {
        this.day = day;
        this.days = days;
        this.run = run;
        this.json = json;
        this.chunkRows = chunkRows;
        this.dayText = day.day().toString();
        skipReadFiles();
    }

    @Override
    public boolean hasNext() {
        return file < day.files().size();
    }

    @Override
    public Chunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Row> rows = new ArrayList<>(Math.min(chunkRows, 1024));
        List<RejectedRecord> rejected = new ArrayList<>();
        while (hasNext() && rows.size() < chunkRows) {
            ActivityExportFile current = day.files().get(file);
            JsonNode activity = current.activity(index, json);
            byte[] text = current.text(index);
            int place = days.place();
            Row row = row(activity, text, place);
            if (row == null) {
                days.rejectedOne();
                rejected.add(new RejectedRecord(run.streamName(), day.label() + ", activity " + (place + 1),
                        "an activity without a ticket_id or a performed_at that can be read",
                        new String(text, StandardCharsets.UTF_8), run.runId()));
            } else {
                rows.add(row);
            }
            index++;
            skipReadFiles();
        }
        return new Chunk(rows, rejected);
    }

    private void skipReadFiles() {
        while (file < day.files().size() && index >= day.files().get(file).size()) {
            file++;
            index = 0;
        }
    }

    private Row row(JsonNode activity, byte[] text, int place) {
        Long ticketId = integer(activity.get("ticket_id"));
        Instant performedAt = ActivityExportFile.performedAt(activity);
        if (ticketId == null || performedAt == null) {
            return null;
        }
        days.performedAt(performedAt);
        JsonNode set = activity.path("activity");
        Map<String, Object> values = new ColumnValues(run.valuesLayout());
        values.put("ticket_id", ticketId);
        values.put("performer_type", text(activity.get("performer_type")));
        values.put("performer_id", integer(activity.get("performer_id")));
        values.put("performed_at", performedAt);
        values.put("status", text(set.get("status")));
        Long priority = integer(set.get("priority"));
        values.put("priority", priority != null && priority >= Integer.MIN_VALUE && priority <= Integer.MAX_VALUE
                ? priority.intValue()
                : null);
        values.put("group_id", first(integer(set.get("group_id")), integer(set.get("group"))));
        values.put("agent_id", first(integer(set.get("agent_id")), integer(set.get("responder_id"))));
        values.put("export_day", dayText);
        values.put("export_position", place);
        byte[] canonical = canonical(activity).getBytes(StandardCharsets.UTF_8);
        long content = key(dayText, canonical, -1);
        long id = key(dayText, canonical, days.occurrence(content));
        return new Row(id, performedAt, values, text);
    }

    /** The key of an activity: the first 63 bits of SHA-256(day, content, occurrence); -1: the content's alone. */
    static long key(String day, byte[] canonical, int occurrence) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(day.getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(canonical);
        if (occurrence >= 0) {
            sha.update((byte) 0);
            sha.update(Integer.toString(occurrence).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] digest = sha.digest();
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (digest[i] & 0xff);
        }
        return key & Long.MAX_VALUE;
    }

    /** The activity's JSON with every object's keys sorted: the same content, whatever order a file writes it in. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        canonical(node, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(TextNode.valueOf(names.get(i)).toString()).append(':');
                canonical(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static Long integer(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static Long first(Long one, Long other) {
        return one != null ? one : other;
    }

    /** For tests and messages: the day's key of an activity read alone (its first occurrence). */
    static long keyOf(LocalDate day, JsonNode activity, int occurrence) {
        return key(day.toString(), canonical(activity).getBytes(StandardCharsets.UTF_8), occurrence);
    }
}
