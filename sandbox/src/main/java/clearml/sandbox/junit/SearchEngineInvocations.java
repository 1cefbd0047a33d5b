package clearml.sandbox.junit;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs a {@link SearchEngineTest} once on the source sandbox's OpenSearch 2.19 node and once on a shared
 * Elasticsearch 7.17 child node; each engine starts only when its invocation runs. The OpenSearch engine is the
 * source sandbox's node, so a {@link FreshStores} reset of the source deletes its {@code events-*} indices too.
 */
public final class SearchEngineInvocations implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().filter(method -> method.isAnnotationPresent(SearchEngineTest.class)).isPresent();
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(
                new EngineInvocation("opensearch-2.19",
                        ctx -> new SearchEngine("opensearch-2.19", SharedServers.source(ctx).elasticUri(), true)),
                new EngineInvocation("elasticsearch-7.17",
                        ctx -> new SearchEngine("elasticsearch-7.17", SharedServers.elasticsearch7(ctx).uri(), false)));
    }

    /** One run of the template, named after its engine, resolving the {@link SearchEngine} parameter. */
    private record EngineInvocation(String name, Function<ExtensionContext, SearchEngine> engine)
            implements TestTemplateInvocationContext, ParameterResolver {

        @Override
        public String getDisplayName(int invocationIndex) {
            return name;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SearchEngine.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return engine.apply(context);
        }
    }
}
