"""An upload handler that stops reading a file past the size limit, so an oversized upload is
neither kept in memory nor written to a temporary file before it is refused."""

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest


class SizeLimitHandler(FileUploadHandler):
    """Placed first: passes chunks on to Django's handlers until ``limit`` bytes are exceeded,
    then skips the file and remembers it did."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.exceeded = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def limit_upload_size(request: HttpRequest, limit: int) -> SizeLimitHandler:
    """Must run before anything reads ``request.POST`` or ``request.FILES``."""
    handler = SizeLimitHandler(request, limit)
    request.upload_handlers.insert(0, handler)
    return handler
