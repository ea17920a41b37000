import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opendata.importer import InvalidDocument, import_document
from projects.models import Project


class Command(BaseCommand):
    help = (
        "Import a register document (the open data format) as published projects. All of it is "
        "imported, or nothing. A project whose id is already on the register becomes its next "
        "version."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a JSON document in the register's format")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the register already has projects (used to load demo data)",
        )

    def handle(self, *args, file, if_empty, **options):
        if if_empty and Project.objects.exists():
            self.stdout.write("The register already has projects: nothing imported.")
            return
        path = Path(file)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: is not UTF-8 text") from error
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{file}: is not valid JSON (line {error.lineno}, column {error.colno}: "
                f"{error.msg})"
            ) from error
        try:
            result = import_document(document)
        except InvalidDocument as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file}: nothing was imported: {len(error.problems)} problem(s) found"
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(result.created) + len(result.updated)} project(s): "
                f"{len(result.created)} new, {len(result.updated)} updated as a new version; "
                f"{result.organisations_created} new organisation(s)."
            )
        )
