"""A real S3-compatible server for the tests that keep files in an object store.

moto's server mode runs as a subprocess on a free port for the whole test session; each test
that asks for `object_store` gets a bucket of its own and the project's default storage
pointed at it, configured exactly as lscb/settings.py configures it from S3_* variables.
Loaded as a pytest plugin from tests/conftest.py.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

ACCESS_KEY = "lscb-test-key"
SECRET_KEY = "lscb-test-secret"  # noqa: S105 - moto accepts any key
REGION = "eu-west-2"


def _require(*modules: str) -> None:
    """Outside CI a development install from before these packages were added skips the
    tests with the fix; in CI (which installs the dev extra) a missing one fails them."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing and not os.environ.get("CI"):
        pytest.skip(f"{', '.join(missing)} not installed: pip install -e '.[dev]'")
    assert not missing, f"{', '.join(missing)} not installed; the dev extra provides them"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_listening(proc: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"The S3 test server stopped at start-up:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"The S3 test server did not start in 60 s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> str:
    """The endpoint URL of a moto server started for this session."""
    _require("storages", "boto3", "moto", "flask")
    port = _free_port()
    log = tmp_path_factory.mktemp("s3-server") / "moto.log"
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_until_listening(proc, port, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The variables an operator sets to keep files in `bucket` (see .env.example)."""
    return {
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_ACCESS_KEY_ID": ACCESS_KEY,
        "S3_SECRET_ACCESS_KEY": SECRET_KEY,
        "S3_REGION": REGION,
    }


@dataclass
class ObjectStore:
    endpoint: str
    bucket: str
    client: object  # a boto3 S3 client, to look at the bucket from outside the app
    environment: dict[str, str]

    def keys(self) -> set[str]:
        listed = self.client.list_objects_v2(Bucket=self.bucket)
        return {item["Key"] for item in listed.get("Contents", [])}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def contents(self) -> dict[str, bytes]:
        return {key: self.read(key) for key in sorted(self.keys())}

    def new_bucket(self) -> ObjectStore:
        """Another empty bucket on the same server, as a second store to restore into."""
        return _bucket(self.endpoint)

    def storage(self):
        """A storage on this bucket, configured by lscb/settings.py's rules."""
        from django.utils.module_loading import import_string

        config = storage_config(self.environment)
        return import_string(config["BACKEND"])(**config["OPTIONS"])


def storage_config(variables: dict[str, str]) -> dict:
    """STORAGES["default"] as lscb/settings.py builds it from these variables."""
    from lscb.settings import env

    with pytest.MonkeyPatch.context() as patch:
        for name, value in variables.items():
            patch.setenv(name, value)
        return env.object_store()


def _bucket(endpoint: str) -> ObjectStore:
    import boto3

    bucket = f"lscb-test-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    return ObjectStore(endpoint, bucket, client, s3_environment(endpoint, bucket))


@pytest.fixture
def object_store(s3_server, settings, tmp_path) -> ObjectStore:
    """A fresh bucket, and the default storage set up for it by lscb/settings.py's own rules;
    MEDIA_ROOT is an empty folder, so a test can show nothing was written to local disk."""
    store = _bucket(s3_server)
    settings.STORAGES = {**settings.STORAGES, "default": storage_config(store.environment)}
    settings.MEDIA_ROOT = str(tmp_path / "local-media")
    return store
