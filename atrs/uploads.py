"""An upload handler that keeps at most a little more than the import's size limit of a file,
in memory, and throws the rest away as it arrives: a huge upload never reaches the disk, and
the form still sees that the file was too large (``reading.read_upload`` refuses it)."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from .reading import MAX_UPLOAD_BYTES


class LimitedUploadHandler(FileUploadHandler):
    keep = MAX_UPLOAD_BYTES + 1

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        room = self.keep - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])
        self.received += len(raw_data)
        return None  # no other handler sees the data

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
