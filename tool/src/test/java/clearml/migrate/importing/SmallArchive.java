package clearml.migrate.importing;

import java.nio.file.Path;

/**
 * A small archive in ClearML 2.0's shapes for the import rule tests: project {@code Team} with subproject
 * {@code Team/Sub}, a task in each, a model made by the second task, and events of the second task (two scalars, a
 * log line, a debug image on the file server). Owners are archived users {@code u-dana} and {@code u-eli}.
 */
public final class SmallArchive {

    public static final String ROOT = "a0000000000000000000000000000001";
    public static final String SUB = "a0000000000000000000000000000002";
    public static final String ROOT_TASK = "b0000000000000000000000000000001";
    public static final String SUB_TASK = "b0000000000000000000000000000002";
    public static final String MODEL = "c0000000000000000000000000000001";
    public static final String FILES = "http://localhost:8081";

    private SmallArchive() {
    }

    public static TestArchive builder() {
        return new TestArchive()
                .raw("metadata.json", "{\"created_by\":\"test\"}")
                .models("{\"_id\": \"" + MODEL + "\", \"company\": \"\", \"user\": \"u-eli\", \"name\": \"weights\","
                        + " \"project\": \"" + SUB + "\", \"created\": {\"$date\": 1700000000000}, \"task\": \""
                        + SUB_TASK + "\", \"tags\": [], \"system_tags\": [], \"uri\": \"" + FILES
                        + "/Team/Sub/train." + SUB_TASK + "/models/w.pt\", \"framework\": \"PyTorch\", \"ready\": true}")
                .projects("{\"_id\": \"" + ROOT + "\", \"company\": \"\", \"user\": \"u-dana\", \"name\": \"Team\","
                                + " \"basename\": \"Team\", \"created\": {\"$date\": 1700000000000}, \"tags\": [],"
                                + " \"system_tags\": [], \"featured\": 9999, \"path\": []}",
                        "{\"_id\": \"" + SUB + "\", \"company\": \"\", \"user\": \"u-dana\", \"name\": \"Team/Sub\","
                                + " \"basename\": \"Sub\", \"created\": {\"$date\": 1700000000000}, \"tags\": [],"
                                + " \"system_tags\": [], \"featured\": 9999, \"parent\": \"" + ROOT + "\", \"path\": [\""
                                + ROOT + "\"]}")
                .events(ROOT_TASK)
                .events(SUB_TASK,
                        scalar(0, 1.0), scalar(1, 0.5),
                        "{\"task\":\"" + SUB_TASK + "\",\"type\":\"log\",\"timestamp\":1700000000100,\"iter\":0,"
                                + "\"level\":\"info\",\"msg\":\"hello\",\"model_event\":false,"
                                + "\"@timestamp\":\"2023-11-14T22:13:20.100Z\",\"worker\":\"\",\"metric\":\"\",\"variant\":\"\"}",
                        "{\"task\":\"" + SUB_TASK + "\",\"type\":\"training_debug_image\",\"timestamp\":1700000000200,"
                                + "\"iter\":1,\"metric\":\"img\",\"variant\":\"v\",\"key\":\"img/v\",\"url\":\"" + FILES
                                + "/Team/Sub/train." + SUB_TASK + "/metrics/img/v/v_00000001.png\","
                                + "\"model_event\":false,\"@timestamp\":\"2023-11-14T22:13:20.200Z\",\"worker\":\"\"}")
                .tasks(task(ROOT_TASK, "prepare", ROOT, ""), task(SUB_TASK, "train", SUB, ROOT_TASK));
    }

    public static Path write(Path dir) {
        return builder().writeTo(dir, "small.zip");
    }

    private static String scalar(int iter, double value) {
        return "{\"task\":\"" + SUB_TASK + "\",\"type\":\"training_stats_scalar\",\"timestamp\":" + (1700000000000L + iter)
                + ",\"iter\":" + iter + ",\"metric\":\"loss\",\"variant\":\"train\",\"value\":" + value
                + ",\"model_event\":false,\"@timestamp\":\"2023-11-14T22:13:20.000Z\",\"worker\":\"\"}";
    }

    private static String task(String id, String name, String project, String parent) {
        String parentField = parent.isEmpty() ? "" : " \"parent\": \"" + parent + "\",";
        String models = id.equals(SUB_TASK) ? "{\"input\": [], \"output\": [{\"name\": \"out\", \"model\": \"" + MODEL
                + "\", \"updated\": {\"$date\": 1700000000000}}]}" : "{\"input\": [], \"output\": []}";
        return "{\"_id\": \"" + id + "\", \"company\": \"\", \"user\": \"u-eli\", \"name\": \"" + name + "\","
                + " \"type\": \"training\", \"status\": \"completed\", \"comment\": \"\", \"report_assets\": [],"
                + " \"created\": {\"$date\": 1700000000000},"  + parentField + " \"project\": \"" + project + "\","
                + " \"output\": {}, \"execution\": {\"test_split\": 0, \"parameters\": {}, \"model_desc\": {},"
                + " \"model_labels\": {}, \"artifacts\": {}}, \"tags\": [], \"system_tags\": [],"
                + " \"last_update\": {\"$date\": 1700000000500}, \"last_iteration\": 1,"
                + " \"last_metrics\": {}, \"hyperparams\": {\"Args\": {\"source\": {\"section\": \"Args\","
                + " \"name\": \"source\", \"value\": \"" + ROOT_TASK + "\", \"type\": \"str\"}}},"
                + " \"configuration\": {}, \"runtime\": {}, \"models\": " + models + ", \"container\": {}}";
    }
}
