package clearml.sandbox.seed;

import java.util.Locale;

/**
 * What a batch of events belongs to: a task, or a model when {@code modelEvent} (data model §2.6).
 *
 * @param id            the task or model id (the events' {@code task} field)
 * @param indexCompany  the company whose indices hold the events: {@code company or company_origin} (§1.2)
 * @param storagePrefix the file-server folder of the task, {@code <project>/<task name>.<task id>} (§6.2)
 * @param modelEvent    whether these are model events
 * @param firstTimestamp epoch ms of the first event
 */
record EventSubject(String id, String indexCompany, String storagePrefix, boolean modelEvent, long firstTimestamp) {

    /** {@code events-<type>-<company lower>} (data model §2.1). */
    String index(String type) {
        return "events-" + type + "-" + indexCompany.toLowerCase(Locale.ROOT);
    }
}
