"""The object store is chosen only when the environment names a bucket, and half a
configuration stops the app at start-up with a message naming what is missing."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

BASE = Path(__file__).resolve().parents[2]
S3 = ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_REGION")
MINIO = {
    "S3_BUCKET": "lscb",
    "S3_ENDPOINT_URL": "http://minio:9000",
    "S3_ACCESS_KEY_ID": "lscb",
    "S3_SECRET_ACCESS_KEY": "a-long-secret",
}


@pytest.fixture(autouse=True)
def _needs_storages():
    pytest.importorskip("storages", reason="pip install -e '.[dev]' brings django-storages")


def _storage(monkeypatch, **env: str) -> dict:
    """STORAGES["default"] as lscb/settings.py builds it for this environment."""
    for name in S3:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE / "lscb" / "settings.py"))["STORAGES"]["default"]


def test_without_a_bucket_files_stay_in_the_media_folder(monkeypatch):
    storage = _storage(monkeypatch)
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_on_an_s3_compatible_store_is_private_and_reached_by_path(monkeypatch):
    storage = _storage(monkeypatch, **MINIO)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "lscb"
    assert options["endpoint_url"] == "http://minio:9000"
    assert (options["access_key"], options["secret_key"]) == ("lscb", "a-long-secret")
    assert options["default_acl"] is None  # never public-read: the bucket's own privacy
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] <= 300
    assert options["file_overwrite"] is False
    assert 0 < options["max_memory_size"] <= 5 * 1024 * 1024  # big downloads spool to disk
    assert options["client_config"].s3 == {"addressing_style": "path"}
    assert options["client_config"].read_timeout == 5


def test_a_bucket_on_amazon_needs_a_region_and_may_use_the_machines_role(monkeypatch):
    storage = _storage(monkeypatch, S3_BUCKET="lscb", S3_REGION="eu-west-2")
    options = storage["OPTIONS"]
    assert (options["endpoint_url"], options["region_name"]) == (None, "eu-west-2")
    assert (options["access_key"], options["secret_key"]) == (None, None)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {k: v for k, v in MINIO.items() if k != "S3_BUCKET"},
            "S3_ENDPOINT_URL, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY set without S3_BUCKET",
        ),
        ({"S3_REGION": "eu-west-2"}, "S3_REGION set without S3_BUCKET"),
        (
            {"S3_BUCKET": "lscb", "S3_ENDPOINT_URL": "http://minio:9000"},
            "needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
        ),
        (
            {**MINIO, "S3_SECRET_ACCESS_KEY": ""},
            "needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
        ),
        ({"S3_BUCKET": "lscb"}, "Amazon S3, which needs S3_REGION"),
        (
            {"S3_BUCKET": "lscb", "S3_REGION": "eu-west-2", "S3_ACCESS_KEY_ID": "AKIA"},
            "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither",
        ),
        ({**MINIO, "S3_ENDPOINT_URL": "minio:9000"}, "must be an http:// or https:// address"),
    ],
)
def test_half_a_configuration_stops_the_app(monkeypatch, env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        _storage(monkeypatch, **env)
