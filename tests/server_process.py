"""The app as a real server process for tests: gunicorn on a loopback port, on a database of
its own (a SQLite file, or a new database on the PostgreSQL server that DATABASE_URL names)."""
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from tools.nginx_conf import free_port

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv/bin/python") if (ROOT / ".venv/bin/python").exists() else sys.executable


def on_postgresql():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


class ScratchDatabase:
    """A database only one test uses: a SQLite file under ``directory``, or a new PostgreSQL
    database on the server of DATABASE_URL, dropped afterwards."""

    def __init__(self, directory):
        self.url = os.environ.get("DATABASE_URL", "")
        self.directory = Path(directory)
        self.pg_name = None

    def __enter__(self):
        if on_postgresql():
            self.pg_name = f"scratch_{uuid.uuid4().hex[:12]}"
            self.admin_sql(f'CREATE DATABASE "{self.pg_name}"')
            self.env = {"DATABASE_URL": self.url.rsplit("/", 1)[0] + "/" + self.pg_name}
        else:
            self.env = {"DATABASE_URL": f"sqlite:///{self.directory / 'db.sqlite3'}"}
        return self

    def admin_sql(self, *statements):
        import dj_database_url
        import psycopg
        config = dj_database_url.parse(self.url)
        with psycopg.connect(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
                             user=config["USER"], password=config["PASSWORD"], dbname="postgres",
                             autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def __exit__(self, *exc):
        if self.pg_name:
            self.admin_sql(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def server_env(var_dir, database, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(database.env)
    env.update({
        # dev settings with DEBUG off: production's Secure cookies would not travel over plain http
        "DJANGO_SETTINGS_MODULE": "singlewindow.settings.dev", "DEBUG": "0",
        "VAR_DIR": str(var_dir), "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    })
    env.update(extra)
    return env


def manage(env, *args):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}: {process.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


@contextmanager
def gunicorn(env, workers=3, threads=4):
    """Yields the base URL of a running gunicorn; stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "singlewindow.wsgi", "-w", str(workers), "--threads", str(threads),
         "--no-control-socket",  # parallel test servers would fight over ~/.gunicorn/gunicorn.ctl
         "-b", f"127.0.0.1:{port}", "--timeout", "60"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
