package io.freshdeskbigquery.destination.bigquery.emulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that needs the BigQuery emulator: it installs it on first use ({@link EmulatorInstallation}), and
 * when that is impossible here the class is skipped with the reason, before its application starts. Under CI
 * ({@code CI=true}) or with {@code -Dbqemulator.required=true} it fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresBigQueryEmulator.Condition.class)
public @interface RequiresBigQueryEmulator {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            try {
                EmulatorInstallation.get();
                return ConditionEvaluationResult.enabled("the BigQuery emulator is installed");
            } catch (EmulatorInstallation.Unavailable e) {
                String reason = "The BigQuery emulator is not available here (" + e.getMessage()
                        + "), so the tests against it are skipped; CI runs them";
                if (EmulatorInstallation.mustRun()) {
                    throw new IllegalStateException(reason.replace("are skipped; CI runs them",
                            "cannot run, and they must (CI=true or -Dbqemulator.required=true)"), e);
                }
                System.out.println("WARNING: " + reason);
                return ConditionEvaluationResult.disabled(reason);
            }
        }
    }
}
