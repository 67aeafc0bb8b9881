"""The PDFium functions the PDF reader calls, bound with ctypes to the library pypdfium2 ships.

pypdfium2's own raw bindings (`pypdfium2_raw`) declare all ~450 PDFium functions when imported:
~25 ms of a cold start, for the 26 used here. So the library in that package's folder is
loaded directly and only these are declared; where pypdfium2 was built against a PDFium of the
system (no library in its folder), its raw bindings are used after all.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from ctypes import POINTER, c_char_p, c_double, c_float, c_int, c_size_t, c_uint, c_ulong, c_void_p


class FS_RECTF(ctypes.Structure):
    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


class FS_MATRIX(ctypes.Structure):
    _fields_ = [(name, c_float) for name in "abcdef"]


_SIGNATURES = {
    "FPDF_InitLibrary": ([], None),
    "FPDF_LoadMemDocument64": ([c_void_p, c_size_t, c_char_p], c_void_p),
    "FPDF_GetLastError": ([], c_ulong),
    "FPDF_CloseDocument": ([c_void_p], None),
    "FPDF_GetPageCount": ([c_void_p], c_int),
    "FPDF_LoadPage": ([c_void_p, c_int], c_void_p),
    "FPDF_ClosePage": ([c_void_p], None),
    "FPDFPage_CountObjects": ([c_void_p], c_int),
    "FPDFPage_GetObject": ([c_void_p, c_int], c_void_p),
    "FPDFPageObj_GetType": ([c_void_p], c_int),
    "FPDFPageObj_GetMatrix": ([c_void_p, POINTER(FS_MATRIX)], c_int),
    "FPDFPageObj_GetFillColor": ([c_void_p] + [POINTER(c_uint)] * 4, c_int),
    "FPDFFormObj_CountObjects": ([c_void_p], c_int),
    "FPDFFormObj_GetObject": ([c_void_p, c_ulong], c_void_p),
    "FPDFPath_CountSegments": ([c_void_p], c_int),
    "FPDFPath_GetPathSegment": ([c_void_p, c_int], c_void_p),
    "FPDFPath_GetDrawMode": ([c_void_p, POINTER(c_int), POINTER(c_int)], c_int),
    "FPDFPathSegment_GetPoint": ([c_void_p, POINTER(c_float), POINTER(c_float)], c_int),
    "FPDFPathSegment_GetType": ([c_void_p], c_int),
    "FPDFPathSegment_GetClose": ([c_void_p], c_int),
    "FPDFText_LoadPage": ([c_void_p], c_void_p),
    "FPDFText_ClosePage": ([c_void_p], None),
    "FPDFText_CountChars": ([c_void_p], c_int),
    "FPDFText_GetUnicode": ([c_void_p, c_int], c_uint),
    "FPDFText_GetLooseCharBox": ([c_void_p, c_int, POINTER(FS_RECTF)], c_int),
    "FPDFText_GetCharBox": ([c_void_p, c_int] + [POINTER(c_double)] * 4, c_int),
}
_NAMES = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}


class _Bindings:
    """The functions as attributes, with the structures they take."""


def load():
    """The bound functions (PDFium initialised), from pypdfium2's library."""
    spec = importlib.util.find_spec("pypdfium2_raw")      # finds the package, runs nothing
    folder = next(iter(spec.submodule_search_locations or []), None) if spec else None
    path = os.path.join(folder, _NAMES.get(sys.platform, "libpdfium.so")) if folder else None
    if path is None or not os.path.exists(path):
        import pypdfium2_raw as raw      # a system PDFium: its full bindings know where
        raw.FPDF_InitLibrary()
        return raw
    lib = ctypes.CDLL(path)
    out = _Bindings()
    out.FS_RECTF, out.FS_MATRIX = FS_RECTF, FS_MATRIX
    for name, (argtypes, restype) in _SIGNATURES.items():
        fn = getattr(lib, name)
        fn.argtypes, fn.restype = argtypes, restype
        setattr(out, name, fn)
    out.FPDF_InitLibrary()
    return out
