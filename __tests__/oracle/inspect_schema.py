"""What SQLAlchemy's own inspector sees in a database: the oracle for headsup's schema snapshots.

Usage: inspect_schema.py URL  → JSON on stdout:
  {"tables": {name: {"columns": [...], "pk": {...}, "fks": [...], "indexes": [...], "uniques": [...],
   "checks": [...]}}, "views": [...], "enums": [...]}
Types are compiled with the database's own dialect (VARCHAR(50), TIMESTAMP WITH TIME ZONE, INTEGER[]).
Warnings (e.g. the expression indexes SQLAlchemy 1.4 skips on PostgreSQL) go to stderr.
"""
import copy
import json
import sys
import warnings

import sqlalchemy as sa


def compiled(type_, dialect):
    try:
        return type_.compile(dialect=dialect)
    except Exception:  # a type SQLAlchemy reflects but cannot render (NullType)
        return None


def main(url):
    warnings.simplefilter("always")
    engine = sa.create_engine(url)
    insp = sa.inspect(engine)
    pg = engine.dialect.name == "postgresql"
    # PostgreSQL: every user schema, named as headsup names them (qualified outside public).
    schemas = [None]
    if pg:
        schemas += [s for s in insp.get_schema_names() if s != "public" and s != "information_schema" and not s.startswith("pg_")]
    out = {"tables": {}, "views": [], "enums": []}
    for schema in schemas:
        prefix = f"{schema}." if schema else ""
        out["views"] += [prefix + v for v in insp.get_view_names(schema=schema)]
        names = insp.get_table_names(schema=schema)
        # Columns first, copied: SQLAlchemy 1.4's SQLite get_pk_constraint sorts the cached column list in
        # place (primary key last), and get_foreign_keys calls it for a parent referenced without columns.
        columns = {name: copy.deepcopy(insp.get_columns(name, schema=schema)) for name in names}
        for name in names:
            out["tables"][prefix + name] = table(insp, engine, name, schema, columns[name])
    if pg:
        out["enums"] = [{"name": e["name"], "schema": e["schema"], "labels": e["labels"]} for e in insp.get_enums(schema="*")]
    engine.dispose()
    json.dump(out, sys.stdout, default=str)


def table(insp, engine, name, schema, reflected):
    columns = []
    for c in reflected:
        columns.append(
            {
                "name": c["name"],
                "type": compiled(c["type"], engine.dialect),
                "nullable": c["nullable"],
                "default": c.get("default"),
                "autoincrement": c.get("autoincrement"),
                "computed": c.get("computed"),
                "identity": {"always": c["identity"]["always"]} if c.get("identity") else None,
            }
        )
    return {
        "columns": columns,
        "pk": insp.get_pk_constraint(name, schema=schema),
        "fks": [
            {
                "name": f.get("name"),
                "columns": f["constrained_columns"],
                "referred_schema": f.get("referred_schema"),
                "referred_table": f["referred_table"],
                "referred_columns": f["referred_columns"],
                "options": f.get("options", {}),
            }
            for f in insp.get_foreign_keys(name, schema=schema)
        ],
        "indexes": [
            {
                "name": i["name"],
                "columns": i["column_names"],
                "unique": bool(i["unique"]),
                "duplicates_constraint": i.get("duplicates_constraint"),
                "dialect_options": {k: str(v) for k, v in i.get("dialect_options", {}).items()},
            }
            for i in insp.get_indexes(name, schema=schema)
        ],
        "uniques": [{"name": u.get("name"), "columns": u["column_names"]} for u in insp.get_unique_constraints(name, schema=schema)],
        "checks": [{"name": c.get("name"), "sqltext": c["sqltext"]} for c in insp.get_check_constraints(name, schema=schema)],
    }


if __name__ == "__main__":
    main(sys.argv[1])
