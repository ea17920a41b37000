"""Static files are served compressed: Brotli to browsers that accept it, gzip to the others,
the file itself to clients that ask for neither (whitenoise, with the production storage)."""

import gzip

import brotli
import pytest
from django.core.management import call_command
from django.test import Client

import charter_register.settings as production

CSS = "body { color: #0b0c0c; }\n" * 400  # big enough for whitenoise to keep compressed copies


@pytest.fixture
def collected(settings, tmp_path):
    source = tmp_path / "source"
    (source / "css").mkdir(parents=True)
    (source / "css" / "app.css").write_text(CSS)
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "root"
    settings.STORAGES = production.STORAGES  # the manifest storage that compresses
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.templatetags.static import static

    return static("css/app.css")


def test_production_compresses_static_files():
    backend = production.STORAGES["staticfiles"]["BACKEND"]
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_collectstatic_writes_brotli_and_gzip_copies(collected, settings):
    path = settings.STATIC_ROOT / collected.removeprefix("/static/")
    assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()).decode() == CSS
    assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()).decode() == CSS


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("br", "br", brotli.decompress),
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("", None, bytes),
    ],
)
def test_whitenoise_serves_the_encoding_the_browser_accepts(collected, accept, encoding, decode):
    response = Client().get(collected, HTTP_ACCEPT_ENCODING=accept)

    assert response.status_code == 200
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]
    assert decode(b"".join(response.streaming_content)).decode() == CSS
