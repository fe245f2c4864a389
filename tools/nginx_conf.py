"""Render deploy/nginx.conf.template for a loopback nginx (tests, benchmarks) and run it."""
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
ERRORS_ROOT = ROOT / "deploy" / "errors"
DEFAULT_MEDIA_ROOT = ROOT / "var" / "media"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def available():
    return Path(NGINX).exists()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def generation_link(prefix):
    """Where this nginx's cache generation link lives (the app's FRONTEND_CACHE_GENERATION_LINK)."""
    return Path(prefix) / "generation" / "current"


def ensure_generation_link(link):
    """A first generation, as the app makes it at start-up (ops.frontend_cache); kept if present."""
    link = Path(link)
    if not link.exists():
        (link.parent / "g-initial").mkdir(parents=True, exist_ok=True)
        if link.is_symlink():
            link.unlink()
        link.symlink_to("g-initial")


def render(prefix, upstream, listen, static_root, workers=1, server_name="127.0.0.1", media_root=None,
           generation=None):
    prefix = Path(prefix)
    for sub in ("cache", "client_body", "proxy_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    generation = Path(generation or generation_link(prefix))
    ensure_generation_link(generation)
    values = dict(
        # As root, nginx would drop workers to "nobody", who cannot write this temporary prefix.
        USER_DIRECTIVE="user root;" if os.geteuid() == 0 else "",
        WORKERS=workers, PREFIX=prefix, UPSTREAM=upstream, LISTEN=listen,
        SERVER_NAME=server_name, STATIC_ROOT=static_root, MEDIA_ROOT=media_root or DEFAULT_MEDIA_ROOT,
        ERRORS_ROOT=ERRORS_ROOT, GENERATION_LINK=generation,
    )
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{%s}}" % name, str(value))
    conf = prefix / "nginx.conf"
    conf.write_text(text)
    return conf


class Nginx:
    """A loopback nginx started in the foreground of a child process; stopped by stop()."""

    def __init__(self, prefix, upstream, static_root, workers=1, media_root=None):
        self.port = free_port()
        self.generation_link = generation_link(prefix)  # give the app this to make publishes seen at once
        self.conf = render(prefix, upstream, f"127.0.0.1:{self.port}", static_root, workers, media_root=media_root,
                           generation=self.generation_link)
        self.prefix = Path(prefix)
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [NGINX, "-c", str(self.conf), "-p", str(self.prefix), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode())
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        os.environ.pop("NGINX_TEST_URL", None)
