"""Production settings that protect citizens: no console/locmem e-mail, the proxy trusted, private files unserved."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ("import django; django.setup(); from django.conf import settings; "
         "print(settings.EMAIL_BACKEND); print(','.join(settings.TRUSTED_PROXIES))")


def production(tmp_path, **env):
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "singlewindow.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50), "VAR_DIR": str(tmp_path), "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"}
    for name in ("EMAIL_BACKEND", "ALLOW_CONSOLE_EMAIL", "TRUSTED_PROXIES"):
        base.pop(name, None)
    base.update(env)
    return subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=base, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("backend", ["console", "locmem", "filebased"])
def test_console_and_memory_backends_are_refused(tmp_path, backend):
    result = production(tmp_path, EMAIL_BACKEND=f"django.core.mail.backends.{backend}.EmailBackend")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "ALLOW_CONSOLE_EMAIL=1" in result.stderr


def test_allowed_explicitly_for_a_trial_run(tmp_path):
    result = production(tmp_path, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
                        ALLOW_CONSOLE_EMAIL="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "django.core.mail.backends.console.EmailBackend"


def test_defaults_smtp_and_the_nginx_on_this_host_as_trusted_proxy(tmp_path):
    result = production(tmp_path)
    assert result.returncode == 0, result.stderr
    backend, proxies = result.stdout.splitlines()[:2]
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert proxies == "127.0.0.1,::1"
    assert production(tmp_path, TRUSTED_PROXIES="").stdout.splitlines()[1] == ""  # empty: trust no proxy
    assert production(tmp_path, TRUSTED_PROXIES="10.0.0.5").stdout.splitlines()[1] == "10.0.0.5"


def test_private_storage_inside_the_media_root_is_a_system_check_error(settings, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CASES_PRIVATE_ROOT = tmp_path / "media" / "private"
    with pytest.raises(SystemCheckError, match="ops.E001"):
        call_command("check")
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    call_command("check")
