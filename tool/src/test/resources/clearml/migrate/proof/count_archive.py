"""Counts what a ClearML archive holds, the way ClearML's own importer reads it (data model 3.4), for tests.

Written apart from the Java tool so that the expected numbers do not come from the code under test.
Usage: python3 count_archive.py ARCHIVE.zip  ->  one JSON object on stdout.
"""
import collections
import json
import os
import sys
import zipfile


def lines(data):
    for raw in data.split(b"\n"):
        line = raw.decode("utf-8").strip().lstrip("[").rstrip(",]").strip()
        if line:
            yield json.loads(line)


def main(path):
    archive = zipfile.ZipFile(path)
    names = archive.namelist()
    read = lambda n: list(lines(archive.read(n))) if n in names else []
    projects = read("database.model.project.Project.json")
    tasks = read("database.model.task.task.Task.json")
    models = read("database.model.model.Model.json")
    by_id = {p["_id"]: p for p in projects}
    events_by_type = collections.Counter()
    events_per_task = {}
    for name in names:
        if name.endswith("_events.json"):
            task = name[len("database.model.task.task.Task_"):-len("_events.json")]
            events = read(name)
            events_per_task[task] = len(events)
            events_by_type.update(e.get("type", "") for e in events)
    companion = os.path.splitext(path)[0] + ".artifacts"
    files, size = 0, 0
    if os.path.exists(companion):
        for info in zipfile.ZipFile(companion).infolist():
            if not info.is_dir():
                files, size = files + 1, size + info.file_size
    print(json.dumps({
        "projects": sorted([p["name"], by_id[p["parent"]]["name"] if p.get("parent") else ""] for p in projects),
        "tasks": len(tasks),
        "tasks_by_status": collections.Counter(t.get("status", "") for t in tasks),
        "tasks_by_type": collections.Counter(t.get("type", "") for t in tasks),
        "models": len(models),
        "events_by_type": events_by_type,
        "events_per_task": events_per_task,
        "artifacts": {"files": files, "bytes": size},
    }))


if __name__ == "__main__":
    main(sys.argv[1])
