package io.freshdeskbigquery.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of Freshdesk's error answers, and the one JSON writer the simulator uses. */
final class ApiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry of a "Validation failed" answer. */
    record FieldError(String field, String message, String code) {
    }

    /** Thrown while reading query parameters; becomes a 400 "Validation failed". */
    static final class ValidationFailed extends Exception {
        private final List<FieldError> errors;

        ValidationFailed(List<FieldError> errors) {
            super("Validation failed: " + errors);
            this.errors = List.copyOf(errors);
        }

        List<FieldError> errors() {
            return errors;
        }
    }

    private ApiErrors() {
    }

    static String validationFailed(List<FieldError> errors) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (FieldError error : errors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("field", error.field());
            entry.put("message", error.message());
            entry.put("code", error.code());
            list.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", "Validation failed");
        body.put("errors", list);
        return json(body);
    }

    static String invalidCredentials() {
        return codeAndMessage("invalid_credentials", "You have to be logged in to perform this action.");
    }

    static String accessDenied() {
        return codeAndMessage("access_denied", "You are not authorized to perform this action.");
    }

    static String notFound() {
        return codeAndMessage("not_found", "The requested resource could not be found.");
    }

    static String methodNotAllowed() {
        return codeAndMessage("method_not_allowed", "This simulator only serves GET on list endpoints.");
    }

    static String rateLimited() {
        return codeAndMessage("rate_limit_exceeded", "You have exceeded the limit of requests per minute.");
    }

    static String serverError(int status) {
        return codeAndMessage("internal_error", "Simulated server error " + status + ". Please retry.");
    }

    private static String codeAndMessage(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return json(body);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
