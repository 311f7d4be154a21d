"""The QR code's modules, computed without an image library."""

from __future__ import annotations

from bisect import bisect_left

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import BIT_LIMIT_TABLE, MODE_8BIT_BYTE, QRData

QR_MASK = 2


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR code's modules (True = dark), quiet zone excluded, with no image library.

    Byte mode, level M, the smallest version that holds the data, and one fixed mask: readers
    decode any of the eight, and scoring all eight (qrcode's default) costs four times the rest.
    """
    payload, limits = data.encode(), BIT_LIMIT_TABLE[ERROR_CORRECT_M]  # data bits per version
    version = bisect_left(limits, 4 + 8 + 8 * len(payload), 1)  # mode, length, bytes
    if version > 9:  # the length takes 16 bits from version 10 on
        version = bisect_left(limits, 4 + 16 + 8 * len(payload), 10)
    code = qrcode.QRCode(version, ERROR_CORRECT_M, border=0, mask_pattern=QR_MASK)
    code.add_data(QRData(payload, MODE_8BIT_BYTE))
    code.make(fit=False)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix
