package io.freshdeskbigquery.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies of Freshdesk's error answers, as the JSON objects the simulator writes. */
final class ApiErrors {

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

    static Map<String, Object> validationFailed(List<FieldError> errors) {
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
        return body;
    }

    static Map<String, Object> invalidCredentials() {
        return codeAndMessage("invalid_credentials", "You have to be logged in to perform this action.");
    }

    static Map<String, Object> accessDenied() {
        return codeAndMessage("access_denied", "You are not authorized to perform this action.");
    }

    static Map<String, Object> requireFeature(String feature) {
        return codeAndMessage("require_feature",
                "The " + feature + " feature is not supported in your plan. Please upgrade your account to use it.");
    }

    static Map<String, Object> fileNotFound() {
        return codeAndMessage("file_not_found", "The requested file could not be found.");
    }

    static Map<String, Object> notFound() {
        return codeAndMessage("not_found", "The requested resource could not be found.");
    }

    static Map<String, Object> methodNotAllowed() {
        return codeAndMessage("method_not_allowed", "This simulator only serves GET on list endpoints.");
    }

    static Map<String, Object> rateLimited() {
        return codeAndMessage("rate_limit_exceeded", "You have exceeded the limit of requests per minute.");
    }

    static Map<String, Object> serverError(int status) {
        return codeAndMessage("internal_error", "Simulated server error " + status + ". Please retry.");
    }

    private static Map<String, Object> codeAndMessage(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return body;
    }
}
