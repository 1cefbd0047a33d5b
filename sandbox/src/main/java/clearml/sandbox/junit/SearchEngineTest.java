package clearml.sandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test run once per search engine, OpenSearch 2.19 (in this JVM) and Elasticsearch 7.17 (a child JVM), each given
 * as a {@link SearchEngine} parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(SearchEngineInvocations.class)
public @interface SearchEngineTest {
}
