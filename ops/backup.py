"""Backups with the database's own tools: SQLite's online backup API, pg_dump/pg_restore for PostgreSQL.

A backup is a folder: ``database.sqlite3`` or ``database.pgdump``, ``media.tar.gz`` and
``manifest.json`` (time, engine, row counts of key tables, so a restore can be checked).
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import datetime, timezone
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

COUNTED_MODELS = ["wagtailcore.Page", "wagtailcore.Revision", "wagtailimages.Image",
                  "wagtaildocs.Document", "cases.Case", "auth.User"]


class BackupError(Exception):
    pass


def row_counts():
    counts = {}
    for label in COUNTED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        counts[label] = model.objects.count()
    return counts


def _pg_env():
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432),
            "-U", db.get("USER") or "postgres"]
    return env, args, db["NAME"]


def create_backup(target):
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    engine = connection.vendor
    connection.ensure_connection()
    if engine == "sqlite":
        dest = sqlite3.connect(target / "database.sqlite3")
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
    elif engine == "postgresql":
        env, args, name = _pg_env()
        result = subprocess.run(["pg_dump", "-Fc", "--no-owner", *args, "-f", str(target / "database.pgdump"), name],
                                env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(result.stderr.strip())
    else:
        raise BackupError(f"unsupported database engine: {engine}")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname="media")
    manifest = {"created": datetime.now(timezone.utc).isoformat(), "engine": engine, "counts": row_counts()}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def restore_backup(source):
    source = Path(source)
    manifest_path = source / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{source} is not a backup folder (no manifest.json)")
    manifest = json.loads(manifest_path.read_text())
    engine = connection.vendor
    if manifest["engine"] != engine:
        raise BackupError(f"backup is from {manifest['engine']}, this database is {engine}")
    connection.ensure_connection()
    if engine == "sqlite":
        src = sqlite3.connect(source / "database.sqlite3")
        try:
            src.backup(connection.connection)
        finally:
            src.close()
    else:
        env, args, name = _pg_env()
        connection.close()
        result = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                                 *args, "-d", name, str(source / "database.pgdump")],
                                env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(result.stderr.strip())
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
        members = [m for m in tar.getmembers() if m.name == "media" or m.name.startswith("media/")]
        if media.exists():
            shutil.rmtree(media)
        tar.extractall(media.parent if media.name == "media" else _staging(media), members=members,
                       filter="data")
        if media.name != "media":
            shutil.move(str(_staging(media) / "media"), str(media))
            shutil.rmtree(_staging(media), ignore_errors=True)
    return manifest


def _staging(media):
    return media.parent / f".{media.name}-restore"
