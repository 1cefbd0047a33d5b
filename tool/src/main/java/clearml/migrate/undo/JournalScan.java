package clearml.migrate.undo;

import clearml.migrate.progress.Progress;
import clearml.migrate.undo.JournalRecord.Committed;
import clearml.migrate.undo.JournalRecord.Header;

/**
 * The forward pass over a journal: spools its records for the backward pass, gathers the document chains for the
 * conflict check, and counts the steps.
 */
record JournalScan(Header header, boolean committed, boolean truncated, long records, DocumentChains chains,
        UndoCounts steps) {

    static JournalScan of(JournalReader reader, ReversedRecords spool, Progress progress) {
        progress.start("Reading the journal", -1);
        DocumentChains chains = new DocumentChains();
        Tally tally = new Tally();
        boolean committed = false;
        long records = 0;
        while (reader.hasNext()) {
            JournalRecord record = reader.next();
            spool.add(record);
            chains.add(record);
            records += tally.count(record) ? 1 : 0;
            committed |= record instanceof Committed;
            progress.advance(1);
        }
        progress.finish();
        return new JournalScan(reader.header(), committed, reader.truncated(), records, chains, tally.counts());
    }
}
