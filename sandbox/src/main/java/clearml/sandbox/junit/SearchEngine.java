package clearml.sandbox.junit;

import java.net.URI;

/**
 * One search engine a {@link SearchEngineTest} runs against, with ClearML's event templates installed.
 *
 * @param name     {@code opensearch-2.19} or {@code elasticsearch-7.17}
 * @param uri      its HTTP address
 * @param painless whether scripts ({@code _update_by_query} with painless) work; not on embedded ES 7.17
 *                 (test-infra.md §2c)
 */
public record SearchEngine(String name, URI uri, boolean painless) {

    @Override
    public String toString() {
        return name;
    }
}
