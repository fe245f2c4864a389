"""The production stack on loopback for the benchmark and the soak: gunicorn with the production
settings behind nginx (deploy/nginx.conf.template, through tools/nginx_conf.py).

    with ProductionStack(workers=3) as stack:      # var/db.sqlite3 (or DATABASE_URL), as it is
        stack.app_url, stack.nginx.url, stack.env
    with ProductionStack(workers=3, temp_db=True):  # a fresh SQLite database with load_demo

Everything started here is stopped on exit, also after Ctrl-C.
"""
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tools import nginx_conf  # noqa: E402

PYTHON = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")


def production_env(work, var_dir=None, **extra):
    """Environment for the production settings on loopback, static files collected under ``work``.

    ``var_dir`` gives the app its own SQLite database and media (VAR_DIR); without it the app uses
    var/ (or DATABASE_URL) as it is."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "singlewindow.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(40), "ALLOWED_HOSTS": "localhost,127.0.0.1",
           "SECURE_SSL_REDIRECT": "0", "STATIC_ROOT": str(Path(work) / "static"), "LOG_LEVEL": "WARNING",
           # No SMTP server on loopback: e-mails are built and dropped (production refuses console/locmem).
           "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    if var_dir is not None:
        env["VAR_DIR"] = str(var_dir)
        env.pop("DATABASE_URL", None)  # the fresh SQLite database under VAR_DIR, not a shared one
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, quiet=False):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)


def prepare(env, demo=False):
    """migrate, load_demo (a fresh database only) and collectstatic."""
    manage(env, "migrate", "--noinput", "-v0", quiet=demo)  # a fresh database: modeltranslation's sync notes
    if demo:
        manage(env, "load_demo", "-v0", quiet=True)  # it prints its counts even at -v0
    manage(env, "collectstatic", "--noinput", "-v0")


def django_output(env, code):
    """Run Python ``code`` after django.setup() with ``env``; its standard output."""
    env = {**env, "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"}
    return subprocess.run([PYTHON, "-c", "import django;django.setup()\n" + code], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout


def wait_for(url, timeout=30, host=None):
    """The body of url once it answers; ``host`` sets the Host header (nginx's cache key has it)."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def start_gunicorn(env, port, workers, extra_args=()):
    return subprocess.Popen([GUNICORN, "--chdir", "site", "--workers", str(workers), "--no-control-socket",
                             "--bind", f"127.0.0.1:{port}", "--log-level", "warning", *extra_args,
                             "singlewindow.wsgi"], cwd=ROOT, env=env)


def stop_process(process, timeout=20):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


class ProductionStack:
    """gunicorn (production settings) behind a loopback nginx with its page cache."""

    def __init__(self, workers=3, nginx_workers=2, temp_db=False, gunicorn_args=(), env_extra=None,
                 prefix="stack-", demo=None):
        self.workers, self.nginx_workers, self.temp_db = workers, nginx_workers, temp_db
        self.demo = temp_db if demo is None else demo  # load_demo into the fresh database
        self.gunicorn_args, self.env_extra, self.prefix = tuple(gunicorn_args), env_extra or {}, prefix
        self.work = self.env = self.gunicorn = self.nginx = self.app_port = None

    @property
    def media_root(self):
        """MEDIA_ROOT of the app as started (production settings: $MEDIA_ROOT, else $VAR_DIR/media)."""
        if self.env.get("MEDIA_ROOT"):
            return Path(self.env["MEDIA_ROOT"])
        return Path(self.env.get("VAR_DIR") or ROOT / "var") / "media"

    @property
    def app_url(self):
        return f"http://127.0.0.1:{self.app_port}"

    def __enter__(self):
        self.work = Path(tempfile.mkdtemp(prefix=self.prefix))
        try:
            self.env = production_env(self.work, self.work / "var" if self.temp_db else None, **self.env_extra)
            self.app_port = nginx_conf.free_port()
            self.nginx = nginx_conf.Nginx(self.work / "nginx", f"127.0.0.1:{self.app_port}",
                                          self.work / "static", workers=self.nginx_workers,
                                          media_root=self.media_root)
            prepare(self.env, demo=self.demo)
            # As documented (docs/deployment.md): a change refreshes this nginx and starts its new
            # generation (for the app and django_output; load_demo above had no nginx to tell).
            self.env.setdefault("FRONTEND_CACHE_URL", self.nginx.url)
            self.env.setdefault("FRONTEND_CACHE_GENERATION_LINK", str(self.nginx.generation_link))
            self.gunicorn = start_gunicorn(self.env, self.app_port, self.workers, self.gunicorn_args)
            wait_for(f"{self.app_url}/healthz", timeout=120)  # a loaded CI machine starts workers slowly
            self.nginx.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            if self.nginx:
                self.nginx.stop()
        finally:
            stop_process(self.gunicorn)
            if self.work:
                shutil.rmtree(self.work, ignore_errors=True)
