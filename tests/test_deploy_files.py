"""The deployment files in deploy/ are valid as shipped: nginx accepts its configuration,
and the container files name the settings the docs describe."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def test_nginx_accepts_the_configuration_in_the_repository(tmp_path: Path) -> None:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: run scripts/tools.sh nginx (make test does)",
                    pytrace=False)
    # The shipped file, with a throwaway certificate and paths of its own: nothing else
    # in it is changed before nginx checks it.
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=cramps.example.org", "-keyout", str(tmp_path / "privkey.pem"),
                    "-out", str(tmp_path / "fullchain.pem")], check=True, capture_output=True)
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("/etc/ssl/symptom-decoder", str(tmp_path))
    site = site.replace("/var/log/nginx", str(tmp_path))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n  include {tmp_path}/site.conf;\n}}\n")
    done = subprocess.run([NGINX, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


def test_nginx_replaces_the_clients_forwarded_for_instead_of_appending() -> None:
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site
    assert "$proxy_add_x_forwarded_for" not in site


def test_the_compose_file_runs_the_app_on_postgresql_behind_one_trusted_proxy() -> None:
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    app = compose["services"]["app"]
    assert "/postgres:" in compose["services"]["db"]["image"]
    assert app["environment"]["DATABASE_URL"].startswith("postgresql://")
    assert "SD_SECRET_KEY" in app["environment"]
    assert (ROOT / "deploy" / app["build"]["dockerfile"]).exists() or (
        ROOT / app["build"]["dockerfile"]).exists()
    containerfile = (ROOT / "Containerfile").read_text()
    assert "symptom-decoder" in containerfile and "serve" in containerfile
    assert "USER" in containerfile  # never as root
