package clearml.sandbox.junit;

import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.fileserver.FileServerStandIn;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Resolves {@link Sandbox} parameters: the shared source sandbox, or with {@link TargetServer} the shared target
 * sandbox, each started once per JVM; and {@link ApiStandIn} and {@link FileServerStandIn} parameters: the stand-in
 * ClearML API and file server over that sandbox, also once per JVM. With {@link FreshStores} it resets the sandboxes
 * the test (its method, constructor or {@code @BeforeEach} methods) asks for, and forgets their API stand-ins' scrolls, faults and call counts, before each test.
 */
public final class SandboxExtension implements ParameterResolver, BeforeEachCallback {

    private static final Set<Class<?>> SERVER_TYPES = Set.of(Sandbox.class, ApiStandIn.class, FileServerStandIn.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SERVER_TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Parameter declared = parameter.getParameter();
        boolean target = declared.isAnnotationPresent(TargetServer.class);
        if (declared.getType() == ApiStandIn.class) {
            return SharedServers.api(context, target);
        }
        if (declared.getType() == FileServerStandIn.class) {
            return SharedServers.files(context, target);
        }
        return SharedServers.sandbox(context, target);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (wantsFreshStores(context)) {
            for (boolean target : serversOf(context)) {
                SharedServers.sandbox(context, target).reset();
                ApiStandIn api = SharedServers.startedApi(context, target);
                if (api != null) {
                    api.reset();
                }
            }
        }
    }

    private static boolean wantsFreshStores(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getRequiredTestMethod(), FreshStores.class)
                || AnnotationSupport.isAnnotated(context.getRequiredTestClass(), FreshStores.class);
    }

    /**
     * The servers (false: source, true: target) the test method, the test class constructors and its
     * {@code @BeforeEach} methods ask for.
     */
    private static Set<Boolean> serversOf(ExtensionContext context) {
        List<Executable> executables = new ArrayList<>(List.of(context.getRequiredTestClass().getDeclaredConstructors()));
        executables.add(context.getRequiredTestMethod());
        executables.addAll(AnnotationSupport.findAnnotatedMethods(context.getRequiredTestClass(), BeforeEach.class,
                HierarchyTraversalMode.TOP_DOWN));
        Set<Boolean> servers = new LinkedHashSet<>();
        for (Executable executable : executables) {
            for (Parameter parameter : executable.getParameters()) {
                if (SERVER_TYPES.contains(parameter.getType())) {
                    servers.add(parameter.isAnnotationPresent(TargetServer.class));
                }
            }
        }
        return servers;
    }
}
