package io.freshdeskbigquery.simulator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.freshdeskbigquery.simulator.ApiErrors.FieldError;
import io.freshdeskbigquery.simulator.ApiErrors.ValidationFailed;

/**
 * The query parameters of one list request, read and validated the way Freshdesk does: every
 * problem found is reported at once in a 400 "Validation failed".
 *
 * <p>Per stream: tickets take {@code updated_since}, {@code order_by}, {@code order_type},
 * {@code include} and {@code filter} (only {@code deleted} and {@code spam}); contacts take
 * {@code _updated_since} and {@code state} (only {@code deleted}); companies, agents and groups only
 * page. Parameters a stream does not know are ignored rather than refused.
 *
 * @param updatedSince the inclusive lower bound on updated_at in epoch seconds, or null
 * @param createdSince satisfaction ratings: the inclusive lower bound on created_at ({@code created_since}), or null
 */
record ListQuery(SimStream stream, int page, int perPage, Long updatedSince, Long createdSince, String orderBy,
        boolean ascending, List<String> includes, String filter, Map<String, String> parameters) {

    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 100;
    /** The tickets list refuses pages beyond this one. */
    static final int MAX_TICKET_PAGE = 300;
    static final List<String> TICKET_ORDER_BY = List.of("created_at", "due_by", "updated_at", "status");

    /** The credits a request costs: 1, plus 2 for each value of {@code include}, whatever the stream. */
    static int cost(Map<String, String> parameters) {
        return 1 + 2 * includesOf(parameters.get("include")).size();
    }

    static ListQuery parse(SimStream stream, Map<String, String> parameters) throws ValidationFailed {
        List<FieldError> errors = new ArrayList<>();
        int page = positiveInt(parameters, "page", 1, errors);
        int perPage = positiveInt(parameters, "per_page", DEFAULT_PER_PAGE, errors);
        if (perPage > MAX_PER_PAGE) {
            errors.add(new FieldError("per_page", "Has to be less than or equal to " + MAX_PER_PAGE, "invalid_value"));
        }
        Long updatedSince = null;
        Long createdSince = null;
        String orderBy = "id";
        boolean ascending = true;
        List<String> includes = List.of();
        String filter = null;
        switch (stream) {
            case TICKETS -> {
                if (page > MAX_TICKET_PAGE) {
                    errors.add(new FieldError("page", "You cannot access tickets beyond the 300th page. "
                            + "Please provide a smaller page number.", "invalid_value"));
                }
                updatedSince = timestamp(parameters, "updated_since", errors);
                orderBy = oneOf(parameters, "order_by", "created_at", TICKET_ORDER_BY, errors);
                ascending = "asc".equals(oneOf(parameters, "order_type", "desc", List.of("asc", "desc"), errors));
                includes = includesOf(parameters.get("include"));
                for (String include : includes) {
                    if (!RecordRenderer.TICKET_INCLUDES.contains(include)) {
                        errors.add(new FieldError("include", "It should be one of these values: '"
                                + String.join(",", RecordRenderer.TICKET_INCLUDES) + "'", "invalid_value"));
                        break;
                    }
                }
                filter = oneOf(parameters, "filter", null, List.of("spam", "deleted"), errors);
            }
            case CONTACTS -> {
                updatedSince = timestamp(parameters, "_updated_since", errors);
                orderBy = "updated_at";
                filter = oneOf(parameters, "state", null, List.of("deleted"), errors);
            }
            case SATISFACTION_RATINGS -> createdSince = timestamp(parameters, "created_since", errors);
            default -> {
                // companies, agents, groups, roles and the account's settings: a full list by id
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new ListQuery(stream, page, perPage, updatedSince, createdSince, orderBy, ascending, includes, filter,
                new LinkedHashMap<>(parameters));
    }

    static List<String> includesOf(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> includes = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                includes.add(part.strip());
            }
        }
        return includes;
    }

    private static int positiveInt(Map<String, String> parameters, String name, int fallback, List<FieldError> errors) {
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "It should be a/an Positive Integer", "datatype_mismatch"));
        return fallback;
    }

    private static String oneOf(Map<String, String> parameters, String name, String fallback, List<String> allowed,
            List<FieldError> errors) {
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            errors.add(new FieldError(name, "It should be one of these values: '" + String.join(",", allowed) + "'",
                    "invalid_value"));
            return fallback;
        }
        return value;
    }

    /**
     * Accepts what Freshdesk accepts: {@code 2025-03-04T10:15:00Z}, an offset instead of Z, fractions of
     * a second, no zone at all (read as UTC), or a bare date (midnight UTC). A fraction rounds up to
     * the next whole second, since records only have whole seconds and the filter is inclusive.
     */
    private static Long timestamp(Map<String, String> parameters, String name, List<FieldError> errors) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        Instant instant = parseInstant(value.strip());
        if (instant == null) {
            errors.add(new FieldError(name, "It should be in the 'valid date time' format", "invalid_value"));
            return null;
        }
        return instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
    }

    static Instant parseInstant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
