package clearml.sandbox.junit;

import clearml.sandbox.Sandbox;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link Sandbox} parameters: the shared source sandbox, or with {@link TargetServer} the shared target
 * sandbox, each started once per JVM. With {@link FreshStores} it resets them before each test.
 */
public final class SandboxExtension implements ParameterResolver, BeforeEachCallback {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sandboxFor(parameter.getParameter(), context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (wantsFreshStores(context)) {
            sandboxesOf(context).forEach(Sandbox::reset);
        }
    }

    private static boolean wantsFreshStores(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getRequiredTestMethod(), FreshStores.class)
                || AnnotationSupport.isAnnotated(context.getRequiredTestClass(), FreshStores.class);
    }

    /** The sandboxes the test method and the test class constructors take as parameters. */
    private static Set<Sandbox> sandboxesOf(ExtensionContext context) {
        List<Executable> executables = new ArrayList<>(List.of(context.getRequiredTestClass().getDeclaredConstructors()));
        executables.add(context.getRequiredTestMethod());
        Set<Sandbox> sandboxes = new LinkedHashSet<>();
        for (Executable executable : executables) {
            for (Parameter parameter : executable.getParameters()) {
                if (parameter.getType() == Sandbox.class) {
                    sandboxes.add(sandboxFor(parameter, context));
                }
            }
        }
        return sandboxes;
    }

    private static Sandbox sandboxFor(Parameter parameter, ExtensionContext context) {
        return parameter.isAnnotationPresent(TargetServer.class)
                ? SharedServers.target(context) : SharedServers.source(context);
    }
}
