package dev.warden.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A class that only {@link Kit} runs (some fail on purpose): disabled when an IDE or a pattern picks it up directly. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KitOnly.Condition.class)
@interface KitOnly {
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(Kit.FLAG).isPresent()
                    ? ConditionEvaluationResult.enabled("run by Kit")
                    : ConditionEvaluationResult.disabled("runs only through Kit, from the test around it");
        }
    }
}
