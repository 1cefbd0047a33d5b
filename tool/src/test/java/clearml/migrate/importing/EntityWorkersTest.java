package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entities' jobs run once each, at most so many at once, and the first failure comes back as it was thrown. */
class EntityWorkersTest {

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void runsEveryJobOnceWithAtMostTheGivenThreadsAtOnce(int threads) {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        Map<Integer, Integer> runs = new ConcurrentHashMap<>();
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();

        new EntityWorkers(threads).forEach(items, item -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            threadNames.add(Thread.currentThread().getName());
            sleep(2);
            runs.merge(item, 1, Integer::sum);
            running.decrementAndGet();
        });

        assertThat(runs).hasSize(40).allSatisfy((item, count) -> assertThat(count).isEqualTo(1));
        assertThat(mostAtOnce.get()).isBetween(1, threads);
        assertThat(threadNames).hasSizeBetween(1, threads);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void rethrowsTheFailureOfAJobAsItWasThrownAndStartsNoFurtherJobs(int threads) {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        AtomicInteger started = new AtomicInteger();
        IllegalArgumentException failure = new IllegalArgumentException("event 3 of entity 5 is not JSON");

        assertThatThrownBy(() -> new EntityWorkers(threads).forEach(items, item -> {
            started.incrementAndGet();
            if (item == 5) {
                throw failure;
            }
            sleep(5);
        })).isSameAs(failure);
        assertThat(started.get()).isLessThan(200);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void runsTheMeanwhileWorkOnceOnTheCallingThreadBeforeReturning(int threads) {
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        AtomicInteger jobs = new AtomicInteger();
        List<String> meanwhileThreads = new CopyOnWriteArrayList<>();

        new EntityWorkers(threads).forEach(items, item -> jobs.incrementAndGet(),
                () -> meanwhileThreads.add(Thread.currentThread().getName()));

        assertThat(jobs.get()).isEqualTo(10);
        assertThat(meanwhileThreads).containsExactly(Thread.currentThread().getName());
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void rethrowsTheMeanwhileWorksFailure(int threads) {
        IllegalStateException failure = new IllegalStateException("MongoDB went away");

        assertThatThrownBy(() -> new EntityWorkers(threads).forEach(List.of(1, 2, 3), item -> sleep(5),
                () -> {
                    throw failure;
                })).isSameAs(failure);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
