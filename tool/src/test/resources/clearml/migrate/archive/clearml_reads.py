# Reads an archive the way ClearML's importer does (zipfile + json per line, data model §3.4) and prints,
# per entry in zip order, "<name> <documents>", then "md5 <hex>" computed as PrePopulate does (§3.8).
import hashlib
import json
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as zf:
    md5 = hashlib.md5()
    for name in zf.namelist():
        data = zf.read(name)
        if name == "users.json":
            users = json.loads(data)
            print(name, len(users["auth"]) + len(users["backend"]))
            continue
        md5.update(data)
        if name == "metadata.json":
            json.loads(data)
            print(name, 1)
            continue
        count = 0
        for raw in data.split(b"\n"):
            line = raw.decode("utf-8").strip().lstrip("[").rstrip(",]").strip()
            if line:
                json.loads(line)
                count += 1
        print(name, count)
    print("md5", md5.hexdigest())
