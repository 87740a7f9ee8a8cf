package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The simulated account's ticket activity export: what happened to each ticket, day by day, as Freshdesk's scheduled
 * export writes it ({@code {"performer_type", "performer_id", "ticket_id", "performed_at": "01-12-2026 09:33:38 +0000",
 * "activity": {...}}}; the account's time zone is UTC). A generated ticket's history is drawn from its seed: it was
 * created open, some went pending on the way, and its last update set the status it was generated with. Every change
 * the simulator made since ({@link Mutations}) adds the activity that tells what it set (status, priority, agent,
 * group), so a ticket's last status set is the status its record shows.
 */
final class TicketActivities {

    /** Freshdesk's names of the statuses 2 to 5, as the export writes them. */
    static final String[] STATUS_NAMES = {null, null, "Open", "Pending", "Resolved", "Closed"};
    static final DateTimeFormatter PERFORMED_AT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss Z")
            .withZone(ZoneOffset.UTC);
    private static final int ACTIVITY = 6;
    private static final long FIXED = -1;

    private final Dataset data;
    private final RecordRenderer renderer;

    TicketActivities(Dataset data, RecordRenderer renderer) {
        this.data = data;
        this.renderer = renderer;
    }

    /** One activity before it is written: when, in which order within its second, and what. */
    private record Activity(long second, int order, Map<String, Object> json) {
    }

    /** The day's activities, in the order they happened (the export of that day). */
    List<Map<String, Object>> day(LocalDate day) {
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = from + 86_400;
        List<Activity> activities = new ArrayList<>();
        RecordStore tickets = data.store(SimStream.TICKETS);
        int generated = data.initialCount(SimStream.TICKETS);
        for (int row = 0; row < generated; row++) {
            generatedHistory(row, tickets, from, to, activities);
        }
        int order = 0;
        for (Dataset.TicketEvent event : data.ticketEvents()) {
            if (event.second() >= from && event.second() < to) {
                Map<String, Object> activity = changed(event);
                if (activity != null) {
                    activities.add(new Activity(event.second(), 2 * generated + order++,
                            element(tickets.id(event.row()), event.second(), agentOf(event.row(), event.version()),
                                    activity)));
                }
            }
        }
        activities.sort(Comparator.comparingLong(Activity::second).thenComparingInt(Activity::order));
        List<Map<String, Object>> out = new ArrayList<>(activities.size());
        activities.forEach(a -> out.add(a.json()));
        return out;
    }

    /** A generated ticket's activities up to its generated last update, those of the day. */
    private void generatedHistory(int row, RecordStore tickets, long from, long to, List<Activity> out) {
        long created = tickets.createdAt(row);
        long updated = data.generatedUpdatedAt(row);
        if (updated < from || created >= to) {
            return;
        }
        long ticketId = tickets.id(row);
        int status = renderer.ticketStatus(row, 0);
        RecordRenderer.Assignment assignment = renderer.ticketAssignment(row, 0);
        Random random = Seeds.random(data.seed(), SimStream.TICKETS.ordinal(), row, FIXED, ACTIVITY);
        long agent = agentOf(row, 0);
        if (created >= from && created < to) {
            Map<String, Object> opened = new LinkedHashMap<>();
            opened.put("new_ticket", true);
            opened.put("status", STATUS_NAMES[2]);
            opened.put("priority", assignment.priority());
            out.add(new Activity(created, 2 * row, element(ticketId, created, requesterOf(row), opened)));
        }
        if (status == 2) {
            if (updated > created && updated >= from && updated < to) {
                Map<String, Object> assigned = new LinkedHashMap<>();
                if (assignment.responderId() != null) {
                    assigned.put("agent_id", assignment.responderId());
                }
                if (assignment.groupId() != null) {
                    assigned.put("group_id", assignment.groupId());
                }
                if (!assigned.isEmpty()) {
                    out.add(new Activity(updated, 2 * row + 1, element(ticketId, updated, agent, assigned)));
                }
            }
            return;
        }
        long pending = created + (updated - created) / 3;
        if (status >= 4 && updated - created >= 7200 && random.nextInt(3) == 0 && pending >= from && pending < to) {
            out.add(new Activity(pending, 2 * row, element(ticketId, pending, agent,
                    new LinkedHashMap<>(Map.of("status", STATUS_NAMES[3])))));
        }
        if (updated >= from && updated < to) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("status", STATUS_NAMES[status]);
            if (assignment.responderId() != null) {
                last.put("agent_id", assignment.responderId());
            }
            out.add(new Activity(updated, 2 * row + 1, element(ticketId, updated, agent, last)));
        }
    }

    /** What a change set, or null when it set nothing the export tells of. */
    private Map<String, Object> changed(Dataset.TicketEvent event) {
        int row = event.row();
        int version = event.version();
        Map<String, Object> activity = new LinkedHashMap<>();
        switch (event.kind()) {
            case CREATED -> {
                RecordRenderer.Assignment now = renderer.ticketAssignment(row, version);
                activity.put("new_ticket", true);
                activity.put("status", STATUS_NAMES[renderer.ticketStatus(row, version)]);
                activity.put("priority", now.priority());
                if (now.responderId() != null) {
                    activity.put("agent_id", now.responderId());
                }
                if (now.groupId() != null) {
                    activity.put("group_id", now.groupId());
                }
            }
            case DELETED -> activity.put("deleted", true);
            case SPAM -> activity.put("spam", true);
            case UPDATED, RESTORED -> {
                if (event.kind() == Dataset.TicketEvent.Kind.RESTORED) {
                    activity.put("restored", true);
                }
                int before = renderer.ticketStatus(row, version - 1);
                int after = renderer.ticketStatus(row, version);
                RecordRenderer.Assignment was = renderer.ticketAssignment(row, version - 1);
                RecordRenderer.Assignment now = renderer.ticketAssignment(row, version);
                if (before != after) {
                    activity.put("status", STATUS_NAMES[after]);
                }
                if (was.priority() != now.priority()) {
                    activity.put("priority", now.priority());
                }
                if (!Objects.equals(was.responderId(), now.responderId())) {
                    activity.put("agent_id", now.responderId());
                }
                if (!Objects.equals(was.groupId(), now.groupId())) {
                    activity.put("group_id", now.groupId());
                }
            }
        }
        return activity.isEmpty() ? null : activity;
    }

    private Map<String, Object> element(long ticketId, long second, long performer, Map<String, Object> activity) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("performer_type", "user");
        element.put("performer_id", performer);
        element.put("ticket_id", ticketId);
        element.put("performed_at", PERFORMED_AT.format(Instant.ofEpochSecond(second)));
        element.put("activity", activity);
        return element;
    }

    /** The agent who made a version: its responder, or the first agent. */
    private long agentOf(int row, int version) {
        Long responder = renderer.ticketAssignment(row, version).responderId();
        return responder != null ? responder : DataGenerator.AGENT_FIRST_ID;
    }

    /** Who opened a ticket: its requester (a contact is a user too). */
    private long requesterOf(int row) {
        Object requester = renderer.render(SimStream.TICKETS, row, Set.of()).get("requester_id");
        return ((Number) requester).longValue();
    }
}
