package clearml.sandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link clearml.sandbox.Sandbox} parameter that gets the shared TARGET sandbox (its own Mongo and OpenSearch,
 * file server {@link clearml.sandbox.Sandbox#TARGET_FILESERVER_URL}) instead of the source one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TargetServer {
}
