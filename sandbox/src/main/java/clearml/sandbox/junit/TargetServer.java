package clearml.sandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link clearml.sandbox.Sandbox} parameter that gets the shared TARGET sandbox (its own Mongo and OpenSearch,
 * file server {@link clearml.sandbox.Sandbox#TARGET_FILESERVER_URL}) instead of the source one; on an
 * {@link clearml.sandbox.api.ApiStandIn} or {@link clearml.sandbox.fileserver.FileServerStandIn} parameter, the
 * stand-in over the target.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TargetServer {
}
