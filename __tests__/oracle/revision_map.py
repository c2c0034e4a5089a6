"""Oracle for the differential graph test: the real Alembic RevisionMap.

Reads a JSON list of version directories on stdin; for each one prints (as one JSON
list on stdout) what Alembic itself computes: heads, real heads, bases, branch points,
merge points, branch labels per revision and the upgrade order from empty to `heads`
(the steps `alembic upgrade heads` would run), or the error/warnings Alembic raised.

Alembic 1.8.1 loads files in os.listdir order; we load them sorted by name so the order
is deterministic and the TypeScript side can pass the same order to buildGraph.
Run with Debian's /usr/bin/python3 (the one that has alembic 1.8.1 installed).
"""
import json
import os
import re
import sys
import tempfile
import warnings

sys.dont_write_bytecode = True

from alembic.script import ScriptDirectory  # noqa: E402
from alembic.script.base import Script, _only_source_rev_file  # noqa: E402
from alembic.script.revision import RevisionMap  # noqa: E402


def sorted_loader(script_dir, versions):
    def load():
        for name in sorted(os.listdir(versions)):
            if not _only_source_rev_file.match(name):
                continue
            script = Script._from_filename(script_dir, versions, name)
            if script is not None:
                yield script

    return load


def analyse(versions):
    out = {"dir": versions, "warnings": [], "error": None}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # ScriptDirectory wants the folder that holds versions/; point
            # version_locations at the folder itself so any name works.
            script = ScriptDirectory(
                os.path.dirname(versions), version_locations=[versions]
            )
            script.revision_map = RevisionMap(sorted_loader(script, versions))
            rmap = script.revision_map
            revs = [r for k, r in rmap._revision_map.items() if r is not None and k == r.revision]
            out["heads"] = list(rmap.heads)
            out["realHeads"] = list(rmap._real_heads)
            out["bases"] = list(rmap.bases)
            out["branchPoints"] = [r.revision for r in revs if r.is_branch_point]
            out["mergePoints"] = [r.revision for r in revs if r.is_merge_point]
            out["labels"] = {r.revision: sorted(r.branch_labels) for r in revs}
            # With 2+ normalized dependencies Alembic keeps them in a set, so the
            # upgrade order then depends on PYTHONHASHSEED: flag it for the test.
            out["hashOrdered"] = any(
                len(r._normalized_resolved_dependencies) > 1 for r in revs
            )
            steps = script._upgrade_revs("heads", ())
            out["order"] = [step.revision.revision for step in steps]
        except Exception as e:  # report, the test decides what it expects
            out["error"] = "%s: %s" % (type(e).__name__, e)
    out["warnings"] = [str(w.message) for w in caught]
    return out


def main():
    dirs = json.load(sys.stdin)
    json.dump([analyse(d) for d in dirs], sys.stdout)


if __name__ == "__main__":
    main()
